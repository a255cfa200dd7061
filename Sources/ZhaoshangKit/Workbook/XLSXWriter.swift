import Foundation

/// Writes report tables as an .xlsx workbook, one sheet each: a title row merged across the table, the header
/// frozen and repeated on every printed page, columns as wide as their Chinese text, days as numbers, dates
/// as date cells, printed on A4 landscape fitted to the page width; drop-down lists from a hidden sheet when
/// they are too long to write inline.
public enum XLSXWriter {
  /// Excel's limit for a list written inline in a validation.
  static let inlineListLimit = 255
  static let listSheetName = "选项"

  // Cell styles, by their index in styles.xml's cellXfs.
  static let titleStyle = 1
  static let subtitleStyle = 2
  static let headerStyle = 3
  static let textStyle = 4
  static let numberStyle = 5
  static let dateStyle = 6
  static let noteStyle = 7

  public static func data(_ tables: [ReportTable]) throws(ZhaoshangError) -> Data {
    var lists = ListSheet()
    var sheets: [String] = []
    for table in tables {
      sheets.append(sheetXML(table, lists: &lists))
    }
    let names = tables.map(\.sheetName) + (lists.columns.isEmpty ? [] : [listSheetName])
    if !lists.columns.isEmpty { sheets.append(lists.xml) }
    var package = OfficePackage()
    package.add("[Content_Types].xml", contentTypes(sheetCount: sheets.count))
    package.add("_rels/.rels", rootRelations)
    package.add("docProps/app.xml", appProperties)
    package.add("xl/workbook.xml", workbookXML(tables, names: names, hiddenList: !lists.columns.isEmpty))
    package.add("xl/_rels/workbook.xml.rels", workbookRelations(sheetCount: sheets.count))
    package.add("xl/styles.xml", styles)
    for (index, sheet) in sheets.enumerated() { package.add("xl/worksheets/sheet\(index + 1).xml", sheet) }
    return try package.data()
  }

  /// Where the table's parts fall: the title, the preamble's lines, the header, then the rows.
  struct Layout {
    let headerRow: Int
    var firstDataRow: Int { headerRow + 1 }

    init(_ table: ReportTable) {
      headerRow = 2 + table.preamble.count
    }
  }

  static func sheetXML(_ table: ReportTable, lists: inout ListSheet) -> String {
    let layout = Layout(table)
    let width = max(table.header.count, 1)
    let lastColumn = CellReference.letters(width - 1)
    var rows: [String] = []
    rows.append(row(1, height: 30, [cell("A1", text: table.title, style: titleStyle)]))
    // A preamble line wraps within the merged row, which is made tall enough for it.
    let tableWidth = max(columnWidths(table).reduce(0, +), 1)
    for (offset, line) in table.preamble.enumerated() {
      let lines = (DisplayWidth.of(line) * 11 / 10 + tableWidth - 1) / tableWidth
      rows.append(
        row(2 + offset, height: 18 * max(lines, 1), [cell("A\(2 + offset)", text: line, style: subtitleStyle)]))
    }
    let header = table.header.enumerated().map { index, name in
      cell(CellReference(column: index, row: layout.headerRow).name, text: name, style: headerStyle)
    }
    rows.append(row(layout.headerRow, header))
    for (offset, values) in table.rows.enumerated() {
      let number = layout.firstDataRow + offset
      // A cell past the header (a form's example marker) is written as a note, outside the table's borders.
      let cells = (0..<max(width, values.count)).map { column -> String in
        let value = column < values.count ? values[column] : .empty
        let reference = CellReference(column: column, row: number).name
        if column >= width, case .text(let text) = value { return cell(reference, text: text, style: noteStyle) }
        return dataCell(reference, value)
      }
      rows.append(row(number, cells))
    }
    var next = layout.firstDataRow + table.rows.count + 1
    for note in table.notes {
      rows.append(row(next, [cell("A\(next)", text: note, style: noteStyle)]))
      next += 1
    }
    let merges = ["A1:\(lastColumn)1"] + table.preamble.indices.map { "A\($0 + 2):\(lastColumn)\($0 + 2)" }
    let lastValidated = layout.firstDataRow + max(table.rows.count + table.blankRows, 1) - 1
    let validations = table.choices.map { choice -> String in
      let letters = CellReference.letters(choice.column)
      let range = "\(letters)\(layout.firstDataRow):\(letters)\(lastValidated)"
      return
        "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"无效的值\" error=\"请从下拉列表中选择\" sqref=\"\(range)\"><formula1>\(OfficePackage.escape(lists.formula(for: choice.values)))</formula1></dataValidation>"
    }
    var xml = OfficePackage.xmlHeader
    xml += "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
    xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
    xml += "<dimension ref=\"A1:\(lastColumn)\(max(next - 1, layout.headerRow))\"/>"
    xml += "<sheetViews><sheetView workbookViewId=\"0\">"
    xml +=
      "<pane ySplit=\"\(layout.headerRow)\" topLeftCell=\"A\(layout.firstDataRow)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
    xml += "<selection pane=\"bottomLeft\" activeCell=\"A\(layout.firstDataRow)\" sqref=\"A\(layout.firstDataRow)\"/>"
    xml += "</sheetView></sheetViews>"
    xml += "<sheetFormatPr defaultRowHeight=\"18\"/>"
    xml += "<cols>"
    for (index, width) in columnWidths(table).enumerated() {
      xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
    }
    xml += "</cols>"
    xml += "<sheetData>" + rows.joined() + "</sheetData>"
    xml +=
      "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
    if !validations.isEmpty {
      xml += "<dataValidations count=\"\(validations.count)\">" + validations.joined() + "</dataValidations>"
    }
    xml += "<printOptions horizontalCentered=\"1\"/>"
    xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
    // A4 (paper size 9) landscape, as wide as one page and as long as it takes.
    xml += "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    xml += "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
    xml += "</worksheet>"
    return xml
  }

