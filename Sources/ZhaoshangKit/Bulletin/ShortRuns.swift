/// Counts consecutive short months: one short month is explained, a run of them is escalated (约谈).
public enum ShortRuns {
  /// For each unit short in the last report, how many months in a row it was short, ending with that report.
  ///
  /// - Parameter reports: monthly results, oldest first. A month missing between two reports ends every run,
  ///   since nothing is known of it; a unit not assessed in a month (vacant, or not in its rules) ends its run.
  public static func ending(_ reports: [CheckReport]) -> [String: Int] {
    var runs: [String: Int] = [:]
    var previous: Month?
    for report in reports {
      if let previous, previous.next != report.month { runs = [:] }
      runs = step(runs, report)
      previous = report.month
    }
    return runs
  }

  /// The runs after one more month: short units extend theirs, every other unit's run ends.
  static func step(_ runs: [String: Int], _ report: CheckReport) -> [String: Int] {
    var next: [String: Int] = [:]
    for unit in report.units where unit.status == .short {
      next[unit.unit] = (runs[unit.unit] ?? 0) + 1
    }
    return next
  }
}
