import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads an .xlsx workbook: its sheets' names, then one sheet's rows streamed one at a time, so a sheet of a
/// million rows is read in flat memory. Cells come as Excel stores them (`CellValue`), merged ranges filled
/// with their top-left value.
public final class WorkbookReader {
  /// A sheet as the workbook lists it, in tab order.
  public struct Sheet: Sendable, Equatable {
    public let name: String
    let part: String
  }

  /// The file's name in messages.
  public let path: String
  public let sheets: [Sheet]
  /// The 1904 date system (`workbookPr date1904`), used by old Mac workbooks.
  public let date1904: Bool
  private let archive: Archive
  private let sharedStrings: [String]
  /// Whether each cell style (`s="N"`) shows a number as a date.
  private let dateStyles: [Bool]

  /// Parts read into memory (workbook, shared strings, styles) may not unpack to more than this.
  static let partLimit: UInt64 = 256 << 20
  /// A sheet is unpacked to a temporary file, so it may be larger; a million rows take about 200 MB.
  static let sheetLimit: UInt64 = 4 << 30
  /// Real sheets compress 5 to 50 times; a zip bomb thousands of times.
  static let ratioLimit: UInt64 = 1_000

  /// Opens a workbook file; `path` is how messages name it.
  public convenience init(url: URL, path: String? = nil) throws(ZhaoshangError) {
    let name = path ?? url.path
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch { throw WorkbookRefusal.corrupt(name) }
    try self.init(archive: archive, path: name)
  }

  /// Opens a workbook held in memory, such as an upload; `path` is how messages name it.
  public convenience init(data: Data, path: String) throws(ZhaoshangError) {
    let archive: Archive
    do { archive = try Archive(data: data, accessMode: .read) } catch { throw WorkbookRefusal.corrupt(path) }
    try self.init(archive: archive, path: path)
  }

  private init(archive: Archive, path: String) throws(ZhaoshangError) {
    self.archive = archive
    self.path = path
    guard let workbookEntry = archive["xl/workbook.xml"] else { throw Self.identify(archive, path: path) }
    let relations = try Self.relations(archive, path: path)
    let workbook = try Self.parseWorkbook(Self.read(workbookEntry, in: archive, path: path), path: path)
    date1904 = workbook.date1904
    sheets = workbook.sheets.compactMap { sheet in
      relations.targets[sheet.relation].map { Sheet(name: sheet.name, part: $0) }
    }
    guard !sheets.isEmpty else { throw WorkbookRefusal.corrupt(path) }
    if let part = relations.sharedStrings, let entry = archive[part] {
      sharedStrings = try Self.parseSharedStrings(Self.read(entry, in: archive, path: path), path: path)
    } else {
      sharedStrings = []
    }
    if let part = relations.styles, let entry = archive[part] {
      dateStyles = try Self.parseDateStyles(Self.read(entry, in: archive, path: path), path: path)
    } else {
      dateStyles = []
    }
  }

  /// A ZIP that is not a workbook: say what it is, so the clerk knows which program to export from.
  private static func identify(_ archive: Archive, path: String) -> ZhaoshangError {
    if archive["Index/Document.iwa"] != nil || archive["Index.zip"] != nil
      || WorkbookFormat.fileExtension(path) == "numbers"
    {
      return WorkbookRefusal.numbers(path)
    }
    if archive["word/document.xml"] != nil {
      return WorkbookRefusal.notWorkbook(path, holds: Localized("Word 文档", "a Word document"))
    }
    if archive["ppt/presentation.xml"] != nil {
      return WorkbookRefusal.notWorkbook(path, holds: Localized("PowerPoint 演示文稿", "a PowerPoint presentation"))
    }
    if archive["content.xml"] != nil {
      return WorkbookRefusal.notWorkbook(
        path, holds: Localized("OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)"))
    }
    return WorkbookRefusal.corrupt(path)
  }

  // MARK: Parts

