import Foundation

/// A data row of a CSV file, read by column key whatever order or language the header used.
public struct CSVRow: Sendable {
  public let record: CSVRecord
  let positions: [String: Int]
  let columns: [String: CSVColumn]
  public let path: String

  /// The trimmed value of a column, or "" when the file has no such column.
  public subscript(key: String) -> String {
    guard let position = positions[key], record.fields.indices.contains(position) else { return "" }
    return record.fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
  }

  public func has(_ key: String) -> Bool { positions[key] != nil }

  public var location: String { "\(path):\(record.line)" }

  /// A problem with one cell: the column as the user named it, the value, what is wrong and what to write.
  public func problem(column key: String, _ zh: String, _ en: String) -> Problem {
    let header = columns[key].map { "\($0.chinese)（\($0.key)）" } ?? key
    let headerEn = columns[key]?.key ?? key
    let value = self[key]
    return Problem(
      location: location, excerpt: record.excerpt,
      Localized("列 \(header)，值「\(value)」：\(zh)", "column \(headerEn), value \"\(value)\": \(en)"))
  }

  public func problem(_ zh: String, _ en: String) -> Problem {
    Problem(location: location, excerpt: record.excerpt, Localized(zh, en))
  }

  /// Reads a date column; nil with a problem added when it cannot be read, nil alone when empty.
  public func date(_ key: String, problems: inout [Problem]) -> DateText? {
    let text = self[key]
    guard !text.isEmpty else { return nil }
    switch DateText.parse(text) {
    case .success(let date): return date
    case .failure(let error):
      problems.append(problem(column: key, error.message.zh, error.message.en))
      return nil
    }
  }
}
