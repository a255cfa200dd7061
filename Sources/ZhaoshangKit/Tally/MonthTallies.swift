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
    var month = Month(containing: CivilDate(ordinal: lower >> 1))
    let lastMonth = Month(containing: CivilDate(ordinal: upper >> 1))
    while true {
      let firstDay = month.firstDay.ordinal
      let bits = MonthTally.bits(lower: lower, upper: upper, firstDay: firstDay, days: month.dayCount)
      let key = MonthTally.Key(head: head, month: month, kind: kind)
      var tally = tallies[key, default: MonthTally()]
      if counts {
        tally.counted |= bits
        if month == lastMonth { tally.ending += 1 }
      } else {
        tally.pending |= bits
      }
      tallies[key] = tally
      guard month < lastMonth else { break }
      month = month.next
    }
  }

  /// How many tallies are held: a long write hands them to the store in parts (`removeAll`) to keep memory flat.
  package var count: Int { tallies.count }

  /// Forgets every tally taken in so far.
  package mutating func removeAll() { tallies.removeAll(keepingCapacity: true) }

  /// The tallies in key order (month, head, kind), without empty ones.
  package var sorted: [(key: MonthTally.Key, tally: MonthTally)] {
    tallies.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { (key: $0.key, tally: $0.value) }
  }
}
