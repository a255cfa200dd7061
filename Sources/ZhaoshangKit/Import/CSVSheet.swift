import Crypto
import Foundation

/// Reads a CSV file as offices send it (any encoding Excel writes, English or Chinese headers) row by row;
/// an .xlsx workbook, told by its content, is read through `WorkbookTable` into the same rows. The sheet is a file
/// on disk, or bytes already in memory (an upload), named in messages by the name given with them.
public struct CSVSheet {
  /// The file's path, or for bytes the name messages give them (`7月外出.xlsx:12:`).
  public let path: String
  /// The sheet's bytes when it is read from memory rather than from `path`.
  public let data: Data?
  public let columns: [CSVColumn]
  public let encoding: TextEncoding?
  /// The sheet of a workbook to read (`--sheet`); nil for the first whose header is recognised.
  public let sheet: String?

  /// Read in pieces of this size, so memory stays flat however large the file.
  static let chunkSize = 1 << 20

  public init(path: String, columns: [CSVColumn], encoding: TextEncoding? = nil, sheet: String? = nil) {
    self.path = path
    self.data = nil
    self.columns = columns
    self.encoding = encoding
    self.sheet = sheet
  }

  /// A sheet held in memory, such as an uploaded file; `name` is how messages locate its rows.
  public init(data: Data, name: String, columns: [CSVColumn], encoding: TextEncoding? = nil, sheet: String? = nil) {
    self.path = name
    self.data = data
    self.columns = columns
    self.encoding = encoding
    self.sheet = sheet
  }

  /// Where the bytes come from, a chunk at a time: the file, or the bytes given.
  private final class ChunkSource {
    let file: FileHandle?
    let data: Data?
    var offset = 0

    init(file: FileHandle) {
      self.file = file
      self.data = nil
    }

    init(data: Data) {
      self.file = nil
      self.data = data
    }

