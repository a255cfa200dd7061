import Foundation

/// A cell as Excel stores it, read by type rather than by how it is shown.
public enum CellValue: Sendable, Equatable {
  case text(String)
  case number(Double)
  case bool(Bool)
  /// A number in a date format, already turned into a date.
  case date(CivilDate)
  /// An error value such as `#N/A`, kept as written.
  case error(String)

  /// The cell as the CSV twin of the sheet would hold it, so both go through one importer: whole numbers
  /// without `.0`, halves as `2.5`, dates as `2022-07-04`.
  public var text: String {
    switch self {
    case .text(let text): return text
    case .number(let number): return Self.format(number)
    case .bool(let value): return value ? "TRUE" : "FALSE"
    case .date(let date): return date.iso
    case .error(let code): return code
    }
  }

  /// Excel keeps 15 significant digits, so `0.1 + 0.2` shows as 0.3; the same here.
  static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    let text = String(format: "%.15g", number)
    return text
  }
}

/// One row of a sheet: its number as Excel shows it, and its non-empty cells left to right.
public struct SheetRow: Sendable, Equatable {
  public let number: Int
  public let cells: [(column: Int, value: CellValue)]

  public init(number: Int, cells: [(column: Int, value: CellValue)]) {
    self.number = number
    self.cells = cells
  }

  public static func == (lhs: SheetRow, rhs: SheetRow) -> Bool {
    lhs.number == rhs.number && lhs.cells.map(\.column) == rhs.cells.map(\.column)
      && lhs.cells.map(\.value) == rhs.cells.map(\.value)
  }

  /// The cells as texts by column, from column A to `width` (or the last non-empty cell).
  public func texts(width: Int? = nil) -> [String] {
    let count = width ?? ((cells.map(\.column).max() ?? -1) + 1)
    var fields = [String](repeating: "", count: count)
    for cell in cells where cell.column < count { fields[cell.column] = cell.value.text }
    return fields
  }
}
