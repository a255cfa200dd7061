import Foundation

/// Writes a `WordDocument` as a .docx that Word and LibreOffice open: A4 portrait with the margins of
/// GB/T 9704, the fonts official documents name (方正小标宋简体, 仿宋_GB2312, 黑体) given with the fallbacks a
/// machine without them uses (华文中宋/宋体, 仿宋, SimHei) in the font table.
public enum DOCXWriter {
  public static func data(_ document: WordDocument) throws(ZhaoshangError) -> Data {
    var package = OfficePackage()
    package.add("[Content_Types].xml", contentTypes)
    package.add("_rels/.rels", rootRelations)
    package.add("word/_rels/document.xml.rels", documentRelations)
    package.add("word/document.xml", documentXML(document))
    package.add("word/styles.xml", styles)
    package.add("word/fontTable.xml", fontTable)
    package.add("word/settings.xml", settings)
    package.add("word/footer1.xml", footer(document))
    return try package.data()
  }

  static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  /// Every page's footer: the page number as a PAGE field, which Word and LibreOffice fill in for each page,
  /// with the words around it (第 3 页), centred in 宋体 四号.
  static func footer(_ document: WordDocument) -> String {
    let field =
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
      + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    let words = document.pageNumberPrefix.isEmpty ? "" : run(document.pageNumberPrefix)
    let after = document.pageNumberSuffix.isEmpty ? "" : run(document.pageNumberSuffix)
    return OfficePackage.xmlHeader + "<w:ftr xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
      + paragraph(style: "Footer", words + field + after) + "</w:ftr>"
  }

  static func run(_ text: String, bold: Bool = false) -> String {
    "<w:r>\(bold ? "<w:rPr><w:b/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(OfficePackage.escape(text))</w:t></w:r>"
  }

  static func paragraph(style: String, _ runs: String, extra: String = "") -> String {
    "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(extra)</w:pPr>\(runs)</w:p>"
  }

  static func documentXML(_ document: WordDocument) -> String {
    var body = ""
    for (index, block) in document.blocks.enumerated() {
      // The paragraph before the 落款 goes with it, so the office and date never stand alone on a last page.
      let beforeSignature: Bool
      if index + 1 < document.blocks.count, case .signature = document.blocks[index + 1] {
        beforeSignature = true
      } else {
        beforeSignature = false
      }
      switch block {
      case .masthead(let office): body += paragraph(style: "Masthead", run(office))
      case .issue(let text): body += paragraph(style: "Issue", run(text))
      case .title(let text): body += paragraph(style: "DocTitle", run(text))
      case .reference(let number, let date):
        // The number at the left margin, the date at a right tab stop, a rule under both.
        body += paragraph(
          style: "Reference", run(number) + "<w:r><w:tab/></w:r>" + run(date),
          extra:
            "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"C00000\"/></w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"8844\"/></w:tabs>"
        )
      case .heading(let text): body += paragraph(style: "Heading1", run(text))
      case .paragraph(let text):
        body += paragraph(style: "Normal", run(text), extra: beforeSignature ? "<w:keepNext/>" : "")
      case .note(let text): body += paragraph(style: "Note", run(text), extra: beforeSignature ? "<w:keepNext/>" : "")
      case .signature(let office, let date):
        // The office keeps with the date below it: a 落款 is never split across pages.
        body += paragraph(style: "Signature", run(office), extra: "<w:keepNext/><w:spacing w:before=\"560\"/>")
        body += paragraph(style: "Signature", run(date))
      case .table(let header, let rows, let numeric, let totalRow):
        body += table(header: header, rows: rows, numeric: numeric, totalRow: totalRow)
        body += paragraph(style: "Normal", "")
      }
    }
    // A4 portrait (11906 × 16838 twips); margins 37/35 mm top/bottom, 28/26 mm left/right.
    let section =
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/><w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr>"
    return OfficePackage.xmlHeader
      + "<w:document xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipNamespace)\"><w:body>" + body + section
      + "</w:body></w:document>"
  }

  /// The text width of the page: A4's 11906 twips less the left and right margins.
  static let textWidth = 11906 - 1588 - 1474

  /// Twips one display column of table text takes: 小四 (12 pt) is 240 twips for a Chinese character, two columns.
  static let twipsPerColumn = 120
  /// The cell margins (80 left, 80 right) and a little air, so text that should fit does.
  static let cellPadding = 240

  /// Column widths in twips. Every column but the widest gets the room its widest text needs, so a unit's name
  /// (洪泽经济开发区) never breaks inside; the widest (the destinations) takes what is left and wraps. When even that
  /// cannot fit, widths are shared out by the widest text of each column (a Chinese character counting two).
  static func columnWidths(header: [String], rows: [[String]]) -> [Int] {
    let widest = header.indices.map { column in
      ([header] + rows).map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
    }
    let needed = widest.map { $0 * twipsPerColumn + cellPadding }
    if let flexible = widest.indices.max(by: { widest[$0] < widest[$1] }) {
      let fixed = needed.enumerated().filter { $0.offset != flexible }.map(\.element).reduce(0, +)
      let rest = textWidth - fixed
      if rest >= min(needed[flexible], 10 * twipsPerColumn + cellPadding) {
        return needed.indices.map { $0 == flexible ? rest : needed[$0] }
      }
    }
    let weights = widest.map { Double(min(max($0 + 2, 6), 26)) }
    let total = max(weights.reduce(0, +), 1)
    return weights.map { Int(Double(textWidth) * $0 / total) }
  }