    /// The next chunk; empty at the end.
    func next() throws -> Data {
      if let file { return try file.read(upToCount: CSVSheet.chunkSize) ?? Data() }
      guard let data, offset < data.count else { return Data() }
      let end = min(offset + CSVSheet.chunkSize, data.count)
      defer { offset = end }
      return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + end))
    }

    func close() { try? file?.close() }
  }

  /// Opens the file, or the bytes given; refuses a folder or a file that cannot be read, saying why.
  private func open() throws(ZhaoshangError) -> (ChunkSource, totalBytes: Int) {
    if let data { return (ChunkSource(data: data), data.count) }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw .invalid(path, "这是一个文件夹，不是 CSV 文件；请给出文件的路径", "this is a folder, not a CSV file; give the file's path")
    }
    guard let file = FileHandle(forReadingAtPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw .invalid(
        path, exists ? "无法读取该文件；请检查文件权限" : "找不到该文件；请检查路径和文件名",
        exists ? "cannot read the file; check its permissions" : "no such file; check the path and the name")
    }
    let totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return (ChunkSource(file: file), totalBytes)
  }

  /// What reading the file found besides its rows.
  public struct Outcome: Sendable {
    public var encoding: TextEncoding
    public var rowCount: Int
    /// Header columns no importer reads, named once.
    public var ignoredColumns: [String]
    /// The SHA-256 of the file's bytes, by which an import is recorded in the audit trail.
    public var sha256: String = ""
    /// Rows passed over on purpose (a workbook's total row, signature lines), each said once.
    public var notes: [Problem] = []
  }

  /// How far reading has come, for a progress bar.
  public struct Progress: Sendable {
    public let bytesRead: Int
    public let totalBytes: Int
    public let rows: Int
  }

  /// Hands every non-blank data row to `handle`; throws with every structural problem of the file.
  ///
  /// `progress` is called after each chunk read; `handle` may throw a `ZhaoshangError` to stop reading.
  @discardableResult
  public func read(progress: ((Progress) -> Void)? = nil, _ handle: (CSVRow) throws -> Void) throws(ZhaoshangError)
    -> Outcome
  {
    let (file, totalBytes) = try open()
    defer { file.close() }
    var bytesRead = 0
    // A read that fails (a disk error, a file that cannot be read) must not pass for the end of the file: the
    // rows before it would be imported as if they were all of it.
    let unreadable = Localized(
      "读取文件失败（磁盘或文件出错）；请检查文件后重试", "reading the file failed (a disk or file error); check the file and try again")
    var first: Data
    do {
      first = try file.next()
    } catch {
      throw .invalidInput([Problem(location: path, unreadable)])
    }
    if let outcome = try readWorkbook(head: first, file: file, handle) { return outcome }
    let encoding = self.encoding ?? TextEncoding.detect([UInt8](first.prefix(64 * 1024)))
    var parser = CSVParser(encoding: encoding)
    var state = ReadState(outcome: Outcome(encoding: encoding, rowCount: 0, ignoredColumns: []))
    var hasher = SHA256()
    do {
      while !first.isEmpty {
        hasher.update(data: first)
        try first.withUnsafeBytes { raw in
          try parser.feed(raw.bindMemory(to: UInt8.self)) { try process($0, state: &state, handle: handle) }
        }
        bytesRead += first.count
        progress?(Progress(bytesRead: bytesRead, totalBytes: totalBytes, rows: state.outcome.rowCount))
        first = try file.next()
      }
      try parser.finish { try process($0, state: &state, handle: handle) }
    } catch let failure as CSVParser.Failure {
      state.problems.append(describe(failure, encoding: encoding))
    } catch is HeaderRejected {
      throw .invalidInput(state.problems)
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      state.problems.append(Problem(location: path, unreadable))
    }
    var problems = state.problems
    var outcome = state.outcome
    outcome.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    if state.header == nil && problems.isEmpty {
      problems.append(
        Problem(
          location: "\(path):1",
          Localized(
            "文件是空的；第一行应为表头，如 \(headerExample.zh)",
            "the file is empty; its first line must be a header such as \(headerExample.en)")))
    } else if outcome.rowCount == 0 && problems.isEmpty {
      problems.append(
        Problem(
          location: "\(path):2",
          Localized(
            "文件只有表头、没有数据行，没有可导入的内容；请检查是否导出了正确的表格",
            "the file has a header but no rows, so there is nothing to import; check that the right sheet was exported")
        ))
    }
    guard problems.isEmpty else { throw .invalidInput(problems) }
    return outcome
  }

  private struct HeaderRejected: Error {}

  /// Reads the file as a workbook when its content is one (nil when it is text); refuses, saying what to do,
  /// the workbooks that cannot be read: old .xls, WPS .et, Numbers, password-protected or damaged files.
  private func readWorkbook(head: Data, file: ChunkSource, _ handle: (CSVRow) throws -> Void)
    throws(ZhaoshangError) -> Outcome?
  {
    switch WorkbookFormat.detect(head) {
    case .zip:
      let table = WorkbookTable(sheet: self, sheetName: sheet)
      if let data { return try table.read(data: data, handle) }
      return try table.read(url: URL(fileURLWithPath: path), handle)
    case .ole2(let encrypted):
      // The directory naming an encrypted package may lie past the first chunk: look through the rest.
      var found = encrypted
      var seen = head.count
      while !found, seen < 64 << 20, let more = try? file.next(), !more.isEmpty {
        found = WorkbookFormat.detect(head.prefix(8) + more) == .ole2(encrypted: true)
        seen += more.count
      }
      if found { throw WorkbookRefusal.encrypted(path) }
      throw WorkbookFormat.fileExtension(path).hasPrefix("et")
        ? WorkbookRefusal.wps(path) : WorkbookRefusal.oldExcel(path)
    case .other:
      guard WorkbookFormat.promisesWorkbook(path) else { return nil }
      if WorkbookFormat.fileExtension(path) == "numbers" { throw WorkbookRefusal.numbers(path) }
      throw WorkbookRefusal.corrupt(path)
    }
  }

  private var headerExample: Localized {
    Localized(columns.map(\.chinese).joined(separator: ","), columns.map(\.key).joined(separator: ","))
  }

  /// What has been read so far: the header once known, the rows counted, the problems found.
  private struct ReadState {
    var header: [String: Int]?
    var width = 0
    var byKey: [String: CSVColumn] = [:]
    var problems: [Problem] = []
    var outcome: Outcome
  }

  private func process(_ record: CSVRecord, state: inout ReadState, handle: (CSVRow) throws -> Void) throws {
    if record.isBlank { return }
    guard let positions = state.header else {
      let (found, headerProblems, ignored) = mapHeader(record)
      state.header = found
      state.width = record.fields.count
      state.problems += headerProblems
      state.outcome.ignoredColumns = ignored
      for column in columns { state.byKey[column.key] = column }
      if !headerProblems.isEmpty { throw HeaderRejected() }
      return
    }
    state.outcome.rowCount += 1
    guard record.fields.count == state.width else {
      state.problems.append(
        Problem(
          location: "\(path):\(record.line)", excerpt: record.excerpt,
          Localized(
            "这一行有 \(record.fields.count) 个字段，表头有 \(state.width) 列；请检查是否多了或少了逗号，含逗号的内容请加英文双引号",
            "this row has \(record.fields.count) fields but the header has \(state.width); check for a missing or extra comma, and quote text that holds a comma"
          )))
      return
    }
    try handle(CSVRow(record: record, positions: positions, columns: state.byKey, path: path))
  }

  /// The columns a header names; `location` overrides `FILE:LINE` (a workbook's `FILE:SHEET!A3`).
  func mapHeader(_ record: CSVRecord, location: String? = nil) -> ([String: Int], [Problem], [String]) {
    let at = location ?? "\(path):\(record.line)"
    var positions: [String: Int] = [:]
    var ignored: [String] = []
    var problems: [Problem] = []
    for (index, name) in record.fields.enumerated() {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      if let column = columns.first(where: { $0.matches(trimmed) }) {
        if positions[column.key] != nil {
          problems.append(
            Problem(
              location: at, excerpt: record.excerpt,
              Localized(
                "表头中「\(trimmed)」与另一列重复；请删去其中一列", "the header names column \"\(trimmed)\" twice; remove one of them")))
        }
        positions[column.key] = index
      } else if !trimmed.isEmpty {
        ignored.append(trimmed)
      }
    }
    // Not one required column named: this is a data row, not a header (a word like 拜访企业 may still match).
    if !columns.contains(where: { $0.required && positions[$0.key] != nil }) {
      problems.append(
        Problem(
          location: at, excerpt: record.excerpt,
          Localized(
            "第一行不是表头（没有可识别的列名）；请在第一行写上表头，如 \(headerExample.zh)",
            "the first line is not a header (no column name is known); start the file with a header such as \(headerExample.en)"
          )))
      return (positions, problems, ignored)
    }
    for column in columns where column.required && positions[column.key] == nil {
      problems.append(
        Problem(
          location: at, excerpt: record.excerpt,
          Localized(
            "缺少必需的列「\(column.chinese)」（\(column.key)）；请在表头中加上这一列",
            "the required column \(column.key) (\(column.chinese)) is missing; add it to the header")))
    }
    return (positions, problems, ignored)
  }

  private func describe(_ failure: CSVParser.Failure, encoding: TextEncoding) -> Problem {
    switch failure {
    case .undecodable(let line):
      return Problem(
        location: "\(path):\(line)",
        encoding == .utf8
          ? Localized(
            "这一行不是有效的 UTF-8 文字；文件可能是 GB18030（GBK）编码，请加 --encoding gb18030 重试",
            "this line is not valid UTF-8; the file may be GB18030 (GBK): try again with --encoding gb18030")
          : Localized(
            "这一行既不是 GB18030 也不是 UTF-8 文字；请在 Excel 中“另存为 CSV UTF-8”后重试",
            "this line is neither GB18030 nor UTF-8 text; save the sheet from Excel as \"CSV UTF-8\" and try again"))
    case .unterminatedQuote(let line):
      return Problem(
        location: "\(path):\(line)",
        Localized(
          "从这一行开始的引号没有闭合，直到文件结尾；请补上缺少的英文双引号",
          "a quote opened on this line is never closed before the end of the file; add the missing double quote"))
    case .binary(let line):
      return Problem(
        location: "\(path):\(line)",
        Localized(
          "文件含有二进制内容（空字节），不是 CSV 文本；请在 Excel 中“另存为 CSV”后再导入",
          "the file holds binary data (a NUL byte) and is not CSV text; save the sheet from Excel as CSV and import that"
        ))
    case .fieldTooLong(let line):
      return Problem(
        location: "\(path):\(line)",
        Localized(
          "这一行有一个超过 1 MB 的字段，不像是表格内容；请检查文件",
          "a field on this line is longer than 1 MB, which no sheet holds; check the file"))
    case .tooManyFields(let line):
      return Problem(
        location: "\(path):\(line)",
        Localized(
          "这一行超过 \(CSVParser.maxFields) 列，不像是表格内容；请检查文件",
          "this line has more than \(CSVParser.maxFields) fields, which no sheet holds; check the file"))
    }
  }
}
