/// Tallies trips into `MonthTally`s, one per head, month and kind: what a write adds to the kept tallies, what a
/// recount or a rebuild puts in their place, and what `verify` holds the kept ones to. The one place that decides
/// which of a trip's halves fall in which month, and whether the trip counts, waits, or is left out.
package struct MonthTallies: Sendable {
  package private(set) var tallies: [MonthTally.Key: MonthTally] = [:]

  package init() {}

  /// Takes in one trip that is not void, as its halves `lower...upper` (`2 × ordinal` the morning, `+ 1` the
  /// afternoon).
  ///
  /// - Parameter status: the trip's latest review step; nil for a trip the office entered, which counts. Only
  ///   approved trips count and only submitted ones wait: returned and withdrawn trips are left out, as the check
  ///   leaves them out.
  package mutating func add(head: Int64, kind: String, lower: Int, upper: Int, status: ReviewStatus?) {
    guard lower <= upper else { return }
    let counts = status == nil || status == .approved
    guard counts || status?.isPending == true else { return }
    let endDay = upper >> 1
    var span = monthSpan(containing: lower >> 1)
    while true {
      let bits = MonthTally.bits(lower: lower, upper: upper, firstDay: span.first, days: span.last - span.first + 1)
      let ends = endDay <= span.last
      // One lookup of the key, changed in place: an import takes in every trip here, on its reading thread.
      Self.take(
        bits, ending: ends, counts: counts,
        into: &tallies[MonthTally.Key(head: head, month: span.month, kind: kind), default: MonthTally()])
      if ends { break }
      span = monthSpan(containing: span.last + 1)
    }
  }

  private static func take(_ bits: UInt64, ending: Bool, counts: Bool, into tally: inout MonthTally) {
    if counts {
      tally.counted |= bits
      if ending { tally.ending += 1 }
    } else {
      tally.pending |= bits
    }
  }

  /// The month holding the day `ordinal`, with its first and last days' ordinals: the last one found is kept, since
  /// trips come grouped by month more often than not and most lie within one, and working out a day's month costs
  /// more than the rest of `add`.
  private mutating func monthSpan(containing ordinal: Int) -> MonthSpan {
    if let known = lastSpan, known.first <= ordinal, ordinal <= known.last { return known }
    let month = Month(containing: CivilDate(ordinal: ordinal))
    let last = month.lastDay.ordinal
    let span = MonthSpan(month: month, first: last - month.dayCount + 1, last: last)
    lastSpan = span
    return span
  }

  private struct MonthSpan: Sendable {
    let month: Month
    let first: Int
    let last: Int
  }

  private var lastSpan: MonthSpan?

  /// How many tallies are held: a long write hands them to the store in parts (`removeAll`) to keep memory flat.
  package var count: Int { tallies.count }

  /// Forgets every tally taken in so far.
  package mutating func removeAll() { tallies.removeAll(keepingCapacity: true) }

  /// The tallies in key order (`MonthTally.Key`'s: month, kind, head), without empty ones.
  package var sorted: [(key: MonthTally.Key, tally: MonthTally)] {
    tallies.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { (key: $0.key, tally: $0.value) }
  }
}