  /// Widths in Excel's units (about one Latin character; a Chinese character takes two), from the widest cell.
  static func columnWidths(_ table: ReportTable) -> [Int] {
    var widths = table.header.map { DisplayWidth.of($0) + 4 }
    for row in table.rows {
      for (index, value) in row.enumerated() where index < widths.count {
        let width: Int
        switch value {
        case .text(let text): width = DisplayWidth.of(text)
        case .number(let number): width = CellValue.format(number).count
        case .date: width = 10
        case .empty: width = 0
        }
        widths[index] = max(widths[index], width + 2)
      }
    }
    return widths.map { min(max($0, 6), 60) }
  }

  static func row(_ number: Int, height: Int? = nil, _ cells: [String]) -> String {
    let custom = height.map { " ht=\"\($0)\" customHeight=\"1\"" } ?? ""
    return "<row r=\"\(number)\"\(custom)>" + cells.joined() + "</row>"
  }

  static func cell(_ reference: String, text: String, style: Int) -> String {
    "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(OfficePackage.escape(text))</t></is></c>"
  }

  static func dataCell(_ reference: String, _ value: ReportTable.Cell) -> String {
    switch value {
    case .text(let text): return cell(reference, text: text, style: textStyle)
    case .number(let number): return "<c r=\"\(reference)\" s=\"\(numberStyle)\"><v>\(CellValue.format(number))</v></c>"
    case .date(let date):
      return "<c r=\"\(reference)\" s=\"\(dateStyle)\"><v>\(ExcelDate.serial(date))</v></c>"
    case .empty: return "<c r=\"\(reference)\" s=\"\(textStyle)\"/>"
    }
  }

  /// The lists too long to write inline, one column each on a hidden sheet.
  struct ListSheet {
    var columns: [[String]] = []

    /// The validation formula: the values inline when short and free of commas, else a range of this sheet.
    mutating func formula(for values: [String]) -> String {
      let inline = values.joined(separator: ",")
      if inline.utf16.count <= XLSXWriter.inlineListLimit - 2,
        !values.contains(where: { $0.contains(",") || $0.contains("\"") })
      {
        return "\"\(inline)\""
      }
      columns.append(values)
      let letters = CellReference.letters(columns.count - 1)
      return "'\(XLSXWriter.listSheetName)'!$\(letters)$1:$\(letters)$\(max(values.count, 1))"
    }

    var xml: String {
      let height = columns.map(\.count).max() ?? 0
      var rows: [String] = []
      for number in 0..<height {
        var cells: [String] = []
        for (column, values) in columns.enumerated() where number < values.count {
          cells.append(
            XLSXWriter.cell(CellReference(column: column, row: number + 1).name, text: values[number], style: 0))
        }
        rows.append(XLSXWriter.row(number + 1, cells))
      }
      return OfficePackage.xmlHeader + "<worksheet xmlns=\"\(XLSXWriter.mainNamespace)\"><sheetData>" + rows.joined()
        + "</sheetData></worksheet>"
    }
  }

  // MARK: Package parts

  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  static func quotedSheet(_ name: String) -> String {
    "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
  }

  static func workbookXML(_ tables: [ReportTable], names: [String], hiddenList: Bool) -> String {
    var xml = OfficePackage.xmlHeader
    xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
    xml += "<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    for (index, name) in names.enumerated() {
      let hidden = hiddenList && index == names.count - 1 ? " state=\"hidden\"" : ""
      xml +=
        "<sheet name=\"\(OfficePackage.escape(name))\" sheetId=\"\(index + 1)\"\(hidden) r:id=\"rId\(index + 1)\"/>"
    }
    xml += "</sheets><definedNames>"
    for (index, table) in tables.enumerated() {
      // The header repeated at the top of every printed page.
      let header = Layout(table).headerRow
      xml +=
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(OfficePackage.escape(quotedSheet(table.sheetName)))!$\(header):$\(header)</definedName>"
    }
    xml += "</definedNames></workbook>"
    return xml
  }

  static func workbookRelations(sheetCount: Int) -> String {
    var xml = OfficePackage.xmlHeader
    xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for index in 1...sheetCount {
      xml +=
        "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
    }
    xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
    xml += "</Relationships>"
    return xml
  }

  static func contentTypes(sheetCount: Int) -> String {
    var xml = OfficePackage.xmlHeader
    xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    xml +=
      "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    for index in 1...sheetCount {
      xml +=
        "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    xml +=
      "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    xml +=
      "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    xml += "</Types>"
    return xml
  }

  static let rootRelations =
    OfficePackage.xmlHeader
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"

  static let appProperties =
    OfficePackage.xmlHeader
    + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>zhaoshang</Application></Properties>"

  /// Fonts: 0 body (宋体 11), 1 bold, 2 the title (bold 16). Fills: 2 the header's grey. Borders: 1 thin.
  /// Number formats: 164 yyyy-mm-dd for dates; days use General, which shows 10 and 5.5 alike.
  static let styles =
    OfficePackage.xmlHeader
    + "<styleSheet xmlns=\"\(mainNamespace)\">"
    + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    + "<fonts count=\"3\">"
    + "<font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
    + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
    + "<font><b/><sz val=\"16\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
    + "</fonts>"
    + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
    + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
    + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
    + "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
    + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    + "<cellXfs count=\"8\">"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"center\" wrapText=\"1\"/></xf>"
    + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\"/></xf>"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>"
    + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>"
    + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    + "</cellXfs>"
    + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    + "</styleSheet>"
}
