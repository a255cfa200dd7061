/// The month's standing as of a day, and the amendments: `Ledger`'s own computations, on the store's queue.
extension SQLiteStore {
  public func bulletinStanding(month: Month, rules: RuleBook, today: CivilDate?) async throws(ZhaoshangError)
    -> BulletinStanding
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.bulletinStanding(month: month, rules: rules, today: today)
    }
  }

  public func standing(month: Month, rules: RuleBook, today: CivilDate?) async throws(ZhaoshangError)
    -> MonthStanding
  {
    try await run { ledger throws(ZhaoshangError) in try ledger.standing(month: month, rules: rules, today: today) }
  }

  public func amendments(month: Month?) async throws(ZhaoshangError) -> [AmendmentEntry] {
    try await run { ledger throws(ZhaoshangError) in try ledger.amendments(month: month) }
  }
}
