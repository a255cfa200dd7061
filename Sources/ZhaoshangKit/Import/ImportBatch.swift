/// The rows of a file read into domain values, with the problems of the rows that could not be read.
public struct ImportBatch<Value: Sendable>: Sendable {
  public var entries: [Located<Value>]
  /// Rows that could not be read; the batch must not be written while any remain.
  public var problems: [Problem]
  /// Things worth saying that do not stop the import (an ignored column, a skipped total row).
  public var warnings: [Problem]
  public var encoding: TextEncoding
  /// The file the batch was read from; nil for values typed on the command line.
  public var source: FileSource?

  public init(
    entries: [Located<Value>] = [], problems: [Problem] = [], warnings: [Problem] = [], encoding: TextEncoding = .utf8
  ) {
    self.entries = entries
    self.problems = problems
    self.warnings = warnings
    self.encoding = encoding
  }

  static func ignoredColumnsNote(_ columns: [String], path: String) -> [Problem] {
    guard !columns.isEmpty else { return [] }
    return [
      Problem(
        location: path,
        Localized(
          "已忽略不认识的列：\(columns.joined(separator: "、"))",
          "ignored columns this importer does not read: \(columns.joined(separator: ", "))"))
    ]
  }
}

extension Array where Element == Problem {
  /// Problems in file order, so a clerk can work down the file.
  package func sortedByLine() -> [Problem] {
    enumerated().sorted { left, right in
      let leftLine = left.element.lineNumber ?? Int.max
      let rightLine = right.element.lineNumber ?? Int.max
      return (leftLine, left.offset) < (rightLine, right.offset)
    }.map(\.element)
  }
}

extension Problem {
  /// The line of `FILE:LINE`, or the row of a workbook's `FILE:SHEET!C5`.
  var lineNumber: Int? {
    location.flatMap {
      $0.split(separator: ":").last.flatMap { Int(String($0.reversed().prefix { $0.isNumber }.reversed())) }
    }
  }
}
