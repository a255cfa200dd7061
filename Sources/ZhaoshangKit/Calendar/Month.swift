import Foundation

/// A calendar month, the period the policy assesses.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int

  public init?(year: Int, month: Int) {
    guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  public init(containing date: CivilDate) {
    year = date.year
    month = date.month
  }

  public var firstDay: CivilDate { CivilDate(ordinal: lastDay.ordinal - dayCount + 1) }
  public var lastDay: CivilDate {
    CivilDate(year: year, month: month, day: dayCount) ?? CivilDate(ordinal: 0)
  }
  public var dayCount: Int { CivilDate.daysIn(year: year, month: month) }

  /// A month the checked initialiser would refuse: only `next` and `previous` make one, past year 9999 or before
  /// year 1, so that every `while month <= last { month = month.next }` ends whatever `last` is.
  private init(unchecked year: Int, month: Int) {
    self.year = year
    self.month = month
  }

  /// The month after this one; always later, even after December 9999.
  public var next: Month {
    month == 12 ? Month(unchecked: year + 1, month: 1) : Month(unchecked: year, month: month + 1)
  }

  /// The month before this one; always earlier, even before January of year 1.
  public var previous: Month {
    month == 1 ? Month(unchecked: year - 1, month: 12) : Month(unchecked: year, month: month - 1)
  }

  /// `2022-07`.
  public var iso: String {
    year < 1000 ? "\(year)-\(month)" : "\(year)-\(month < 10 ? "0" : "")\(month)"
  }

  public var description: String { iso }

  /// `2022年7月`.
  public var chinese: String { "\(year)年\(month)月" }

  /// Reads `2022-07`, `2022-7`, `2022/7`, `2022.7`, `202207` and `2022年7月`.
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var numbers: [Int]
    if trimmed.count == 6, trimmed.allSatisfy(\.isASCIIDigit), let all = Int(trimmed) {
      numbers = [all / 100, all % 100]
    } else {
      var body = trimmed
      if body.hasSuffix("月") { body.removeLast() }
      let parts = body.split(omittingEmptySubsequences: false, whereSeparator: { "-/.年".contains($0) })
      numbers = parts.compactMap { Int($0) }
      guard numbers.count == 2, parts.count == 2 else {
        return nil
      }
    }
    guard numbers[0] >= 1000, let month = Month(year: numbers[0], month: numbers[1]) else { return nil }
    self = month
  }

  public static func < (lhs: Month, rhs: Month) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
