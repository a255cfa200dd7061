import GRDB

extension Ledger {
  /// The year's summary from each month's result in force (closed months as frozen unless `current`): the months
  /// of the ledger (`MonthResults.isMember`: closed, or over and reported or with a trip starting in it).
  public func summary(year: Int, rules: RuleBook, today: CivilDate, current: Bool = false) throws(ZhaoshangError)
    -> YearSummary
  {
    try read { db in
      var months = try MonthResults(db: db, rules: rules, ignoringFreezes: current, today: today)
      let over = YearSummary.monthsCounted(year: year, today: today, current: current) { months.closes[$0] != nil }
      try months.computeWhereNeeded(over)
      var reports: [CheckReport] = []
      for month in over {
        if let report = try months.inForce(month) { reports.append(report) }
      }
      let carried = try reports.first.map { try months.shortRuns(endingAt: $0.month.previous) } ?? [:]
      return YearSummary.build(year: year, reports: reports, carriedShortRuns: carried)
    }
  }
}
