/// Excel's day numbers (serials) and the number formats that show them as dates.
public enum ExcelDate {
  /// 1899-12-30, day 0 of the 1900 system from day 61 on (Excel counts a 1900-02-29 that never was).
  static let epoch1900 = -25_569
  /// 1904-01-01, day 0 of the 1904 system (old Mac workbooks, `workbookPr date1904`).
  static let epoch1904 = -24_107

  /// The date of a serial; nil for serial 60 (the non-existent 1900-02-29) and anything before day 1.
  public static func date(serial: Double, date1904: Bool) -> CivilDate? {
    guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    let days = Int(serial.rounded(.down))
    if date1904 { return CivilDate(ordinal: epoch1904 + days) }
    if days == 60 || days < 1 { return nil }
    // Before the phantom leap day the days run one later than the 1899-12-30 epoch gives.
    return CivilDate(ordinal: epoch1900 + days + (days < 60 ? 1 : 0))
  }

  /// The 1900-system serial of a date on or after 1900-03-01, as the writer stores dates.
  public static func serial(_ date: CivilDate) -> Int {
    date.ordinal - epoch1900
  }

  /// Built-in formats that show a date (27–31, 36 and 50–58 are the CJK ones, e.g. 31 = yyyy"年"m"月"d"日").
  static let builtInDateFormats: Set<Int> = Set(14...17).union([22]).union(27...31).union([36]).union(50...58)

  /// Whether a cell styled with this number format holds a date: by the built-in id, else by the code once
  /// quoted text, `\` escapes and `[…]` sections are stripped (LibreOffice writes `yyyy\年m\月d\日`).
  static func isDate(formatID: Int, code: String?) -> Bool {
    if builtInDateFormats.contains(formatID) { return true }
    guard let code else { return false }
    var plain = ""
    var inQuote = false
    var inBracket = false
    var escaped = false
    for character in code {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\" where !inQuote: escaped = true
      case "\"": inQuote.toggle()
      case "[" where !inQuote: inBracket = true
      case "]" where !inQuote: inBracket = false
      default: if !inQuote && !inBracket { plain.append(character) }
      }
    }
    // A section for text after `;` does not decide; the first section does.
    let first = plain.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? plain
    let lower = first.lowercased()
    return lower.contains("y") || lower.contains("d")
  }
}
