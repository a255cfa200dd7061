import Foundation
import GRDB

extension Ledger {
  // MARK: Month reports

  /// Records that `unit` has reported `month` (报送): all its trips are in, or, with `nothingToReport`, that its
  /// heads did not go out (未外出). Once per unit and month, never changed. Refused for a month not yet begun, for
  /// a unit the month's rule file does not assess, for a 未外出 report beside trips the unit already has, and in
  /// a closed month unless it comes as an amendment, like any other write there.
  @discardableResult
  public func reportMonth(
    unit: String, month: Month, nothingToReport: Bool, rules: RuleBook, today: CivilDate, stamp: Stamp,
    amendment: Amendment? = nil
  ) throws(ZhaoshangError) -> MonthReport {
    let (unit, ruleSet) = try MonthReportRule.admit(
      unit: unit, month: month, rules: rules, today: today, actor: stamp.actor)
    return try write { db in
      if let earlier = try MonthReportRecord.filter(
        MonthReportRecord.Columns.unit == unit && MonthReportRecord.Columns.month == month.iso
      ).fetchOne(db) {
        throw MonthReportRule.alreadyReported(try earlier.report())
      }
      if nothingToReport,
        let refusal = MonthReportRule.refusingNone(
          unit: unit, month: month, trips: try Self.trips(in: month, unit: unit, db: db), rules: ruleSet)
      {
        throw refusal
      }
      try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { $0 == month }
      var record = MonthReportRecord(
        MonthReport(
          unit: unit, month: month, nothingToReport: nothingToReport, recordedBy: stamp.by, recordedAt: stamp.at))
      try record.insert(db)
      try AuditTrail.recordCreated(
        .monthReported, table: .monthReport, range: record.id.map { $0...$0 },
        subject: AuditTrail.Subject(unit: unit, months: month...month), stamp: stamp,
        summary: "\(unit) \(month.iso)\(nothingToReport ? " none" : "")", db: db)
      return try record.report()
    }
  }

  /// Month reports, optionally of one month and of one unit, in the order they were recorded.
  public func monthReports(month: Month? = nil, unit: String? = nil) throws(ZhaoshangError) -> [MonthReport] {
    try read { db in try Self.monthReports(month: month, unit: unit, db: db) }
  }

  static func monthReports(month: Month?, unit: String? = nil, db: Database) throws -> [MonthReport] {
    var request = MonthReportRecord.all()
    if let month { request = request.filter(MonthReportRecord.Columns.month == month.iso) }
    if let unit { request = request.filter(MonthReportRecord.Columns.unit == unit) }
    return try request.order(Column("id")).fetchAll(db).map { try $0.report() }
  }

  /// How complete the month is as of `today`: whether it has begun or ended, whether any trip touches it, and
  /// which units have reported it. Two queries, whatever the number of units.
  public func completeness(month: Month, rules: RuleBook, today: CivilDate) throws(ZhaoshangError)
    -> MonthCompleteness
  {
    let due = (try? rules.ruleSet(for: month))?.explanationDue(for: month) ?? month.next.firstDay
    return try read { db in
      MonthCompleteness(
        month: month, asOf: today, reportsDue: due,
        reports: try Self.monthReports(month: month, db: db), hasTrips: try Self.anyTrip(touching: month, db: db))
    }
  }

  /// Whether any trip that is not void touches the month: one probe of the trips index, and one of the long
  /// trips' partial index.
  static func anyTrip(touching month: Month, db: Database) throws -> Bool {
    let first = month.firstDay
    let earliest = first.adding(days: -CheckQuery.longTripDays)
    return try Bool.fetchOne(
      db,
      sql: """
        SELECT EXISTS (SELECT 1 FROM trip INDEXED BY trip_by_dates
            WHERE start_date BETWEEN ? AND ? AND end_date >= ? AND void_reason IS NULL)
          OR EXISTS (SELECT 1 FROM trip INDEXED BY trip_long_by_start
            WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)
              AND start_date < ? AND end_date >= ? AND void_reason IS NULL)
        """, arguments: [earliest.iso, month.lastDay.iso, first.iso, earliest.iso, first.iso]) ?? false
  }
}
