/// Turns a sheet's XML events into rows: `<row>` of `<c r="C5" t="s" s="3"><v>…</v></c>`, or inline strings
/// `<c t="inlineStr"><is><t>…</t></is></c>`; a formula's `<f>` is passed over for its cached `<v>`.
final class SheetCellReader {
  private let sharedStrings: [String]
  private let dateStyles: [Bool]
  private let date1904: Bool

  private var rowNumber = 0
  private var cells: [(column: Int, value: CellValue)] = []
  private var column = 0
  private var nextColumn = 0
  private var type = "n"
  private var style = 0
  private var value: String?
  private var collected = ""
  private var collecting = false
  private var inInline = false
  private var inPhonetic = false
  private var inlineText = ""

  init(sharedStrings: [String], dateStyles: [Bool], date1904: Bool) {
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
    self.date1904 = date1904
  }

  func start(_ name: String, _ attributes: [String: String]) {
    switch name {
    case "row":
      // `r` may be left out by some writers: then rows follow one another.
      rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
      cells = []
      nextColumn = 0
    case "c":
      column = attributes["r"].flatMap { CellReference($0)?.column } ?? nextColumn
      type = attributes["t"] ?? "n"
      style = attributes["s"].flatMap { Int($0) } ?? 0
      value = nil
    case "v":
      collecting = true
      collected = ""
    case "is":
      inInline = true
      inlineText = ""
    case "rPh": inPhonetic = true
    case "t" where inInline && !inPhonetic:
      collecting = true
      collected = ""
    default: break
    }
  }

  func text(_ piece: String) {
    if collecting { collected += piece }
  }

  /// The row, once its end is reached.
  func end(_ name: String) -> SheetRow? {
    switch name {
    case "v":
      collecting = false
      value = collected
    case "t" where collecting && inInline:
      collecting = false
      inlineText += collected
    case "rPh": inPhonetic = false
    case "is":
      inInline = false
      value = inlineText
    case "c":
      if let value, let cell = cellValue(value) { cells.append((column, cell)) }
      nextColumn = column + 1
    case "row":
      return SheetRow(number: rowNumber, cells: cells)
    default: break
    }
    return nil
  }

  private func cellValue(_ raw: String) -> CellValue? {
    switch type {
    case "s":
      guard let index = Int(raw), sharedStrings.indices.contains(index) else { return nil }
      return sharedStrings[index].isEmpty ? nil : .text(sharedStrings[index])
    case "str", "inlineStr":
      let text = WorkbookReader.unescape(raw)
      return text.isEmpty ? nil : .text(text)
    case "b": return .bool(raw == "1" || raw.lowercased() == "true")
    case "e": return .error(raw)
    case "d":
      // An ISO 8601 date (strict Open XML): the day is the first ten characters.
      return CivilDate(iso: String(raw.prefix(10))).map(CellValue.date) ?? .text(raw)
    default:
      guard let number = Double(raw) else { return raw.isEmpty ? nil : .text(raw) }
      if dateStyles.indices.contains(style), dateStyles[style] {
        // Serial 60 is the 1900-02-29 Excel shows but that never was: passed on as that text, which the
        // importer refuses as a date that does not exist, pointing at the cell.
        if !date1904, number.rounded(.down) == 60 { return .text("1900-02-29") }
        return ExcelDate.date(serial: number, date1904: date1904).map(CellValue.date) ?? .number(number)
      }
      return .number(number)
    }
  }
}
