import Crypto
import Foundation

/// An import's rows read from a sheet of an .xlsx workbook, handed on as the rows of its CSV twin would be,
/// so the same column mapping, checks and ledger writes apply.
///
/// Government forms put a title, merged across the table, and lines such as `填报单位：… 填报日期：…` above the
/// header; some split a header over two rows (外出时间 over 开始 and 结束); a 合计 row and 填报人/审核人 lines
/// may follow the table. The header is the first row naming at least two known columns, one of them required.
struct WorkbookTable {
  let sheet: CSVSheet
  /// The sheet asked for with `--sheet`; else the first whose header is recognised.
  let sheetName: String?

  /// Rows looked at for a header before a sheet is taken to have none.
  static let headerSearchRows = 30
  /// Words a total row is written with, spaces removed.
  static let totalWords: Set<String> = ["合计", "小计", "总计", "共计", "total"]
  /// Labels of the signature lines below a table.
  static let footerLabels = ["填报人", "填表人", "审核人", "制表人", "负责人", "联系人", "经办人", "单位负责人", "联系电话"]

  private var path: String { sheet.path }

  /// Where the header is: its row (and the second row of a two-row header) and the names of its columns.
  struct Header {
    let sheet: WorkbookReader.Sheet
    let row: Int
    let lastRow: Int
    let fields: [String]
  }

  func read(url: URL, _ handle: (CSVRow) throws -> Void) throws(ZhaoshangError) -> CSVSheet.Outcome {
    var outcome = try read(reader: try WorkbookReader(url: url, path: path), handle)
    outcome.sha256 = try Self.sha256(url: url, path: path)
    return outcome
  }

  /// A workbook held in memory, such as an upload.
  func read(data: Data, _ handle: (CSVRow) throws -> Void) throws(ZhaoshangError) -> CSVSheet.Outcome {
    var outcome = try read(reader: try WorkbookReader(data: data, path: path), handle)
    outcome.sha256 = SHA256Digest.hex(of: data)
    return outcome
  }

  private func read(reader: WorkbookReader, _ handle: (CSVRow) throws -> Void) throws(ZhaoshangError)
    -> CSVSheet.Outcome
  {
    let header = try findHeader(reader)
    let record = CSVRecord(fields: header.fields, line: header.row)
    let at = "\(path):\(header.sheet.name)!A\(header.row)"
    let (positions, headerProblems, ignored) = sheet.mapHeader(record, location: at)
    guard headerProblems.isEmpty else { throw .invalidInput(headerProblems) }
    var byKey: [String: CSVColumn] = [:]
    for column in sheet.columns { byKey[column.key] = column }
    var outcome = CSVSheet.Outcome(encoding: .utf8, rowCount: 0, ignoredColumns: ignored)
    var skipped: [Problem] = []
    let width = header.fields.count
    do {
      try reader.rows(of: header.sheet) { row in
        guard row.number > header.lastRow else { return }
        let record = CSVRecord(fields: row.texts(width: width), line: row.number)
        if record.isBlank || Self.isExample(row) { return }
        let at = "\(path):\(header.sheet.name)!A\(row.number)"
        if Self.isTotal(record) {
          skipped.append(
            Problem(
              location: at, excerpt: record.excerpt,
              Localized("已跳过合计行（不是外出记录）", "skipped the total row (it is not a record)")))
          return
        }
        if Self.isFooter(record) {
          skipped.append(
            Problem(
              location: at, excerpt: record.excerpt,
              Localized("已跳过表格下方的签名行", "skipped the signature line below the table")))
          return
        }
        outcome.rowCount += 1
        var csvRow = CSVRow(record: record, positions: positions, columns: byKey, path: path)
        csvRow.sheet = header.sheet.name
        try handle(csvRow)
      }
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw WorkbookRefusal.corrupt(path)
    }
    if outcome.rowCount == 0 {
      throw .invalid(
        "\(path):\(header.sheet.name)!A\(header.lastRow + 1)",
        "工作表「\(header.sheet.name)」只有表头、没有数据行，没有可导入的内容；请检查是否选对了工作表（--sheet）",
        "sheet \"\(header.sheet.name)\" has a header but no rows, so there is nothing to import; check that the right sheet was chosen (--sheet)"
      )
    }
    outcome.notes = skipped
    return outcome
  }

