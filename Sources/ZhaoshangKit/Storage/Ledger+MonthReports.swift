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
    let unit = unit.trimmingCharacters(in: .whitespacesAndNewlines)
    try Self.requireWriter(stamp.actor)
    guard stamp.actor.reaches(unit: unit) else {
      throw .forbidden(
        Localized(
          "\(stamp.actor.describe(.zh))只能报送本单位的月份，不能报送「\(unit)」的",
          "\(stamp.actor.describe(.en)) may report its own unit's months only, not \(unit)'s"))
    }
    if TextField.isBlank(unit) {
      throw .invalid(
        .valueMissing, field: .unit, Localized("单位不能为空；请写明报送的单位", "the unit is empty; name the unit that reports"),
        remedy: Remedy(Localized("，如 {action}", ", e.g. {action}"), .fill(.unit, example: Localized("朱坝街道", "朱坝街道"))))
    }
    if let problem = TextField.unit.problem(with: unit) {
      throw .invalidInput([Problem(.textInvalid, field: .unit, problem)])
    }
    guard today >= month.firstDay else {
      throw .refused(
        Problem(
          .monthState,
          Localized(
            "\(month.chinese)还没有开始（今天是 \(today.iso)），不能报送；请在该月开始后再报送",
            "\(month.iso) has not begun (today is \(today.iso)), so it cannot be reported yet; report it once it has begun"
          ), arguments: ["month": month.iso, "today": today.iso]))
    }
    let ruleSet = try rules.ruleSet(for: month)
    guard ruleSet.units.contains(unit) else {
      throw .invalid(
        .unitUnknown, field: .unit, excerpt: unit,
        Localized(
          "\(month.chinese)适用的规则文件中没有单位「\(unit)」；请核对单位名称（zhaoshang rules show 列出全部单位）",
          "the rule file in force for \(month.iso) has no unit \"\(unit)\"; check the name (`zhaoshang rules show` lists every unit)"
        ))
    }
    return try write { db in
      if let earlier = try MonthReportRecord.filter(
        MonthReportRecord.Columns.unit == unit && MonthReportRecord.Columns.month == month.iso
      ).fetchOne(db) {
        let what = earlier.nothingToReport ? ("未外出", "as did not go out") : ("", "")
        throw ZhaoshangError.conflict(
          Localized(
            "\(unit)已于 \(earlier.recordedAt) 报送\(month.chinese)\(what.0.isEmpty ? "" : "（\(what.0)）")（\(earlier.recordedBy)）；每个单位每月只报送一次，报送后不能更改。补登的外出照常登记即可",
            "\(unit) already reported \(month.iso)\(what.1.isEmpty ? "" : " \(what.1)") on \(earlier.recordedAt) (by \(earlier.recordedBy)); a unit reports a month once and the report cannot change. Trips found later are logged as usual"
          ))
      }
      if nothingToReport {
        // Only trips of a kind that counts contradict 未外出: a video call is not going out.
        let trips = try Self.trips(in: month, unit: unit, db: db).filter {
          !$0.isVoid && ruleSet.countedKinds.contains($0.kind)
        }
        if !trips.isEmpty {
          let ids = trips.compactMap(\.id).map(String.init).joined(separator: " ")
          throw ZhaoshangError.refused(
            Localized(
              "\(unit)\(month.chinese)已登记 \(trips.count) 条外出（编号 \(ids)），不能报送未外出；如外出已全部登记，请去掉 --none 报送（本月已报送）",
              "\(unit) has \(trips.count) \(trips.count == 1 ? "trip" : "trips") recorded in \(month.iso) (ids \(ids)), so it cannot report that it did not go out; if every trip is in, report without --none"
            ))
        }
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
