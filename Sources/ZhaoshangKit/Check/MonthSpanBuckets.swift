/// Deals the counted trips of several months, read once in order of departure, out to each month they touch, and
/// hands a month over as soon as a trip starting after its last day arrives: memory holds about one month of
/// trips, not the span. Each store reads the rows its own way (SQLite through its indexes' bytes, PostgreSQL in one
/// query); which month a trip counts in, waits in, or ends in is decided here, once.
///
/// Each month gets exactly what one month's check reads for it alone (counted, non-void trips of the month's kinds
/// touching it, apart from those waiting for review), and the count of counted trips ending in it, the bulletin's
/// 人次.
package struct MonthSpanBuckets {
  /// One month's counted trips, keyed by head id.
  package struct MonthHalves: Sendable {
    package var counted: [Int64: [ClosedRange<Int>]] = [:]
    package var pending: [Int64: [ClosedRange<Int>]] = [:]
    /// Counted trips ending in the month, per head: a trip across a month end is one 人次, in the month it ends.
    package var ending: [Int64: Int] = [:]

    package init() {}

    /// Takes in a kept tally of one of the head's kinds (`MonthTally`) for the month whose first day has ordinal
    /// `firstDay`: its halves as the ranges a check reads, and its 人次. A head's kinds are taken in one by one;
    /// the check merges their overlapping halves as it merges overlapping trips.
    package mutating func add(head: Int64, tally: MonthTally, firstDay: Int) {
      if tally.counted != 0 { counted[head, default: []] += MonthTally.ranges(tally.counted, firstDay: firstDay) }
      if tally.pending != 0 { pending[head, default: []] += MonthTally.ranges(tally.pending, firstDay: firstDay) }
      if tally.ending != 0 { ending[head, default: 0] += tally.ending }
    }
  }

  /// The months dealt to, oldest first, each once.
  package let months: [Month]
  private let firsts: [Int]
  private let lasts: [Int]
  private var halves: [MonthHalves]
  /// The oldest month not yet handed over.
  private var open = 0

  package init(months: [Month]) {
    self.months = Array(Set(months)).sorted()
    firsts = self.months.map(\.firstDay.ordinal)
    lasts = self.months.map(\.lastDay.ordinal)
    halves = [MonthHalves](repeating: MonthHalves(), count: self.months.count)
  }

  /// The earliest day a counted trip may start and still reach the span by the short trips' index range: longer
  /// trips (`CheckQuery.longTripDays`) starting earlier are read from the long trips' index apart.
  package var earliestShortStart: CivilDate? {
    months.first.map { $0.firstDay.adding(days: -CheckQuery.longTripDays) }
  }

  /// Deals one trip, given in order of departure (every trip starting before the span's reach may come first, in
  /// any order), as its half-days `lower...upper` (`2 x ordinal` the morning, `+1` the afternoon).
  ///
  /// - Parameter status: the trip's latest review step when it is not `approved`; nil when the trip counts.
  package mutating func add(
    head: Int64, lower: Int, upper: Int, status: ReviewStatus?, handOver: (Month, MonthHalves) throws -> Void
  ) rethrows {
    // The days the halves lie on (`>> 1` rounds down, as the ordinal was doubled).
    let startOrdinal = lower >> 1
    let endOrdinal = upper >> 1
    try handOverMonths(through: startOrdinal, handOver)
    if let status, !status.isPending { return }
    var slot = open
    while slot < months.count, firsts[slot] <= endOrdinal {
      if status == nil {
        halves[slot].counted[head, default: []].append(lower...upper)
        if endOrdinal <= lasts[slot] { halves[slot].ending[head, default: 0] += 1 }
      } else {
        halves[slot].pending[head, default: []].append(lower...upper)
      }
      slot += 1
    }
  }

  /// Hands over every month not handed over yet: call once, after the last trip.
  package mutating func finish(handOver: (Month, MonthHalves) throws -> Void) rethrows {
    try handOverMonths(through: Int.max, handOver)
  }

  private mutating func handOverMonths(through ordinal: Int, _ body: (Month, MonthHalves) throws -> Void) rethrows {
    while open < months.count, lasts[open] < ordinal {
      try body(months[open], halves[open])
      halves[open] = MonthHalves()
      open += 1
    }
  }
}
