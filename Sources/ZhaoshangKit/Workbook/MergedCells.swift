/// Fills merged ranges with their top-left cell's value as rows stream past: a unit merged down over its
/// heads then names the unit on every head's row, as the clerk sees it.
final class MergedCells {
  private var starting: [Int: [CellRange]] = [:]
  private var active: [(range: CellRange, value: CellValue?)] = []

  init(ranges: [CellRange]) {
    for range in ranges { starting[range.first.row, default: []].append(range) }
  }

  func fill(_ row: SheetRow) -> SheetRow {
    guard !starting.isEmpty || !active.isEmpty else { return row }
    active.removeAll { $0.range.last.row < row.number }
    for range in starting.removeValue(forKey: row.number) ?? [] {
      active.append((range, row.cells.first { $0.column == range.first.column }?.value))
    }
    guard !active.isEmpty else { return row }
    var cells = row.cells
    var filled = Set(cells.map(\.column))
    for (range, value) in active {
      guard let value else { continue }
      for column in range.first.column...range.last.column where !filled.contains(column) {
        cells.append((column, value))
        filled.insert(column)
      }
    }
    cells.sort { $0.column < $1.column }
    return SheetRow(number: row.number, cells: cells)
  }
}
