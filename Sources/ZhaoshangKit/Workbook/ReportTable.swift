/// A report laid out for a workbook: a title, a header, rows of typed cells and notes below. Each report's
/// renderer builds one from the same rows it prints as a table or CSV; `XLSXWriter` writes any of them.
public struct ReportTable: Sendable, Equatable {
  public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case date(CivilDate)
    case empty
  }

  /// How the text cells of a column are stored: days as numbers (halves included), dates as date cells.
  public enum ColumnKind: Sendable, Equatable {
    case text
    case number
    case date
  }

  /// A drop-down list (data validation) on a column's data rows, so what comes back imports cleanly.
  public struct Choices: Sendable, Equatable {
    public let column: Int
    public let values: [String]

    public init(column: Int, values: [String]) {
      self.column = column
      self.values = values
    }
  }

  /// The sheet's tab name (Excel allows 31 characters, none of `[]:*?/\`).
  public var sheetName: String
  /// The title row, e.g. 2022年7月外出招商天数考核.
  public var title: String
  /// Lines between the title and the header, such as `填报单位：…  填报日期：…` or a form's instructions:
  /// above the header, where the importer looks past them, rather than below where they would be rows.
  public var preamble: [String]
  public var header: [String]
  public var rows: [[Cell]]
  /// Lines printed below the table (a summary, warnings).
  public var notes: [String]
  public var choices: [Choices]
  /// Empty data rows given the drop-downs and formats, for a blank form.
  public var blankRows: Int

  public init(
    sheetName: String, title: String, preamble: [String] = [], header: [String], rows: [[Cell]],
    notes: [String] = [], choices: [Choices] = [], blankRows: Int = 0
  ) {
    self.sheetName = Self.safeSheetName(sheetName)
    self.title = title
    self.preamble = preamble
    self.header = header
    self.rows = rows
    self.notes = notes
    self.choices = choices
    self.blankRows = blankRows
  }

  /// Builds the table from the text rows a renderer already makes, storing the columns of `kinds` as numbers
  /// or dates (`2022-07-04`); text that is not a number or a date stays text, an empty string an empty cell.
  public init(
    sheetName: String, title: String, preamble: [String] = [], header: [String], textRows: [[String]],
    kinds: [Int: ColumnKind] = [:], notes: [String] = []
  ) {
    let rows = textRows.map { row in
      row.enumerated().map { index, text -> Cell in
        if text.isEmpty { return .empty }
        switch kinds[index] ?? .text {
        case .text: return .text(text)
        case .number: return Double(text).map(Cell.number) ?? .text(text)
        case .date: return CivilDate(iso: text).map(Cell.date) ?? .text(text)
        }
      }
    }
    self.init(sheetName: sheetName, title: title, preamble: preamble, header: header, rows: rows, notes: notes)
  }

  static func safeSheetName(_ name: String) -> String {
    let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    return cleaned.isEmpty ? "Sheet1" : cleaned
  }
}
