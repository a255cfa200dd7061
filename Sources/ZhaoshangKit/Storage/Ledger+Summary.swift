import GRDB

extension Ledger {
  /// The year's summary from each month's result in force (closed months as frozen unless `current`): the months
  /// of the ledger (`MonthResults.isMember`: closed, or over and reported or with a trip starting in it).
  public func summary(year: Int, rules: RuleBook, today: CivilDate, current: Bool = false) throws(ZhaoshangError)
    -> YearSummary
  {
    try read { db in
      var months = try MonthResults(db: db, rules: rules, ignoringFreezes: current, today: today)
      var reports: [CheckReport] = []
      guard let january = Month(year: year, month: 1) else { return YearSummary.build(year: year, reports: []) }
      var over: [Month] = []
      var cursor = january
      while cursor.year == year {
        if cursor.lastDay < today || (!current && months.closes[cursor] != nil) { over.append(cursor) }
        guard cursor.next > cursor else { break }
        cursor = cursor.next
      }
      try months.computeWhereNeeded(over)
      cursor = january
      while cursor.year == year {
        let over = cursor.lastDay < today || (!current && months.closes[cursor] != nil)
        if over, let report = try months.inForce(cursor) { reports.append(report) }
        guard cursor.next > cursor else { break }
        cursor = cursor.next
      }
      let carried = try reports.first.map { try months.shortRuns(endingAt: $0.month.previous) } ?? [:]
      return YearSummary.build(year: year, reports: reports, carriedShortRuns: carried)
    }
  }
}
