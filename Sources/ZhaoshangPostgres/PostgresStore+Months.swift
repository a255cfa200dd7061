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
      if let existing = try await Self.closes(month: month, inForce: true, link: link).first {
        throw ZhaoshangError.refused(
          Localized(
            "\(month.chinese)已于 \(stamp.clock.show(existing.closedAt)) 由 \(existing.closedBy) 封存，无需再次封存；如需按现在的数据重新封存，请先运行 zhaoshang reopen --month \(month.iso) --reason \"原因\"",
            "\(month.iso) was already closed on \(stamp.clock.show(existing.closedAt)) by \(existing.closedBy); to close it again with today's data, first run `zhaoshang reopen --month \(month.iso) --reason \"why\"`"
          ))
      }
      guard today >= month.firstDay else {
        throw ZhaoshangError.refused(
          Problem(
            .monthState,
            Localized(
              "\(month.chinese)还没有开始（今天是 \(today.iso)），没有可封存的结果",
              "\(month.iso) has not begun (today is \(today.iso)), so there is no result to close"),
            remedy: Remedy(Localized("；请核对 {action}", "; check {action}"), .field(.month)),
            arguments: ["month": month.iso, "today": today.iso]))
      }
      let ended = today > month.lastDay
      if !ended && !force {
        let firstDayAfter = month.lastDay.adding(days: 1).iso
        throw ZhaoshangError.refused(
          Problem(
            .monthState,
            Localized(
              "\(month.chinese)尚未结束（今天是 \(today.iso)）：本月剩下的日子里还可能外出，封存后这些外出只能作为更正登记，通报的数字也会与实际不符。请在 \(firstDayAfter) 或之后封存；",
              "\(month.iso) has not ended yet (today is \(today.iso)): trips may still happen on its remaining days, and once it is closed they could only be recorded as amendments while the bulletin's figures fall behind. Close it on or after \(firstDayAfter), "
            ),
            remedy: Remedy(Localized("确需提前封存，请{action}", "or {action} to close it now"), .insist),
            arguments: ["month": month.iso, "today": today.iso]))
      }
      var months = try await PostgresMonths(rules: rules, link: link)
      let pending = try await months.trips(in: month).filter { $0.review.isPending && !$0.isVoid }
      if !pending.isEmpty && !force {
        let ids = pending.compactMap(\.id).map(String.init).joined(separator: " ")
        throw ZhaoshangError.conflict(
          Problem(
            .reviewPending,
            Localized(
              "\(month.chinese)还有 \(pending.count) 条外出待审核（编号 \(ids)）：待审核的天数不计入，封存后只能作为更正处理。请先审核；",
              "\(month.iso) still has \(pending.count) \(pending.count == 1 ? "trip" : "trips") waiting for review (ids \(ids)): their days do not count, and once the month is closed they could only be amended. Review them first, "
            ),
            remedy: Remedy(Localized("确需现在封存，请{action}", "or {action} to close now"), .insist),
            arguments: ["month": month.iso, "trips": ids]))
      }
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
            \(report.rules.source.sha256), \(!ended), \(stamp.by), \(stamp.at))
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
        rulesSHA256: report.rules.source.sha256, closedBy: stamp.by, closedAt: stamp.at, forced: !ended,
        reopening: nil)
    }
  }

  public func reopen(month: Month, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> ClosedMonth {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason,
        Localized("解除封存的原因不能为空；请写明原因", "the reason is empty; say why the month is reopened"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("补登7月漏报的外出", "July trips reported late"))))
    }
    try Ledger.requireOffice(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      guard let closed = try await Self.closes(month: month, inForce: true, link: link).first else {
        throw ZhaoshangError.refused(
          Localized(
            "\(month.chinese)没有封存，无需解除；已封存的月份可用 zhaoshang close --list 查看",
            "\(month.iso) is not closed, so there is nothing to reopen; list closed months with `zhaoshang close --list`"
          ))
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

  /// Imports the rows `feed` reads, all or nothing, judged and written as `recordTrips` writes them. The file is
  /// read on a thread of its own (the reader is synchronous), and its rows are then written in one transaction:
  /// held in memory meanwhile, unlike SQLite's import, which inserts them as they stream.
  public func importTrips(
    rules: RuleBook, today: CivilDate, stamp: Stamp, dryRun: Bool, amendment: Amendment?,
    feed: @escaping @Sendable (any ImportSink<Trip>) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError) -> ImportReport {
    try Ledger.requireWriter(stamp.actor)
    let read = try await TripRows.read(feed)
    return try await write(dryRun: dryRun) { link throws(ZhaoshangError) in
      let written = try await Self.writeTrips(
        read.entries, carrying: read.problems, rules: rules, today: today, stamp: stamp, amendment: amendment,
        file: read.source, link: link)
      return ImportReport(
        added: written.outcome.added.count, alreadyPresent: written.alreadyPresent,
        firstAlreadyPresent: written.outcome.alreadyPresent.compactMap(\.location),
        warnings: read.warnings + written.outcome.warnings, dryRun: dryRun)
    }
  }

}
