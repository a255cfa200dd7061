import Foundation

/// Which half of a day a trip boundary falls on, when the record says so.
public enum HalfOfDay: String, Sendable, Hashable {
  case morning
  case afternoon
}

/// A date as clerks write it, optionally marked morning or afternoon.
public struct DateText: Sendable, Equatable {
  public let date: CivilDate
  public let half: HalfOfDay?

  public init(date: CivilDate, half: HalfOfDay? = nil) {
    self.date = date
    self.half = half
  }

  /// The ways of writing a date this tool reads, for error messages.
  public static let acceptedForms = Localized(
    "2022-07-04、2022/7/4、2022.7.4 或 2022年7月4日",
    "2022-07-04, 2022/7/4, 2022.7.4 or 2022年7月4日")

  /// Where the year of a date written without one (`7月27日`) comes from.
  public enum YearSource: Sendable, Equatable {
    /// Nothing gives it: such a date is refused, asking for the year.
    case unstated
    /// The year of the import's month, or the one year of a file's fully written dates.
    case known(Int)
    /// A file whose fully written dates fall in several years: such a date is refused, naming them.
    case ambiguous([Int])
  }

  /// Parses `2022-07-04`, `2022/7/4`, `2022.7.4` or `2022年7月4日`, with an optional ` AM`/` 上午`/` PM`/` 下午`;
  /// a date outside `DateWindow` is refused, however it is written. `7月4日` (or `7月4`) takes its year from
  /// `year`; full-width digits and separators read as their ASCII forms.
  public static func parse(_ raw: String, year: YearSource = .unstated) -> Result<DateText, DateTextError> {
    let result = parseAnyYear(raw, year: year)
    if case .success(let parsed) = result, !DateWindow.contains(parsed.date) { return .failure(.outsideWindow(raw)) }
    return result
  }

  static func parseAnyYear(_ raw: String, year yearSource: YearSource = .unstated) -> Result<DateText, DateTextError> {
    if let plain = parseISO(raw) { return .success(plain) }
    var text = FullWidth.narrowed(raw).trimmingCharacters(in: .whitespacesAndNewlines)
    var half: HalfOfDay?
    for (suffix, value) in [
      ("上午", HalfOfDay.morning), ("下午", .afternoon), ("AM", .morning), ("PM", .afternoon),
      ("am", .morning), ("pm", .afternoon),
    ] where text.hasSuffix(suffix) {
      half = value
      text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
      break
    }
    if text.isEmpty { return .failure(.empty) }
    var body = text
    if body.hasSuffix("日") || body.hasSuffix("号") { body.removeLast() }
    var parts = body.split(omittingEmptySubsequences: false, whereSeparator: { "-/.年月".contains($0) })
    // `7月27日`: the month and day alone, the year from where the caller says.
    let yearless = parts.count == 2
    if yearless, text.contains("月"), !text.contains("年"), body.allSatisfy({ $0 == "月" || $0.isASCIIDigit }) {
      guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 }), let month = Int(parts[0]), let day = Int(parts[1])
      else { return .failure(.unreadable(raw)) }
      switch yearSource {
      case .unstated: return .failure(.yearMissing(raw, month: month, day: day))
      case .ambiguous(let years): return .failure(.yearAmbiguous(raw, month: month, day: day, years: years))
      case .known(let year): parts.insert(Substring(String(year)), at: 0)
      }
    }
    let separatorsAgree =
      text.contains("年") || yearless
      ? text.contains("月") : Set(body.filter { "-/.".contains($0) }).count == 1
    guard parts.count == 3, separatorsAgree,
      parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
      parts[0].count == 4,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return .failure(.unreadable(raw)) }
    guard let date = CivilDate(year: year, month: month, day: day) else {
      return .failure(.impossible(raw, year: year, month: month))
    }
    return .success(DateText(date: date, half: half))
  }
}

extension DateText {
  /// `2022-07-04`, optionally followed by ` AM` or ` PM`, read straight from the bytes: the form every export
  /// writes and nearly every row of a large file holds. Anything else is nil and goes to the full parser,
  /// which reads these forms the same way.
  static func parseISO(_ raw: String) -> DateText? {
    var raw = raw
    return raw.withUTF8 { bytes -> DateText? in
      guard bytes.count == 10 || bytes.count == 13, let date = ISODate.read(bytes) else { return nil }
      guard bytes.count == 13 else { return DateText(date: date) }
      guard bytes[10] == UInt8(ascii: " "), bytes[12] == UInt8(ascii: "M") || bytes[12] == UInt8(ascii: "m") else {
        return nil
      }
      switch bytes[11] {
      case UInt8(ascii: "A") where bytes[12] == UInt8(ascii: "M"),
        UInt8(ascii: "a") where bytes[12] == UInt8(ascii: "m"):
        return DateText(date: date, half: .morning)
      case UInt8(ascii: "P") where bytes[12] == UInt8(ascii: "M"),
        UInt8(ascii: "p") where bytes[12] == UInt8(ascii: "m"):
        return DateText(date: date, half: .afternoon)
      default: return nil
      }
    }
  }
}

/// Why a date could not be read.
public enum DateTextError: Error, Sendable, Equatable {
  case empty
  case unreadable(String)
  case impossible(String, year: Int, month: Int)
  case outsideWindow(String)
  /// `7月27日` where nothing gives the year.
  case yearMissing(String, month: Int, day: Int)
  /// `7月27日` in a file whose written years differ.
  case yearAmbiguous(String, month: Int, day: Int, years: [Int])

  /// Whether the date was refused only for want of its year, which the caller may be able to give.
  public var lacksYear: Bool {
    if case .yearMissing = self { return true }
    if case .yearAmbiguous = self { return true }
    return false
  }

  public var message: Localized {
    let forms = DateText.acceptedForms
    switch self {
    case .empty:
      return Localized("日期为空；请填写日期，如 \(forms.zh)", "the date is empty; write a date such as \(forms.en)")
    case .unreadable(let text):
      return Localized(
        "无法识别日期「\(text)」；请写成 \(forms.zh)", "cannot read the date \"\(text)\"; write it as \(forms.en)")
    case .outsideWindow(let text):
      return DateWindow.refusal(of: text)
    case .yearMissing(let text, let month, let day):
      return Localized(
        "日期「\(text)」没有写年份；请写全，如 2022年\(month)月\(day)日",
        "the date \"\(text)\" has no year; write it in full, such as 2022年\(month)月\(day)日")
    case .yearAmbiguous(let text, let month, let day, let years):
      let listed = years.sorted().map(String.init)
      let example = listed.first ?? "2022"
      return Localized(
        "日期「\(text)」没有写年份，而文件中写全的日期分属 \(listed.joined(separator: "、")) 年，无法确定是哪一年；请写全，如 \(example)年\(month)月\(day)日",
        "the date \"\(text)\" has no year, and the file's full dates fall in \(listed.joined(separator: " and ")), so the year is unclear; write it in full, such as \(example)年\(month)月\(day)日"
      )
    case .impossible(let text, let year, let month):
      guard (1...12).contains(month) else {
        return Localized(
          "日期「\(text)」不存在：没有\(month)月；月份请写 1 到 12",
          "the date \"\(text)\" does not exist: there is no month \(month); write a month from 1 to 12")
      }
      let last = CivilDate.daysIn(year: year, month: month)
      return Localized(
        "日期「\(text)」不存在：\(year)年\(month)月只有\(last)天；请改为实际日期",
        "the date \"\(text)\" does not exist: \(year)-\(month) has only \(last) days; write a real date")
    }
  }
}
