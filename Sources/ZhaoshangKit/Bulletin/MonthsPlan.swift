/// What a month's bulletin reads of the months before it, decided over values, so that SQLite's and PostgreSQL's
/// stores read the same months the same way and differ only in how they fetch rows.
package enum MonthsPlan {
  /// Runs of short months are followed back unit by unit once the units still running are at most this share of
  /// the roster's units (`ShortRunsWalk.goesUnitByUnit`); before, a month is computed whole.
  package static let unitByUnitShare = 0.125

  /// How many months a walk back computes together when it computes whole: a pass holds its months' trips at once,
  /// and on a 5,000,000-trip ledger twelve doubled the bulletin's peak memory (128 MiB against 66) for a fifth less
  /// time.
  package static let computedBackTogether = 3

  /// Whether the bulletin `month`'s close published speaks for every month before it as they stand today: every
  /// month of the ledger from its `first` to `month` is closed, each before `month` was, and none reopened since
  /// (`closes` are those in force). The months before were then in force exactly as they are now, so the runs of
  /// short months it counted and its year to date are what walking back through those closes would find today.
  package static func publishedChainHolds(
    through month: Month, closes: [Month: ClosedMonthRule.Close], first: Month?
  ) -> Bool {
    guard let last = closes[month], let first, first <= month else { return false }
    var cursor = first
    while cursor < month {
      guard let close = closes[cursor], close.id < last.id, cursor.next > cursor else { return false }
      cursor = cursor.next
    }
    return true
  }

  /// The month whose publication would carry the year before `month` forward: the month before, in the same year.
  package static func carryingYear(before month: Month) -> Month? {
    month.previous.year == month.year && month.previous < month ? month.previous : nil
  }

  /// The months of `month`'s year before it, oldest first.
  package static func earlierThisYear(_ month: Month) -> [Month] {
    var months: [Month] = []
    var cursor = Month(year: month.year, month: 1) ?? month
    while cursor < month {
      months.append(cursor)
      cursor = cursor.next
    }
    return months
  }

  /// The months a walk back computes together with `month` (which needs computing): the month and those just
  /// before it that need computing too, newest first, up to `computedBackTogether`.
  package static func computedBack(from month: Month, needsComputing: (Month) throws -> Bool) rethrows -> [Month] {
    var months = [month]
    var earlier = month.previous
    while months.count < computedBackTogether, earlier < month, try needsComputing(earlier) {
      months.append(earlier)
      earlier = earlier.previous
    }
    return months
  }

  /// `computedBack` for a store whose reads are asynchronous.
  package static func computedBack<Failure: Error>(
    from month: Month, needsComputing: (Month) async throws(Failure) -> Bool
  ) async throws(Failure) -> [Month] {
    var months = [month]
    var earlier = month.previous
    while months.count < computedBackTogether, earlier < month, try await needsComputing(earlier) {
      months.append(earlier)
      earlier = earlier.previous
    }
    return months
  }
}
