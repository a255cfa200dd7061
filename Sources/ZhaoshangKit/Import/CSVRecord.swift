import Foundation

/// One record of a CSV file, with the line it starts on.
public struct CSVRecord: Sendable, Equatable {
  public let fields: [String]
  /// 1-based line number where the record starts (a quoted line break makes a record span lines).
  public let line: Int

  public init(fields: [String], line: Int) {
    self.fields = fields
    self.line = line
  }

  /// The record as one short line, for error messages.
  public var excerpt: String {
    let text = fields.map { $0.contains(",") || $0.contains("\n") ? "\"\($0)\"" : $0 }.joined(separator: ",")
      .replacingOccurrences(of: "\n", with: "⏎")
    return text.count > 160 ? String(text.prefix(157)) + "..." : text
  }

  /// Every field empty or white space; stops at the first other character without building a string.
  public var isBlank: Bool {
    // A record whose first cell starts with a plain character is not blank: the common case, decided
    // without building the character set.
    if let first = fields.first, CSVRow.startsPlainly(first.utf8) { return false }
    let spaces = CharacterSet.whitespaces
    return fields.allSatisfy { field in field.unicodeScalars.allSatisfy { spaces.contains($0) } }
  }
}
