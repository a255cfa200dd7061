/// What one head's trips of one kind make of one month, kept beside the trips as they are written so that the
/// bulletin's year to date and its runs of short months are sums of small rows, not passes over years of trips.
///
/// The halves are bit sets rather than counts: trips overlap, and only the union of their halves counts
/// (`DayCounter`), so a count could not take a new trip in without reading the others. A month has at most 62
/// halves (31 days, a morning and an afternoon each), so one 64-bit integer holds them: bit `i` is half `i` of the
/// month, `2 × (day - 1)` the morning and `+ 1` the afternoon. Which of those halves count (working days, days in
/// post, days not on leave) depends on the rules, the roster and the leave in force when the month is read, so it
/// is applied then (`HeadMonth`), never stored.
package struct MonthTally: Sendable, Hashable {
  /// The head, month and kind a tally is kept for.
  package struct Key: Sendable, Hashable, Comparable {
    package let head: Int64
    package let month: Month
    package let kind: String

    package init(head: Int64, month: Month, kind: String) {
      self.head = head
      self.month = month
      self.kind = kind
    }

    /// The head and month only: a head's month holds a tally for each of at most a few kinds, which equality tells
    /// apart, and hashing the kind's text for every trip an import takes in costs more than those few comparisons.
    package func hash(into hasher: inout Hasher) {
      hasher.combine(head)
      hasher.combine(month.year &* 16 &+ month.month)
    }

    /// As the tables' keys order them: month, then kind, then head. A span of months is one range of rows, and a
    /// month's counted kinds are ranges of it, read without passing over the kinds that do not count.
    package static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.month, lhs.kind, lhs.head) < (rhs.month, rhs.kind, rhs.head)
    }
  }

  /// The month's halves covered by at least one counted trip (not void, approved or entered by the office).
  package var counted: UInt64
  /// The month's halves covered by at least one trip waiting for review.
  package var pending: UInt64
  /// How many counted trips end in the month: the bulletin's 人次, a trip across a month's end counted once, in
  /// the month it ends.
  package var ending: Int

  package init(counted: UInt64 = 0, pending: UInt64 = 0, ending: Int = 0) {
    self.counted = counted
    self.pending = pending
    self.ending = ending
  }

  /// Whether the tally says nothing: such tallies are not kept.
  package var isEmpty: Bool { counted == 0 && pending == 0 && ending == 0 }

  /// Both tallies together: the union of their halves and the sum of their trips.
  package func merged(with other: MonthTally) -> MonthTally {
    MonthTally(counted: counted | other.counted, pending: pending | other.pending, ending: ending + other.ending)
  }

  /// The halves of `bits` as ranges of half-day indices (`2 × ordinal`, `+ 1` the afternoon), as the check reads
  /// trips: `firstDay` is the ordinal of the month's first day.
  package static func ranges(_ bits: UInt64, firstDay: Int) -> [ClosedRange<Int>] {
    var ranges: [ClosedRange<Int>] = []
    // A run starts at each set bit whose lower neighbour is clear: the array is sized once.
    ranges.reserveCapacity((bits & ~(bits << 1)).nonzeroBitCount)
    var rest = bits
    let base = firstDay * 2
    while rest != 0 {
      let lower = rest.trailingZeroBitCount
      // The run of set bits from `lower`: the zeros that follow it, counted in the complement.
      let length = (~(rest >> UInt64(lower))).trailingZeroBitCount
      ranges.append((base + lower)...(base + lower + length - 1))
      rest = length + lower >= 64 ? 0 : rest & ~(((1 << UInt64(length)) - 1) << UInt64(lower))
    }
    return ranges
  }

  /// The bits of the halves `lower...upper` (half-day indices) that fall in the month whose first day has
  /// ordinal `firstDay` and which has `days` days.
  package static func bits(lower: Int, upper: Int, firstDay: Int, days: Int) -> UInt64 {
    let first = max(lower - firstDay * 2, 0)
    let last = min(upper - firstDay * 2, days * 2 - 1)
    guard first <= last else { return 0 }
    let width = last - first + 1
    let run: UInt64 = width >= 64 ? ~0 : (1 << UInt64(width)) - 1
    return run << UInt64(first)
  }
}
