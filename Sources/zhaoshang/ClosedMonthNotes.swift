import ZhaoshangKit

/// The notes that go with a closed month's report, on standard error so they never mix into CSV or JSON.
enum ClosedMonthNotes {
  static func print(
    _ standing: MonthStanding, differences: [Localized], current: Bool, clock: OfficeClock, language: Language
  ) {
    for line in ClosedMonthNotice.lines(
      standing, differences: differences, showingCurrent: current, clock: clock, language: language)
    {
      Console.note(line)
    }
  }
}
