import PostgresNIO
import ZhaoshangKit

/// The month's standing as of a day, and the amendments, as `SQLiteStore` gives them from `Ledger`.
extension PostgresStore {
  public func bulletinStanding(month: Month, rules: RuleBook, today: CivilDate?) async throws(ZhaoshangError)
    -> BulletinStanding
  {
    try await read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, link: link)
      try await months.computeForBulletin(month)
      let standing = try await months.standing(month, asOf: today)
      let current: Result<Bulletin, ZhaoshangError>
      do throws(ZhaoshangError) {
        current = .success(try await months.currentBulletin(month, marking: standing.completeness))
      } catch {
        current = .failure(error)
      }
      return BulletinStanding(standing: standing, current: current)
    }
  }

  public func standing(month: Month, rules: RuleBook, today: CivilDate?) async throws(ZhaoshangError)
    -> MonthStanding
  {
    try await read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, link: link)
      return try await months.standing(month, asOf: today)
    }
  }

  public func amendments(month: Month?) async throws(ZhaoshangError) -> [AmendmentEntry] {
    try await read { link throws(ZhaoshangError) in
      let query: PostgresQuery =
        if let month {
          """
          SELECT id, month, closed_month_id, command, reason, recorded_by, recorded_at FROM amendment
          WHERE month = \(month.iso) ORDER BY id
          """
        } else {
          "SELECT id, month, closed_month_id, command, reason, recorded_by, recorded_at FROM amendment ORDER BY id"
        }
      return try await link.rows(query).compactMap { row in
        guard let month = row[1].flatMap(Month.init(parsing:)) else { return nil }
        return AmendmentEntry(
          id: row[0].flatMap { Int64($0) }, month: month, closedMonthId: row[2].flatMap { Int64($0) } ?? 0,
          command: row[3] ?? "", reason: row[4] ?? "", by: row[5] ?? "", at: row[6] ?? "")
      }
    }
  }
}