  static func table(header: [String], rows: [[String]], numeric: Set<Int>, totalRow: Bool) -> String {
    let border = "w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\""
    let widths = columnWidths(header: header, rows: rows)
    var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
    xml +=
      "<w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
    xml +=
      "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
    xml += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
    func cell(_ text: String, column: Int, bold: Bool) -> String {
      let width = column < widths.count ? widths[column] : 0
      return
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"center\"/></w:pPr>\(run(text, bold: bold))</w:p></w:tc>"
    }
    // The header row repeats on every page the table runs onto.
    xml += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    xml += header.enumerated().map { cell($1, column: $0, bold: true) }.joined() + "</w:tr>"
    for (index, row) in rows.enumerated() {
      let bold = totalRow && index == rows.count - 1
      xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
      xml += row.enumerated().map { cell($1, column: $0, bold: bold) }.joined() + "</w:tr>"
    }
    return xml + "</w:tbl>"
  }

  /// Latin text and figures in Times New Roman, Chinese in the named font.
  static func fonts(_ eastAsia: String) -> String {
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(eastAsia)\" w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/>"
  }

  static func style(
    id: String, name: String, paragraph: String, font: String, size: Int, bold: Bool = false, colour: String? = nil
  ) -> String {
    "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"\(id == "Normal" ? " w:default=\"1\"" : "")><w:name w:val=\"\(name)\"/>"
      + (id == "Normal" ? "" : "<w:basedOn w:val=\"Normal\"/>") + "<w:qFormat/>"
      + "<w:pPr>\(paragraph)</w:pPr><w:rPr>\(fonts(font))\(bold ? "<w:b/>" : "")\(colour.map { "<w:color w:val=\"\($0)\"/>" } ?? "")<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:style>"
  }

  /// Sizes in half-points: 二号 22 pt = 44, 三号 16 pt = 32, 四号 14 pt = 28, 小四 12 pt = 24. Body lines
  /// exactly 28 pt apart (560 twips), so a page holds the standard 22 lines.
  static let styles =
    OfficePackage.xmlHeader + "<w:styles xmlns:w=\"\(wordNamespace)\">"
    + "<w:docDefaults><w:rPrDefault><w:rPr>\(fonts("仿宋_GB2312"))<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault></w:docDefaults>"
    + style(
      id: "Normal", name: "Normal",
      paragraph:
        "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>",
      font: "仿宋_GB2312", size: 32)
    + style(
      id: "DocTitle", name: "Document Title",
      paragraph:
        "<w:spacing w:before=\"0\" w:after=\"280\" w:line=\"700\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
      font: "方正小标宋简体", size: 44)
    + style(
      id: "Reference", name: "Document Number",
      paragraph:
        "<w:spacing w:after=\"280\" w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
      font: "仿宋_GB2312", size: 32)
    + style(
      id: "Heading1", name: "heading 1",
      paragraph:
        "<w:keepNext/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/>",
      font: "黑体", size: 32)
    + style(
      id: "TableText", name: "Table Text",
      // Off the page's line grid, which would space a table's lines as far apart as the body's.
      paragraph:
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"320\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
      font: "仿宋_GB2312", size: 24)
    + style(
      id: "Masthead", name: "Masthead",
      paragraph:
        "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"880\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
      font: "方正小标宋简体", size: 60, colour: "C00000")
    + style(
      id: "Issue", name: "Issue Number",
      paragraph:
        "<w:spacing w:after=\"120\" w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
      font: "仿宋_GB2312", size: 32)
    + style(
      id: "Signature", name: "Signature",
      // Right-aligned with four characters to spare, as the 落款 sits above where a seal goes.
      paragraph:
        "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:right=\"1280\"/><w:jc w:val=\"right\"/>",
      font: "仿宋_GB2312", size: 32)
    + style(
      id: "Footer", name: "footer",
      paragraph:
        "<w:snapToGrid w:val=\"0\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
      font: "宋体", size: 28)
    + style(
      id: "Note", name: "Note",
      paragraph: "<w:spacing w:line=\"440\" w:lineRule=\"exact\"/>", font: "仿宋_GB2312", size: 28)
    + "</w:styles>"

  /// The fonts, each with the one a machine without it should use (`altName`) and its family, so a
  /// replacement keeps the look: a serif Song for the title, a Fangsong for the body, a sans for headings.
  static let fontTable =
    OfficePackage.xmlHeader + "<w:fonts xmlns:w=\"\(wordNamespace)\">"
    + "<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"华文中宋\"/><w:charset w:val=\"86\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
    + "<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    + "<w:font w:name=\"黑体\"><w:altName w:val=\"SimHei\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    + "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
    + "</w:fonts>"

  static let settings =
    OfficePackage.xmlHeader
    + "<w:settings xmlns:w=\"\(wordNamespace)\"><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"

  static let contentTypes =
    OfficePackage.xmlHeader
    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    + "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    + "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    + "</Types>"

  static let rootRelations =
    OfficePackage.xmlHeader
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"

  static let documentRelations =
    OfficePackage.xmlHeader
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>"
    + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    + "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    + "</Relationships>"
}
