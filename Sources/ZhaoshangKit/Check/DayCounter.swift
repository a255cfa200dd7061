/// Counts the half days covered by trips inside a window, never counting an overlap twice.
public enum DayCounter {
  /// The number of half-day indices in `window` covered by at least one of `ranges`.
  public static func coveredHalves(_ ranges: [ClosedRange<Int>], within window: ClosedRange<Int>) -> Int {
    merged(ranges, within: window).reduce(0) { $0 + $1.count }
  }

  /// The ranges clipped to `window`, sorted and merged so that no half appears twice.
  public static func merged(_ ranges: [ClosedRange<Int>], within window: ClosedRange<Int>) -> [ClosedRange<Int>] {
    let clipped = ranges.compactMap { range -> ClosedRange<Int>? in
      let lower = max(range.lowerBound, window.lowerBound)
      let upper = min(range.upperBound, window.upperBound)
      return lower <= upper ? lower...upper : nil
    }.sorted { $0.lowerBound < $1.lowerBound }
    var result: [ClosedRange<Int>] = []
    for range in clipped {
      if let open = result.last, range.lowerBound <= open.upperBound + 1 {
        result[result.count - 1] = open.lowerBound...max(open.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// Required days: the minimum, or, when prorating a partial month, ceil(2 x min x A / D) / 2.
  public static func required(minDays: Int, daysInPost: Int, daysInMonth: Int, prorate: Bool) -> DayCount {
    guard prorate, daysInPost < daysInMonth else { return DayCount(days: minDays) }
    let numerator = 2 * minDays * daysInPost
    return DayCount(halves: (numerator + daysInMonth - 1) / daysInMonth)
  }
}
