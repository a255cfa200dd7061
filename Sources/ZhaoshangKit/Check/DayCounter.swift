/// Counts the half days covered by trips inside a window, never counting an overlap twice.
public enum DayCounter {
  /// The number of half-day indices in `window` covered by at least one of `ranges`.
  public static func coveredHalves(_ ranges: [ClosedRange<Int>], within window: ClosedRange<Int>) -> Int {
    merged(ranges, within: window).reduce(0) { $0 + $1.count }
  }

  /// The ranges clipped to `window`, sorted and merged so that no half appears twice.
  public static func merged(_ ranges: [ClosedRange<Int>], within window: ClosedRange<Int>) -> [ClosedRange<Int>] {
    // One array, sized once and merged in place: a bulletin merges a head's ranges for every month it follows
    // back, hundreds of thousands of times, and growing arrays cost more than the merging. Ranges mostly come in
    // order already (a month's tally gives them so), and are sorted only when they do not.
    var merged: [ClosedRange<Int>] = []
    merged.reserveCapacity(ranges.count)
    var ordered = true
    for range in ranges {
      let lower = max(range.lowerBound, window.lowerBound)
      let upper = min(range.upperBound, window.upperBound)
      guard lower <= upper else { continue }
      if let last = merged.last, lower < last.lowerBound { ordered = false }
      merged.append(lower...upper)
    }
    if !ordered { merged.sort { $0.lowerBound < $1.lowerBound } }
    var kept = 0
    for index in merged.indices {
      let range = merged[index]
      if kept > 0, range.lowerBound <= merged[kept - 1].upperBound + 1 {
        merged[kept - 1] = merged[kept - 1].lowerBound...max(merged[kept - 1].upperBound, range.upperBound)
      } else {
        merged[kept] = range
        kept += 1
      }
    }
    merged.removeLast(merged.count - kept)
    return merged
  }

  /// Required days: the minimum, or, when prorating a partial month, ceil(2 x min x A / D) / 2.
  public static func required(minDays: Int, daysInPost: Int, daysInMonth: Int, prorate: Bool) -> DayCount {
    guard prorate, daysInPost < daysInMonth else { return DayCount(days: minDays) }
    let numerator = 2 * minDays * daysInPost
    return DayCount(halves: (numerator + daysInMonth - 1) / daysInMonth)
  }
}
