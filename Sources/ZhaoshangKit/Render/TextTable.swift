import Foundation

/// A plain-text table aligned by display width, as printed on a terminal.
public struct TextTable: Sendable {
  public var headers: [String]
  public var rows: [[String]]
  /// Columns aligned to the right (numbers).
  public var numeric: Set<Int>

  public init(headers: [String], rows: [[String]] = [], numeric: Set<Int> = []) {
    self.headers = headers
    self.rows = rows
    self.numeric = numeric
  }

  /// Renders the table; `highlight` may wrap a cell in colour after its width was measured.
  public func render(highlight: (_ row: Int, _ column: Int, _ text: String) -> String = { $2 }) -> String {
    var widths = headers.map(DisplayWidth.of)
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], DisplayWidth.of(cell))
      }
    }
    func line(_ cells: [String], row: Int?) -> String {
      cells.enumerated().map { index, cell in
        let padded = DisplayWidth.pad(cell, to: widths[index], alignRight: numeric.contains(index))
        return row.map { highlight($0, index, padded) } ?? padded
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var lines = [line(headers, row: nil)]
    lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for (index, row) in rows.enumerated() { lines.append(line(row, row: index)) }
    return lines.joined(separator: "\n")
  }

  /// The same table as Markdown, which pastes cleanly into documents.
  public func markdown() -> String {
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }
    var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
    lines.append("|" + headers.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined())
    for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
