/// A month's days that count under the rules (every day, or working days only): the same for every head, so
/// found once per month rather than once per head and day.
struct MonthDays {
  let firstDay: CivilDate
  let lastDay: CivilDate
  let first: Int
  let last: Int
  /// Whether each day of the month counts, from its first day.
  let counts: [Bool]
  /// How many days count (D).
  let count: Int

  init(month: Month, rules: RuleSet) {
    firstDay = month.firstDay
    lastDay = month.lastDay
    first = firstDay.ordinal
    last = lastDay.ordinal
    counts = (first...last).map { ordinal in
      rules.counting == .natural || (rules.calendar?.isWorkingDay(ordinal: ordinal) ?? true)
    }
    count = counts.filter { $0 }.count
  }
}
