import ZhaoshangKit

/// The year's summary on PostgreSQL: the months SQLite's `Ledger.summary` counts (`YearSummary.monthsCounted`), each
/// month's result in force and the runs carried into January read through `PostgresMonths` (ignoring closes with
/// `current`, as SQLite's `MonthResults` does), those computed today from the kept tallies in one query, and the
/// summary itself built by the core (`YearSummary.build`).
extension PostgresStore {
  public func summary(year: Int, rules: RuleBook, today: CivilDate, current: Bool) async throws(ZhaoshangError)
    -> YearSummary
  {
    try await read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, ignoringFreezes: current, today: today, link: link)
      let closes = months.closes
      var reports: [CheckReport] = []
      let counted = YearSummary.monthsCounted(
        year: year, today: today, current: current, isClosed: { closes[$0] != nil })
      try await months.computeFromTallies(counted)
      for month in counted {
        if let report = try await months.inForce(month) { reports.append(report) }
      }
      var carried: [String: Int] = [:]
      if let first = reports.first { carried = try await months.shortRuns(endingAt: first.month.previous) }
      return YearSummary.build(year: year, reports: reports, carriedShortRuns: carried)
    }
  }
}