  /// An entry's bytes, refused before unpacking when its size or compression ratio betrays a zip bomb,
  /// and while unpacking if it turns out larger than it declared.
  static func read(_ entry: Entry, in archive: Archive, path: String) throws(ZhaoshangError) -> Data {
    try guardSize(entry, limit: partLimit, path: path)
    var data = Data()
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        data.append(chunk)
        if UInt64(data.count) > entry.uncompressedSize { throw LargerThanDeclared() }
      }
    } catch {
      throw UInt64(data.count) > entry.uncompressedSize
        ? WorkbookRefusal.tooLarge(path, part: entry.path) : WorkbookRefusal.corrupt(path)
    }
    return data
  }

  /// An entry unpacking to more than its header declared: a forged size, as zip bombs use.
  private struct LargerThanDeclared: Error {}

  static func guardSize(_ entry: Entry, limit: UInt64, path: String) throws(ZhaoshangError) {
    let size = entry.uncompressedSize
    let ratio = size / max(entry.compressedSize, 1)
    if size > limit || (size > 10 << 20 && ratio > ratioLimit) {
      throw WorkbookRefusal.tooLarge(path, part: entry.path)
    }
  }

  /// Where the workbook's relationships point: sheets by relation id, the shared strings and the styles.
  private struct Relations {
    var targets: [String: String] = [:]
    var sharedStrings: String?
    var styles: String?
  }

  private static func relations(_ archive: Archive, path: String) throws(ZhaoshangError) -> Relations {
    var relations = Relations(sharedStrings: "xl/sharedStrings.xml", styles: "xl/styles.xml")
    guard let entry = archive["xl/_rels/workbook.xml.rels"] else { return relations }
    let data = try read(entry, in: archive, path: path)
    let events = XMLEvents()
    events.onStart = { name, attributes in
      guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
      // Targets are relative to xl/, or absolute from the package root.
      let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
      let type = attributes["Type"] ?? ""
      if type.hasSuffix("/sharedStrings") {
        relations.sharedStrings = part
      } else if type.hasSuffix("/styles") {
        relations.styles = part
      } else {
        relations.targets[id] = part
      }
    }
    do { try events.run(XMLParser(data: data)) } catch { throw WorkbookRefusal.corrupt(path) }
    return relations
  }

  private static func parseWorkbook(_ data: Data, path: String) throws(ZhaoshangError) -> (
    sheets: [(name: String, relation: String)], date1904: Bool
  ) {
    var sheets: [(name: String, relation: String)] = []
    var date1904 = false
    let events = XMLEvents()
    events.onStart = { name, attributes in
      if name == "sheet", let sheetName = attributes["name"], let id = XMLEvents.attribute(attributes, "id") {
        sheets.append((sheetName, id))
      } else if name == "workbookPr", let flag = attributes["date1904"] {
        date1904 = flag == "1" || flag.lowercased() == "true"
      }
    }
    do { try events.run(XMLParser(data: data)) } catch { throw WorkbookRefusal.corrupt(path) }
    return (sheets, date1904)
  }

  /// Every shared string, rich-text runs joined and phonetic guides (`<rPh>`) left out.
  private static func parseSharedStrings(_ data: Data, path: String) throws(ZhaoshangError) -> [String] {
    var strings: [String] = []
    var current = ""
    var text = ""
    var inText = false
    var inPhonetic = false
    let events = XMLEvents()
    events.onStart = { name, _ in
      switch name {
      case "si": current = ""
      case "rPh": inPhonetic = true
      case "t" where !inPhonetic:
        inText = true
        text = ""
      default: break
      }
    }
    events.onEnd = { name in
      switch name {
      case "si": strings.append(unescape(current))
      case "rPh": inPhonetic = false
      case "t" where inText:
        inText = false
        current += text
      default: break
      }
    }
    events.onText = { if inText { text += $0 } }
    do { try events.run(XMLParser(data: data)) } catch { throw WorkbookRefusal.corrupt(path) }
    return strings
  }

  /// For each cell style, whether its number format is a date.
  private static func parseDateStyles(_ data: Data, path: String) throws(ZhaoshangError) -> [Bool] {
    var codes: [Int: String] = [:]
    var formats: [Int] = []
    var inCellFormats = false
    let events = XMLEvents()
    events.onStart = { name, attributes in
      switch name {
      case "numFmt":
        if let id = attributes["numFmtId"].flatMap(Int.init) { codes[id] = attributes["formatCode"] ?? "" }
      case "cellXfs": inCellFormats = true
      case "xf" where inCellFormats: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
      default: break
      }
    }
    events.onEnd = { if $0 == "cellXfs" { inCellFormats = false } }
    do { try events.run(XMLParser(data: data)) } catch { throw WorkbookRefusal.corrupt(path) }
    return formats.map { ExcelDate.isDate(formatID: $0, code: codes[$0]) }
  }

  /// Excel writes characters XML cannot hold as `_x000D_`; `_x005F_` escapes a literal underscore.
  static func unescape(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var result = ""
    var rest = Substring(text)
    while let start = rest.range(of: "_x") {
      result += rest[..<start.lowerBound]
      let hex = rest[start.upperBound...].prefix(5)
      if hex.count == 5, hex.last == "_", let code = UInt32(hex.prefix(4), radix: 16), let scalar = Unicode.Scalar(code)
      {
        result.unicodeScalars.append(scalar)
        rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
      } else {
        result += "_x"
        rest = rest[start.upperBound...]
      }
    }
    return result + rest
  }

  // MARK: Rows

  /// The first sheet with this name, ignoring case and surrounding spaces.
  public func sheet(named name: String) throws(ZhaoshangError) -> Sheet {
    let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
    guard let sheet = sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted })
    else { throw WorkbookRefusal.noSheet(path, named: name, sheets: sheets.map(\.name)) }
    return sheet
  }

  /// Hands each row that has a cell to `handle`, in order; `handle` may throw to stop early.
  ///
  /// The sheet is unpacked to a temporary file and parsed from there as a stream, so neither its bytes nor
  /// a tree of its XML is ever held in memory.
  public func rows(of sheet: Sheet, _ handle: (SheetRow) throws -> Void) throws {
    guard let entry = archive[sheet.part] else { throw WorkbookRefusal.corrupt(path) }
    try Self.guardSize(entry, limit: Self.sheetLimit, path: path)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-sheet-\(UUID().uuidString).xml")
    defer { try? FileManager.default.removeItem(at: file) }
    try unpack(entry, to: file)
    let merges = MergedCells(ranges: Self.mergedRanges(in: file))
    guard let stream = InputStream(url: file) else { throw WorkbookRefusal.corrupt(path) }
    let parser = XMLParser(stream: stream)
    let cells = SheetCellReader(sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904)
    let events = XMLEvents()
    events.onStart = { name, attributes in cells.start(name, attributes) }
    events.onText = { cells.text($0) }
    // The parser's delegate keeps its closures only while `run` parses, so `handle` never outlives this call.
    try withoutActuallyEscaping(handle) { handle in
      events.onEnd = { name in
        if let row = cells.end(name) { try handle(merges.fill(row)) }
      }
      defer { events.onEnd = { _ in } }
      do {
        try events.run(parser)
      } catch is XMLEvents.Malformed {
        throw WorkbookRefusal.corrupt(path)
      }
    }
  }

  private func unpack(_ entry: Entry, to file: URL) throws(ZhaoshangError) {
    guard FileManager.default.createFile(atPath: file.path, contents: nil),
      let output = try? FileHandle(forWritingTo: file)
    else {
      throw .storage(
        Localized(
          "无法在临时目录中展开工作表；请检查磁盘空间", "cannot unpack the sheet into the temporary folder; check the free disk space"))
    }
    defer { try? output.close() }
    var written: UInt64 = 0
    do {
      _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
        written += UInt64(chunk.count)
        if written > entry.uncompressedSize { throw WorkbookRefusal.tooLarge(path, part: entry.path) }
        try output.write(contentsOf: chunk)
      }
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw WorkbookRefusal.corrupt(path)
    }
  }

  /// The merged ranges of a sheet, listed after its rows (`<mergeCells>` follows `<sheetData>`): found by
  /// reading the file backwards to the end of the rows, so the rows themselves are read only once.
  static func mergedRanges(in file: URL) -> [CellRange] {
    guard let handle = try? FileHandle(forReadingFrom: file) else { return [] }
    defer { try? handle.close() }
    guard let size = try? handle.seekToEnd() else { return [] }
    let marker = Data("sheetData>".utf8)
    let emptyMarker = Data("sheetData/>".utf8)
    var tail = Data()
    var offset = size
    // The tail (merges, validations, page setup) is small; give up past 64 MB rather than read a whole sheet.
    while offset > 0, tail.count < 64 << 20 {
      let step = min(UInt64(1 << 20), offset)
      offset -= step
      try? handle.seek(toOffset: offset)
      guard let chunk = try? handle.read(upToCount: Int(step)) else { return [] }
      tail = chunk + tail
      if let found = tail.range(of: marker, options: .backwards) ?? tail.range(of: emptyMarker, options: .backwards) {
        tail = tail[found.upperBound...]
        break
      }
    }
    let text = String(decoding: tail, as: UTF8.self)
    var ranges: [CellRange] = []
    var rest = Substring(text)
    while let tag = rest.range(of: "mergeCell ") {
      rest = rest[tag.upperBound...]
      guard let open = rest.range(of: "ref=\"") else { break }
      let value = rest[open.upperBound...].prefix { $0 != "\"" }
      if let range = CellRange(String(value)) { ranges.append(range) }
      rest = rest[open.upperBound...]
    }
    return ranges
  }
}
