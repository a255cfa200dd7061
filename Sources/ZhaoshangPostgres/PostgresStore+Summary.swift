import ZhaoshangKit

/// The year's summary on PostgreSQL: the months SQLite's `Ledger.summary` reads, each month's result in force
/// read through `PostgresMonths`, and the summary itself built by the core (`YearSummary.build`).
extension PostgresStore {
  public func summary(year: Int, rules: RuleBook, today: CivilDate, current: Bool) async throws(ZhaoshangError)
    -> YearSummary
  {
    try await read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, today: today, link: link)
      guard let january = Month(year: year, month: 1) else { return YearSummary.build(year: year, reports: []) }
      var reports: [CheckReport] = []
      var cursor = january
      while cursor.year == year {
        // A month counts once over, or once closed unless every month is read from today's data.
        let over = cursor.lastDay < today || (!current && months.closes[cursor] != nil)
        if over, let report = try await Self.inForce(cursor, current: current, months: &months) {
          reports.append(report)
        }
        guard cursor.next > cursor else { break }
        cursor = cursor.next
      }
      var carried: [String: Int] = [:]
      if let first = reports.first {
        carried = try await Self.shortRuns(endingAt: first.month.previous, current: current, months: &months)
      }
      return YearSummary.build(year: year, reports: reports, carriedShortRuns: carried)
    }
  }

  /// The month's result in force; with `current`, a closed month's too is today's computation (SQLite's
  /// `MonthResults` ignoring freezes).
  static func inForce(_ month: Month, current: Bool, months: inout PostgresMonths) async throws(ZhaoshangError)
    -> CheckReport?
  {
    if current, months.closes[month] != nil { return try await months.current(month) }
    return try await months.inForce(month)
  }

  /// For each unit short in `month`, how many months in a row it has been short, ending with `month`: walking
  /// back through the results in force while any unit is still short (`ShortRuns` counts).
  static func shortRuns(endingAt month: Month, current: Bool, months: inout PostgresMonths)
    async throws(ZhaoshangError) -> [String: Int]
  {
    guard let last = try await inForce(month, current: current, months: &months) else { return [:] }
    var reports = [last]
    var running = Set(last.shortUnits.map(\.unit))
    var cursor = month.previous
    while !running.isEmpty, cursor < month, let report = try await inForce(cursor, current: current, months: &months) {
      reports.insert(report, at: 0)
      running.formIntersection(report.shortUnits.map(\.unit))
      guard cursor.previous < cursor else { break }
      cursor = cursor.previous
    }
    return ShortRuns.ending(reports)
  }
}
