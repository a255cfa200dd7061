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
    // Each cell is measured once; a province's check has tens of thousands of cells.
    let headerWidths = headers.map(DisplayWidth.of)
    let cellWidths = rows.map { $0.map(DisplayWidth.of) }
    var widths = headerWidths
    for row in cellWidths {
      for (index, width) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], width)
      }
    }
    // Each padding is made once, when first needed: `String(repeating:count:)` for every cell cost more than
    // measuring it. Only the lengths the table uses are made, so the work stays in proportion to the output,
    // even for one cell 20,000 columns wide (making every length up to the widest was quadratic in it).
    var paddings: [Int: String] = [:]
    func padding(_ count: Int) -> String {
      if let made = paddings[count] { return made }
      let made = String(repeating: " ", count: count)
      paddings[count] = made
      return made
    }
    func line(_ cells: [String], measured: [Int], row: Int?) -> String {
      cells.enumerated().map { index, cell in
        let padding = padding(max(0, widths[index] - measured[index]))
        let padded = numeric.contains(index) ? padding + cell : cell + padding
        return row.map { highlight($0, index, padded) } ?? padded
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var lines = [line(headers, measured: headerWidths, row: nil)]
    lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for (index, row) in rows.enumerated() { lines.append(line(row, measured: cellWidths[index], row: index)) }
    return lines.joined(separator: "\n")
  }

  /// The widths `render` gives the columns, found a row at a time: a listing too long to hold is measured on a
  /// first reading, then written line by line (`line`) on a second.
  public struct ColumnWidths: Sendable {
    public private(set) var widths: [Int]

    public init(headers: [String]) { widths = headers.map(DisplayWidth.of) }

    public mutating func measure(_ row: [String]) {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], DisplayWidth.of(cell))
      }
    }

    /// The line under the headers.
    public var rule: String { widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") }
  }

  /// One line of the table as `render` writes it (without highlighting), given the widths of all its rows.
  public static func line(_ cells: [String], widths: [Int], numeric: Set<Int>) -> String {
    cells.enumerated().map { index, cell in
      let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
      return numeric.contains(index) ? padding + cell : cell + padding
    }.joined(separator: "  ").trimmingTrailingSpaces()
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
    // Most lines end in spaces after plain text: cut those bytes at once. Only a space that might join the
    // character before it (a rare Prepend scalar, U+0600 and up) is left to the character-by-character loop.
    let bytes = utf8
    let kept = bytes.reversed().drop { $0 == UInt8(ascii: " ") }.count
    if kept == bytes.count { return self }
    let end = bytes.index(bytes.startIndex, offsetBy: kept)
    if let before = self[..<end].unicodeScalars.last, before.value < 0x600 || (0x4E00...0x9FFF).contains(before.value) {
      return String(self[..<end])
    }
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
