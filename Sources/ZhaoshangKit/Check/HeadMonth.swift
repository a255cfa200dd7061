/// One head's month, day by day: which days count (in post, a working day where only those count, not on
/// leave), and from that the counted halves and the days held to (A) and in the month (D).
struct HeadMonth {
  let daysInMonth: Int
  let daysHeldTo: Int
  let countedHalves: Int
  /// Halves that trips waiting for review would add to the counted ones, were they approved.
  let pendingHalves: Int

  /// - Parameters:
  ///   - trips: the head's counted trips, as half-day ranges.
  ///   - pending: the head's trips waiting for review, as half-day ranges.
  ///   - leaves: the head's leave.
  init(
    posts: [Post], month: Month, rules: RuleSet, trips: [ClosedRange<Int>], pending: [ClosedRange<Int>] = [],
    leaves: [Leave]
  ) {
    self.init(
      posts: posts, days: MonthDays(month: month, rules: rules), prorateLeave: rules.prorateLeave, trips: trips,
      pending: pending, leaves: leaves)
  }

  /// The same, with the month's days that count found once for every head of the month.
  init(
    posts: [Post], days: MonthDays, prorateLeave: Bool, trips: [ClosedRange<Int>], pending: [ClosedRange<Int>] = [],
    leaves: [Leave]
  ) {
    let first = days.first
    let last = days.last
    var countable: [Bool]
    var heldTo = 0
    let inPost = posts.compactMap { $0.daysInPost(from: days.firstDay, to: days.lastDay) }
    if leaves.isEmpty && inPost.contains(where: { $0.contains(first) && $0.contains(last) }) {
      // In post all month and never on leave, as nearly every head is: the days that count are the month's own.
      countable = days.counts
      heldTo = days.count
    } else {
      countable = [Bool](repeating: false, count: last - first + 1)
      for ordinal in first...last where days.counts[ordinal - first] {
        guard inPost.contains(where: { $0.contains(ordinal) }) else { continue }
        let onLeave = !leaves.isEmpty && leaves.contains { $0.covers(ordinal: ordinal) }
        if !onLeave || !prorateLeave { heldTo += 1 }
        // A day on leave is never a day out, whatever the trip records say.
        countable[ordinal - first] = !onLeave
      }
    }
    let monthDays = days.count
    let window = (first * 2)...(last * 2 + 1)
    var halves = 0
    for range in DayCounter.merged(trips, within: window) {
      for half in range where countable[half / 2 - first] { halves += 1 }
    }
    var withPending = halves
    if !pending.isEmpty {
      withPending = 0
      for range in DayCounter.merged(trips + pending, within: window) {
        for half in range where countable[half / 2 - first] { withPending += 1 }
      }
    }
    daysInMonth = monthDays
    daysHeldTo = heldTo
    countedHalves = halves
    pendingHalves = withPending - halves
  }
}
