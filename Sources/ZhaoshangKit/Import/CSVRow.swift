import Foundation

/// A data row of a CSV file, read by column key whatever order or language the header used.
public struct CSVRow: Sendable {
  public let record: CSVRecord
  let positions: [String: Int]
  let columns: [String: CSVColumn]
  public let path: String
  /// The sheet, for a row read from a workbook: locations then name the cell, `FILE:SHEET!C5`.
  var sheet: String? = nil

  /// The trimmed value of a column, or "" when the file has no such column.
  public subscript(key: String) -> String {
    cell(positions[key])
  }

  /// The trimmed value at a column position found once per file, or "" for none: the hot path of an import.
  func cell(_ position: Int?) -> String {
    guard let position, record.fields.indices.contains(position) else { return "" }
    return Self.trimmed(record.fields[position])
  }

  /// The text without surrounding white space; most cells have none, so they are returned as they are,
  /// without Foundation building a new string.
  ///
  /// `spacesOnly` trims `.whitespaces` instead of `.whitespacesAndNewlines`. The sets are only built on the
  /// slow path: each `CharacterSet` getter costs hundreds of instructions, more than the check itself.
  static func trimmed(_ text: String, spacesOnly: Bool = false) -> String {
    if text.isEmpty || (startsPlainly(text.utf8) && endsPlainly(text.utf8)) { return text }
    return text.trimmingCharacters(in: spacesOnly ? .whitespaces : .whitespacesAndNewlines)
  }

  /// The first character is printable ASCII other than space, or U+4000 to U+9FFF (lead byte E4 to E9):
  /// read from the bytes, since decoding scalars costs more than the whole check.
  static func startsPlainly(_ utf8: String.UTF8View) -> Bool {
    guard let byte = utf8.first else { return false }
    return (0x21...0x7E).contains(byte) || (0xE4...0xE9).contains(byte)
  }

  /// The same for the last character: in valid UTF-8 a three-byte lead three bytes from the end starts it.
  static func endsPlainly(_ utf8: String.UTF8View) -> Bool {
    guard let byte = utf8.last else { return false }
    if (0x21...0x7E).contains(byte) { return true }
    guard utf8.count >= 3 else { return false }
    return (0xE4...0xE9).contains(utf8[utf8.index(utf8.endIndex, offsetBy: -3)])
  }

  public func has(_ key: String) -> Bool { positions[key] != nil }

  /// `FILE:LINE`, or for a workbook `FILE:SHEET!A5`, the row's first column as the clerk sees it.
  public var location: String {
    guard sheet != nil else { return "\(path):\(record.line)" }
    return cellLocation(positions.values.min() ?? 0)
  }

  /// `FILE:SHEET!C5` for a column of a workbook row, else the row's location.
  func location(column key: String) -> String {
    guard sheet != nil, let position = positions[key] else { return location }
    return cellLocation(position)
  }

  private func cellLocation(_ column: Int) -> String {
    "\(path):\(sheet ?? "")!\(CellReference(column: column, row: record.line).name)"
  }

  /// A problem with one cell: the column as the user named it, the value, what is wrong and what to write.
  public func problem(column key: String, _ zh: String, _ en: String) -> Problem {
    let header = columns[key].map { "\($0.chinese)（\($0.key)）" } ?? key
    let headerEn = columns[key]?.key ?? key
    let value = self[key]
    return Problem(
      location: location(column: key), field: ProblemField(column: key), excerpt: record.excerpt,
      Localized("列 \(header)，值「\(value)」：\(zh)", "column \(headerEn), value \"\(value)\": \(en)"))
  }

  public func problem(_ zh: String, _ en: String) -> Problem {
    Problem(location: location, excerpt: record.excerpt, Localized(zh, en))
  }

  /// Reads a date column; nil with a problem added when it cannot be read, nil alone when empty.
  public func date(_ key: String, problems: inout [Problem]) -> DateText? {
    date(self[key], column: key, problems: &problems)
  }

  /// Reads a date cell already looked up; `key` names the column in a problem. A date written without its
  /// year (`7月27日`) takes it from `year`, or is refused offering `yearRemedy` besides writing it.
  func date(
    _ text: String, column key: String, year: DateText.YearSource = .unstated, yearRemedy: Remedy? = nil,
    problems: inout [Problem]
  ) -> DateText? {
    guard !text.isEmpty else { return nil }
    switch DateText.parse(text, year: year) {
    case .success(let date): return date
    case .failure(let error):
      var refusal = problem(column: key, error.message.zh, error.message.en)
      refusal.code = .dateInvalid
      if error.lacksYear { refusal.remedy = yearRemedy }
      problems.append(refusal)
      return nil
    }
  }
}
