/// A walk back from a month through the months before it, counting each short unit's run of short months
/// (`ShortRuns`) one month at a time, and only as far as some run still goes: a store reads each month `next` names,
/// tells the walk which of the `running` units were short in it, and stops when `next` is nil or nothing is
/// known of it (every run still going began after it). Both stores walk the
/// same way; they differ only in how they read a month.
package struct ShortRunsWalk: Sendable {
  /// For each unit short in the month the walk began with, its run so far.
  package private(set) var runs: [String: Int]
  /// The units whose run has not ended yet.
  package private(set) var running: Set<String>
  /// The month to read next; nil once every run has ended, or a month nothing is known of ended them all.
  package private(set) var next: Month?

  /// A walk back from `month`, whose result in force is `last`.
  package init(from month: Month, last: CheckReport) {
    runs = ShortRuns.step([:], last)
    running = Set(runs.keys)
    next = running.isEmpty || !(month.previous < month) ? nil : month.previous
  }

  /// Whether `next` is read for the running units alone, through their own heads' trips, rather than computed
  /// whole: only once they are at most `share` of the roster's `units`, and only when the month is neither frozen
  /// nor computed already (`available`), which then costs nothing more.
  package func goesUnitByUnit(units: Int, share: Double, available: Bool) -> Bool {
    !available && Double(running.count) <= share * Double(units)
  }

  /// Records which units were short in `next` (any others may be named too), and steps back a month.
  package mutating func record(short: Set<String>) {
    guard let month = next else { return }
    for unit in running where !short.contains(unit) { running.remove(unit) }
    for unit in running { runs[unit, default: 0] += 1 }
    next = running.isEmpty || !(month.previous < month) ? nil : month.previous
  }
}
