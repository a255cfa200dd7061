import Foundation
import PostgresNIO
import ZhaoshangKit

/// Closing and reopening months, explanations and imports on PostgreSQL.
extension PostgresStore {
  public func close(month: Month, rules: RuleBook, today: CivilDate, force: Bool, stamp: Stamp)
    async throws(ZhaoshangError) -> ClosedMonth
  {
    try Ledger.requireOffice(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      let existing = try await Self.closes(month: month, inForce: true, link: link).first
      let forced = try ClosingRule.admit(
        month, today: today, force: force, inForce: existing.map { ($0.closedBy, $0.closedAt) }, clock: stamp.clock)
      var months = try await PostgresMonths(rules: rules, link: link)
      try ClosingRule.requireReviewed(month, trips: try await months.trips(in: month), force: force)
      try await months.computeForBulletin(month)
      let report = try await months.current(month)
      let bulletin = try await months.currentBulletin(month)
      let checkJSON: String
      let bulletinJSON: String
      do {
        checkJSON = try FrozenJSON.frozen(report)
        bulletinJSON = try FrozenJSON.encode(bulletin)
      } catch {
        throw ZhaoshangError.storage(
          Localized(
            "无法保存\(month.chinese)的结果，台账未作改动", "the result of \(month.iso) could not be saved; the ledger is unchanged"))
      }
      guard
        let id = try await link.int64(
          """
          INSERT INTO closed_month (month, check_json, bulletin_json, rules_path, rules_sha256, forced, closed_by,
            closed_at)
          VALUES (\(month.iso), \(checkJSON)::jsonb, \(bulletinJSON)::jsonb, \(report.rules.source.path),
            \(report.rules.source.sha256), \(forced), \(stamp.by), \(stamp.at))
          RETURNING id
          """)
      else {
        throw ZhaoshangError.storage(
          Localized(
            "无法保存\(month.chinese)的结果，台账未作改动", "the result of \(month.iso) could not be saved; the ledger is unchanged"))
      }
      // As on SQLite, the event fingerprints every frozen column as read back, so `verify` names a later edit.
      let frozen = try await Self.auditRows(.closedMonth, in: id...id, link: link).first
      try await Self.append(
        .monthClosed,
        payload: EventPayload(
          month: month.iso, summary: "rules \(report.rules.source.path) sha256 \(report.rules.source.sha256)",
          closedMonthID: id, columnPrints: frozen?.columnPrints(AuditedTable.frozenColumns)),
        subject: AuditTrail.Subject(months: month...month), stamp: stamp, link: link)
      // As read back, as SQLite's returns it: the frozen check is a snapshot of the report.
      return ClosedMonth(
        id: id, month: month, report: (try? FrozenJSON.report(from: checkJSON)) ?? report,
        bulletin: (try? FrozenJSON.decode(Bulletin.self, from: bulletinJSON)) ?? bulletin,
        rulesPath: report.rules.source.path,
        rulesSHA256: report.rules.source.sha256, closedBy: stamp.by, closedAt: stamp.at, forced: forced,
        reopening: nil)
    }
  }

  public func reopen(month: Month, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> ClosedMonth {
    let reason = try ClosingRule.reopenReason(reason)
    try Ledger.requireOffice(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      guard let closed = try await Self.closes(month: month, inForce: true, link: link).first else {
        throw ClosingRule.notClosed(month)
      }
      try await link.execute(
        """
        UPDATE closed_month SET reopened_by = \(stamp.by), reopened_at = \(stamp.at), reopen_reason = \(reason)
        WHERE id = \(closed.id)
        """)
      let amendment = try await link.int64(
        """
        INSERT INTO amendment (closed_month_id, month, command, reason, recorded_by, recorded_at)
        VALUES (\(closed.id), \(month.iso), \("reopen --month \(month.iso)"), \(reason), \(stamp.by), \(stamp.at))
        RETURNING id
        """)
      try await Self.append(
        .monthReopened,
        payload: EventPayload(month: month.iso, reason: reason, closedMonthID: closed.id, amendmentID: amendment),
        subject: AuditTrail.Subject(months: month...month), stamp: stamp, link: link)
      return ClosedMonth(
        id: closed.id, month: closed.month, report: closed.report, bulletin: closed.bulletin,
        rulesPath: closed.rulesPath, rulesSHA256: closed.rulesSHA256, closedBy: closed.closedBy,
        closedAt: closed.closedAt, forced: closed.forced,
        reopening: Reopening(by: stamp.by, at: stamp.at, reason: reason))
    }
  }

  /// The closes of a month (or of all), by month and then oldest first; with `inForce`, only those not reopened.
  static func closes(month: Month?, inForce: Bool, link: PostgresLink) async throws(ZhaoshangError) -> [ClosedMonth] {
    let rows = try await link.rows(
      """
      SELECT id, month, check_json::text, bulletin_json::text, rules_path, rules_sha256, forced, closed_by, closed_at,
        reopened_by, reopened_at, reopen_reason
      FROM closed_month
      WHERE (\(month?.iso)::text IS NULL OR month = \(month?.iso)) AND (NOT \(inForce) OR reopened_at IS NULL)
      ORDER BY month, id
      """)
    var closes: [ClosedMonth] = []
    for row in rows {
      let id = row[0].flatMap { Int64($0) }
      guard let id, let month = row[1].flatMap(Month.init(parsing:)),
        let report = try? FrozenJSON.report(from: row[2] ?? ""),
        let bulletin = try? FrozenJSON.decode(Bulletin.self, from: row[3] ?? "")
      else {
        throw ZhaoshangError.storage(
          Localized(
            "封存记录 \(id ?? 0)（\(row[1] ?? "")）已损坏，无法读取封存的结果",
            "closed month \(id ?? 0) (\(row[1] ?? "")) is damaged; its frozen result cannot be read"))
      }
      closes.append(
        ClosedMonth(
          id: id, month: month, report: report, bulletin: bulletin, rulesPath: row[4] ?? "",
          rulesSHA256: row[5] ?? "", closedBy: row[7] ?? "", closedAt: row[8] ?? "", forced: row[6] == "1",
          reopening: row[10].map { Reopening(by: row[9] ?? "", at: $0, reason: row[11] ?? "") }))
    }
    return closes
  }
}
