/// One head's month, day by day: which days count (in post, a working day where only those count, not on
/// leave), and from that the counted halves and the days held to (A) and in the month (D).
struct HeadMonth {
  let daysInMonth: Int
  let daysHeldTo: Int
  let countedHalves: Int

  /// - Parameters:
  ///   - trips: the head's counted trips, as half-day ranges.
  ///   - leaves: the head's leave.
  init(posts: [Post], month: Month, rules: RuleSet, trips: [ClosedRange<Int>], leaves: [Leave]) {
    let first = month.firstDay.ordinal
    let last = month.lastDay.ordinal
    var countable = [Bool](repeating: false, count: last - first + 1)
    var monthDays = 0
    var heldTo = 0
    let inPost = posts.compactMap { $0.daysInPost(during: month) }
    for ordinal in first...last {
      let counts = rules.counting == .natural || (rules.calendar?.isWorkingDay(ordinal: ordinal) ?? true)
      guard counts else { continue }
      monthDays += 1
      guard inPost.contains(where: { $0.contains(ordinal) }) else { continue }
      let onLeave = leaves.contains { $0.covers(ordinal: ordinal) }
      if !onLeave || !rules.prorateLeave { heldTo += 1 }
      // A day on leave is never a day out, whatever the trip records say.
      countable[ordinal - first] = !onLeave
    }
    var halves = 0
    for range in DayCounter.merged(trips, within: (first * 2)...(last * 2 + 1)) {
      for half in range where countable[half / 2 - first] { halves += 1 }
    }
    daysInMonth = monthDays
    daysHeldTo = heldTo
    countedHalves = halves
  }
}
