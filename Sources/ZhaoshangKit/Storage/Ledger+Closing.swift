import Foundation
import GRDB

extension Ledger {
  // MARK: Closing a month

  /// Freezes a month: stores its check, its bulletin and the rule file's SHA-256, so that what was published
  /// cannot shift under it. Later changes to the month need an amendment.
  ///
  /// - Parameter force: close a month that has not ended yet, or that still has trips waiting for review.
  @discardableResult
  public func close(month: Month, rules: RuleBook, today: CivilDate, force: Bool = false, stamp: Stamp)
    throws(ZhaoshangError) -> ClosedMonth
  {
    try Self.requireOffice(stamp.actor)
    return try write { db in
      let existing = try ClosedMonthRecord.all().inForce().filter(ClosedMonthRecord.Columns.month == month.iso)
        .fetchOne(db)
      let forced = try ClosingRule.admit(
        month, today: today, force: force, inForce: existing.map { ($0.closedBy, $0.closedAt) }, clock: stamp.clock)
      try ClosingRule.requireReviewed(month, trips: try Self.trips(in: month, db: db), force: force)
      var months = try MonthResults(db: db, rules: rules)
      try months.computeForBulletin(month)
      let report = try months.current(month)
      let bulletin = try months.currentBulletin(month)
      var record = ClosedMonthRecord(
        id: nil, month: month.iso, checkJSON: try FrozenJSON.encode(CheckSnapshot(report)),
        bulletinJSON: try FrozenJSON.encode(bulletin), rulesPath: report.rules.source.path,
        rulesSHA256: report.rules.source.sha256, forced: forced, closedBy: stamp.by, closedAt: stamp.at)
      try record.insert(db)
      // What was published is the best-protected thing in the ledger: the event fingerprints every frozen
      // column, as read back, so `verify` names any later edit of the check, the bulletin, the rules or the closer.
      let id = record.id ?? 0
      let frozen = try AuditedTable.closedMonth.rows(in: id...id, db: db).first
      try AuditTrail.append(
        .monthClosed,
        payload: EventPayload(
          month: month.iso, summary: "rules \(report.rules.source.path) sha256 \(report.rules.source.sha256)",
          closedMonthID: id, columnPrints: frozen?.columnPrints(AuditedTable.frozenColumns)),
        subject: AuditTrail.Subject(months: month...month), stamp: stamp, db: db)
      return try record.closedMonth()
    }
  }

  /// Undoes a month's close: the frozen result stays on record, stamped with who reopened it and why, and the
  /// reopening is listed with the month's amendments.
  @discardableResult
  public func reopen(month: Month, reason: String, stamp: Stamp) throws(ZhaoshangError) -> ClosedMonth {
    let reason = try ClosingRule.reopenReason(reason)
    try Self.requireOffice(stamp.actor)
    return try write { db in
      guard
        var record = try ClosedMonthRecord.all().inForce().filter(ClosedMonthRecord.Columns.month == month.iso)
          .fetchOne(db)
      else { throw ClosingRule.notClosed(month) }
      record.reopenedBy = stamp.by
      record.reopenedAt = stamp.at
      record.reopenReason = reason
      try record.update(db)
      var amendment = AmendmentRecord(
        id: nil, closedMonthId: record.id ?? 0, month: month.iso, command: "reopen --month \(month.iso)",
        reason: reason, recordedBy: stamp.by, recordedAt: stamp.at)
      try amendment.insert(db)
      try AuditTrail.append(
        .monthReopened,
        payload: EventPayload(month: month.iso, reason: reason, closedMonthID: record.id, amendmentID: amendment.id),
        subject: AuditTrail.Subject(months: month...month), stamp: stamp, db: db)
      return try record.closedMonth()
    }
  }

  /// Every close, in force or undone, oldest first: the months' publishing history.
  public func closes(month: Month? = nil) throws(ZhaoshangError) -> [ClosedMonth] {
    try read { db in
      var request = ClosedMonthRecord.all()
      if let month { request = request.filter(ClosedMonthRecord.Columns.month == month.iso) }
      return try request.order(ClosedMonthRecord.Columns.month, ClosedMonthRecord.Columns.id).fetchAll(db)
        .map { try $0.closedMonth() }
    }
  }

  /// Amendments, oldest first: of one month, or of every month.
  public func amendments(month: Month? = nil) throws(ZhaoshangError) -> [AmendmentEntry] {
    try read { db in
      var request = AmendmentRecord.all()
      if let month { request = request.filter(AmendmentRecord.Columns.month == month.iso) }
      return try request.order(AmendmentRecord.Columns.id).fetchAll(db).map { try $0.entry() }
    }
  }

  /// The month's result as reports must show it: frozen when closed, today's computation beside it.
  ///
  /// - Parameter today: when given, today's computation is read as of that day (`CheckReport.marking`): the month
  ///   so far or not begun, the units that have not reported marked 未报送 until the due day.
  public func standing(month: Month, rules: RuleBook, today: CivilDate? = nil) throws(ZhaoshangError)
    -> MonthStanding
  {
    try read { db in
      var months = try MonthResults(db: db, rules: rules)
      return try Self.standing(month, months: &months, db: db, today: today, rules: rules)
    }
  }

  /// The month's bulletin as `bulletin` shows it: frozen when closed, today's beside it, read as of `today` when
  /// given (see `standing`).
  public func bulletinStanding(month: Month, rules: RuleBook, today: CivilDate? = nil) throws(ZhaoshangError)
    -> BulletinStanding
  {
    try read { db in
      var months = try MonthResults(db: db, rules: rules)
      try months.computeForBulletin(month)
      let standing = try Self.standing(month, months: &months, db: db, today: today, rules: rules)
      let current: Result<Bulletin, ZhaoshangError>
      do {
        current = .success(try months.currentBulletin(month, marking: standing.completeness))
      } catch let error as ZhaoshangError {
        current = .failure(error)
      }
      return BulletinStanding(standing: standing, current: current)
    }
  }

  static func standing(
    _ month: Month, months: inout MonthResults, db: Database, today: CivilDate? = nil, rules: RuleBook? = nil
  ) throws -> MonthStanding {
    var completeness: MonthCompleteness?
    if let today {
      let due = (try? rules?.ruleSet(for: month))?.explanationDue(for: month) ?? month.next.firstDay
      completeness = MonthCompleteness(
        month: month, asOf: today, reportsDue: due, reports: try monthReports(month: month, db: db),
        hasTrips: try anyTrip(touching: month, db: db))
    }
    let current: Result<CheckReport, ZhaoshangError>
    do {
      current = .success(try months.current(month))
    } catch let error as ZhaoshangError {
      current = .failure(error)
    }
    let history = try ClosedMonthRecord.filter(ClosedMonthRecord.Columns.month == month.iso)
      .order(ClosedMonthRecord.Columns.id).fetchAll(db)
    let inForce = try history.last(where: { $0.reopenedAt == nil })?.closedMonth()
    let lastReopened = inForce == nil ? try history.last?.closedMonth() : nil
    let amendments =
      try inForce.map { closed in
        try AmendmentRecord.filter(AmendmentRecord.Columns.closedMonthId == closed.id)
          .order(AmendmentRecord.Columns.id).fetchAll(db).map { try $0.entry() }
      } ?? []
    return MonthStanding(
      month: month, closed: inForce, current: current, amendments: amendments, lastReopened: lastReopened,
      completeness: completeness)
  }
}