  /// The header of the sheet asked for, or of the first sheet that has one.
  private func findHeader(_ reader: WorkbookReader) throws(ZhaoshangError) -> Header {
    var candidates = reader.sheets
    if let sheetName { candidates = [try reader.sheet(named: sheetName)] }
    for candidate in candidates {
      if let header = try probe(reader, candidate) { return header }
    }
    let example = sheet.columns.filter(\.required).map(\.chinese).joined(separator: "、")
    let exampleEn = sheet.columns.filter(\.required).map(\.key).joined(separator: ", ")
    let names = candidates.map(\.name)
    throw .invalid(
      path,
      "在工作表 \(names.joined(separator: "、")) 的前 \(Self.headerSearchRows) 行中都找不到表头；表头应含 \(example) 等列名\(sheetName == nil ? "，或用 --sheet 指定工作表" : "")",
      "no header was found in the first \(Self.headerSearchRows) rows of sheet(s) \(names.joined(separator: ", ")); the header must name columns such as \(exampleEn)\(sheetName == nil ? ", or choose the sheet with --sheet" : "")"
    )
  }

  private struct Found: Error {}

  /// Reads a sheet's first rows until its header (and the row after it, for a two-row header).
  private func probe(_ reader: WorkbookReader, _ candidate: WorkbookReader.Sheet) throws(ZhaoshangError) -> Header? {
    var seen = 0
    var headerRow: SheetRow?
    var result: Header?
    do {
      try reader.rows(of: candidate) { row in
        if let first = headerRow {
          result = combine(first, with: row, sheet: candidate)
          throw Found()
        }
        seen += 1
        if isHeader(row.texts()) { headerRow = row } else if seen >= Self.headerSearchRows { throw Found() }
      }
    } catch let error as ZhaoshangError {
      throw error
    } catch is Found {
    } catch {
      throw WorkbookRefusal.corrupt(path)
    }
    if result == nil, let headerRow {
      result = Header(sheet: candidate, row: headerRow.number, lastRow: headerRow.number, fields: headerRow.texts())
    }
    return result
  }

  private func column(for name: String) -> CSVColumn? {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    return sheet.columns.first { $0.matches(trimmed) }
  }

  func isHeader(_ fields: [String]) -> Bool {
    let found = fields.compactMap(column(for:))
    return Set(found.map(\.key)).count >= 2 && found.contains(where: \.required)
  }

  /// A header over two rows: where the upper row names no known column, the lower row's name is taken
  /// (开始 read as 开始日期, or the upper and lower names joined) when that names one.
  private func combine(_ upper: SheetRow, with lower: SheetRow, sheet: WorkbookReader.Sheet) -> Header {
    let width = max((upper.cells.map(\.column).max() ?? 0), (lower.cells.map(\.column).max() ?? 0)) + 1
    var fields = upper.texts(width: width)
    let below = lower.texts(width: width)
    var usedLower = false
    for index in fields.indices where column(for: fields[index]) == nil && !below[index].isEmpty {
      let child = below[index].trimmingCharacters(in: .whitespacesAndNewlines)
      let parent = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
      if let name = [child, child + "日期", parent + child].first(where: { column(for: $0) != nil }) {
        fields[index] = name
        usedLower = true
      }
    }
    guard usedLower else {
      return Header(sheet: sheet, row: upper.number, lastRow: upper.number, fields: upper.texts())
    }
    return Header(sheet: sheet, row: upper.number, lastRow: lower.number, fields: fields)
  }

  /// The example row of a form written by `zhaoshang template`, marked beside the table.
  static func isExample(_ row: SheetRow) -> Bool {
    row.cells.contains { cell in
      if case .text(let text) = cell.value { return text.hasPrefix(ImportForm.exampleMarker) }
      return false
    }
  }

  static func isTotal(_ record: CSVRecord) -> Bool {
    record.fields.contains { field in
      totalWords.contains(field.filter { !$0.isWhitespace }.lowercased())
    }
  }

  /// A line such as `填报人：张三  审核人：李四` under the table.
  static func isFooter(_ record: CSVRecord) -> Bool {
    guard let first = record.fields.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
      return false
    }
    let text = first.trimmingCharacters(in: .whitespaces)
    return footerLabels.contains { text.hasPrefix($0) } && (text.contains("：") || text.contains(":"))
  }

  static func sha256(url: URL, path: String) throws(ZhaoshangError) -> String {
    guard let file = try? FileHandle(forReadingFrom: url) else { throw WorkbookRefusal.corrupt(path) }
    defer { try? file.close() }
    var hasher = SHA256()
    while let chunk = try? file.read(upToCount: CSVSheet.chunkSize), !chunk.isEmpty { hasher.update(data: chunk) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
