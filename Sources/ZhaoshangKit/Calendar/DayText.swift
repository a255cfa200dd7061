/// A number of days as clerks write it in a 天数 column: `1`, `0.5`, `1.5天`, `半天`, `一天`, `两天半`, `１．５`.
public enum DayText {
  /// The ways of writing a number of days this tool reads, for error messages.
  public static let acceptedForms = Localized(
    "1、0.5、2.5、1天、1.5天、半天、一天、两天、两天半（全角数字也可以）",
    "1, 0.5, 2.5, 1天, 1.5天, 半天 (half a day), 一天, 两天, 两天半 (full-width digits too)")

  /// Reads a number of days in whole and half days; nil for anything else (a third of a day, a word, a range).
  public static func parse(_ raw: String) -> DayCount? {
    // Nearly every cell is a plain `1` or `2.5`: read without building a new string.
    if let plain = decimalHalves(raw) { return DayCount(halves: plain) }
    var text = FullWidth.narrowed(raw).trimmingCharacters(in: .whitespaces)
    var extraHalf = 0
    // `两天半`, `1天半`: a half after the unit.
    if text.hasSuffix("天半") || text.hasSuffix("日半") {
      extraHalf = 1
      text.removeLast()
    }
    if text.hasSuffix("天") || text.hasSuffix("日") { text.removeLast() }
    text = text.trimmingCharacters(in: .whitespaces)
    if text == "半" || text == "半个" { return extraHalf == 0 ? DayCount(halves: 1) : nil }
    if text.hasSuffix("个") { text.removeLast() }
    guard let halves = decimalHalves(text) ?? chineseNumeral(text).map({ $0 * 2 }) else { return nil }
    return DayCount(halves: halves + extraHalf)
  }

  /// `2`, `2.5`, `2.0`, `0.50` as halves; nil for anything else, a quarter day included.
  static func decimalHalves(_ text: String) -> Int? {
    var whole = 0
    var digits = 0
    var fraction: [UInt8] = []
    var seenPoint = false
    for byte in text.utf8 {
      if byte == UInt8(ascii: ".") {
        guard !seenPoint, digits > 0 else { return nil }
        seenPoint = true
      } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        if seenPoint {
          fraction.append(byte - UInt8(ascii: "0"))
        } else {
          guard digits < 4 else { return nil }
          whole = whole * 10 + Int(byte - UInt8(ascii: "0"))
          digits += 1
        }
      } else {
        return nil
      }
    }
    guard digits > 0 else { return nil }
    let significant = Array(fraction.reversed().drop(while: { $0 == 0 }).reversed())
    switch significant {
    case []: return whole * 2
    case [5]: return whole * 2 + 1
    default: return nil
    }
  }

  /// `一` to `九十九` (`两` for two, `十二`, `二十`); nil for anything else.
  static func chineseNumeral(_ text: String) -> Int? {
    let digits: [Character: Int] = [
      "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    let characters = Array(text)
    switch characters.count {
    case 1:
      if characters[0] == "十" { return 10 }
      return digits[characters[0]]
    case 2:
      if characters[0] == "十", let unit = digits[characters[1]], unit > 0 { return 10 + unit }
      if let tens = digits[characters[0]], tens > 1, characters[1] == "十" { return tens * 10 }
      return nil
    case 3:
      guard let tens = digits[characters[0]], tens > 1, characters[1] == "十", let unit = digits[characters[2]],
        unit > 0
      else { return nil }
      return tens * 10 + unit
    default: return nil
    }
  }
}
