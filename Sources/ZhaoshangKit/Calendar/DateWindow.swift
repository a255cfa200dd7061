/// The dates zhaoshang accepts anywhere a date is read: 2000-01-01 to 2099-12-31.
///
/// A year typed wrong (`2202`, `0222`) would otherwise be recorded as a trip of centuries, and every month loop
/// would run from year 1 to year 9999. The policy is a 21st-century one; the window is documented in the README.
public enum DateWindow {
  /// 2000-01-01: 10,957 days after 1970-01-01.
  public static let first = CivilDate(ordinal: 10_957)
  /// 2099-12-31: 47,481 days after 1970-01-01.
  public static let last = CivilDate(ordinal: 47_481)

  public static func contains(_ date: CivilDate) -> Bool { first <= date && date <= last }

  public static func contains(_ month: Month) -> Bool {
    (first.year...last.year).contains(month.year)
  }

  /// Why `text` (the date as written) is refused, naming the window and what to check.
  public static func refusal(of text: String) -> Localized {
    Localized(
      "日期「\(text)」超出可登记的范围（\(first.iso) 至 \(last.iso)）；请检查年份是否写错",
      "the date \"\(text)\" is outside the dates zhaoshang accepts (\(first.iso) to \(last.iso)); check the year")
  }
}
