import Foundation
import Testing

@testable import ZhaoshangKit

/// Parses bytes with `CSVParser`, fed in pieces of `chunk` bytes, as the sheet reader does.
func parseCSV(_ bytes: [UInt8], encoding: TextEncoding = .utf8, chunk: Int? = nil) throws -> [CSVRecord] {
  var parser = CSVParser(encoding: encoding)
  var records: [CSVRecord] = []
  let size = max(1, chunk ?? bytes.count)
  var start = 0
  while start < bytes.count {
    let piece = Array(bytes[start..<min(bytes.count, start + size)])
    try piece.withUnsafeBufferPointer { buffer in try parser.feed(buffer) { records.append($0) } }
    start += size
  }
  try parser.finish { records.append($0) }
  return records
}

func parseCSV(_ text: String, chunk: Int? = nil) throws -> [CSVRecord] {
  try parseCSV(Array(text.utf8), chunk: chunk)
}

@Suite("The CSV parser")
struct CSVParserTests {
  @Test("Plain records, with the line each starts on")
  func plain() throws {
    let records = try parseCSV("a,b,c\n1,2,3\n")
    #expect(records == [CSVRecord(fields: ["a", "b", "c"], line: 1), CSVRecord(fields: ["1", "2", "3"], line: 2)])
  }

  @Test("A byte-order mark is dropped, CRLF and a missing final line break are fine")
  func bomAndCRLF() throws {
    let records = try parseCSV([0xEF, 0xBB, 0xBF] + Array("单位,姓名\r\n朱坝街道,王某\r\n黄集街道,陈某".utf8))
    #expect(records.map(\.fields) == [["单位", "姓名"], ["朱坝街道", "王某"], ["黄集街道", "陈某"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test("Quoted fields keep commas, doubled quotes and line breaks; later records keep their line numbers")
  func quoting() throws {
    // Given a record whose quoted field spans lines 2 and 3 (with a CRLF inside), and one on line 4
    let text = "a,b,c\r\n1,\"x, y\",\"第一行\r\n第二行 \"\"引号\"\"\"\r\n2,3,4\r\n"
    let records = try parseCSV(text)
    #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "第一行\n第二行 \"引号\""], ["2", "3", "4"]])
    #expect(records.map(\.line) == [1, 2, 4])
  }

  @Test("Feeding the bytes one at a time gives the same records")
  func chunking() throws {
    // Given a file whose quoted field, CRLF pairs and multi-byte characters will be cut between chunks
    let text = "单位,事由\r\n朱坝街道,\"拜访企业,\r\n洽谈\"\"项目\"\"\"\r\n\r\n黄集街道,无\r\n"
    let whole = try parseCSV(text)
    // Then every chunk size gives the same records
    #expect(whole.count == 3)
    #expect(whole[1].fields == ["朱坝街道", "拜访企业,\n洽谈\"项目\""])
    for chunk in 1...7 {
      #expect(try parseCSV(text, chunk: chunk) == whole)
    }
  }

  @Test("A byte-order mark cut between the first chunks is still dropped")
  func bomAcrossChunks() throws {
    let text = "\u{FEFF}unit,name\n朱坝街道,王某\n"
    let whole = try parseCSV(text)
    #expect(whole.first?.fields == ["unit", "name"])
    let byOne = try parseCSV(text, chunk: 1)
    let byTwo = try parseCSV(text, chunk: 2)
    #expect(byOne == whole)
    #expect(byTwo == whole)
  }

  @Test("Empty lines are not records; empty fields are")
  func emptyLines() throws {
    let records = try parseCSV("a,b\n\n,\n\r\n1,\n")
    #expect(records.map(\.fields) == [["a", "b"], ["", ""], ["1", ""]])
    #expect(records.map(\.line) == [1, 3, 5])
  }

  @Test("A character after a closing quote is kept, as spreadsheet programs do")
  func strayAfterQuote() throws {
    #expect(try parseCSV("\"ab\"c,d\n").map(\.fields) == [["abc", "d"]])
  }

  @Test("An unterminated quote is reported at the line it opened on")
  func unterminated() {
    #expect(throws: CSVParser.Failure.unterminatedQuote(line: 2)) {
      try parseCSV("a,b\n1,\"open\n\n more\n")
    }
  }

  @Test("A NUL byte means the file is binary")
  func nul() {
    #expect(throws: CSVParser.Failure.binary(line: 2)) { try parseCSV([0x61, 0x0A, 0x62, 0x00, 0x0A]) }
  }

  @Test("More fields than any sheet has are refused")
  func tooManyFields() throws {
    let line = String(repeating: "x,", count: CSVParser.maxFields) + "x\n"
    #expect(throws: CSVParser.Failure.tooManyFields(line: 2)) { try parseCSV("a\n" + line) }
    let fine = String(repeating: "x,", count: CSVParser.maxFields - 1) + "x\n"
    #expect(try parseCSV(fine).first?.fields.count == CSVParser.maxFields)
  }

  @Test("A field over 1 MB is refused")
  func fieldTooLong() {
    let long = [UInt8](repeating: 0x61, count: CSVParser.maxFieldBytes + 1)
    #expect(throws: CSVParser.Failure.fieldTooLong(line: 1)) { try parseCSV(long) }
  }

  @Test("Bytes invalid in the encoding are refused at their record's line")
  func undecodable() {
    #expect(throws: CSVParser.Failure.undecodable(line: 2)) {
      try parseCSV(Array("a,b\n1,".utf8) + [0xFF, 0xFE] + Array("\n".utf8), encoding: .utf8)
    }
  }
}

@Suite("Text encodings")
struct TextEncodingTests {
  @Test("UTF-8 with or without BOM is detected as UTF-8, even cut mid-character")
  func utf8() {
    #expect(TextEncoding.detect([0xEF, 0xBB, 0xBF, 0x61]) == .utf8)
    #expect(TextEncoding.detect(Array("unit,name".utf8)) == .utf8)
    let chinese = Array("朱坝街道".utf8)
    #expect(TextEncoding.detect(Array(chinese.dropLast())) == .utf8)
    #expect(TextEncoding.detect([]) == .utf8)
  }

  @Test("GB18030 bytes are detected as GB18030 and decoded")
  func gb18030() throws {
    // 朱坝街道 in GB18030
    let bytes: [UInt8] = [0xD6, 0xEC, 0xB0, 0xD3, 0xBD, 0xD6, 0xB5, 0xC0]
    #expect(TextEncoding.detect(bytes) == .gb18030)
    #expect(bytes.withUnsafeBufferPointer { TextEncoding.gb18030.decode($0) } == "朱坝街道")
    #expect(bytes.withUnsafeBufferPointer { TextEncoding.utf8.decode($0) } == nil)
  }

  @Test("Whole sheets in GB18030 stay GB18030; UTF-8 sheets with a stray byte stay UTF-8")
  func wholeSheets() throws {
    // Given the shipped example sheets, all Chinese text
    let examples = ["roster": ShippedFiles.exampleRoster, "trips": ShippedFiles.exampleTrips]
    for (name, text) in examples {
      // When saved as GB18030, as Excel does on a Chinese PC
      let gb = try #require(text.data(using: TextEncoding.gb18030Foundation))
      // Then they are detected as GB18030, however much of them the sample holds
      #expect(TextEncoding.detect(Array(gb)) == .gb18030, "\(name)")
      #expect(TextEncoding.detect(Array(gb.prefix(200))) == .gb18030, "\(name)")
      // And saved as UTF-8 with one byte of Latin-1 pasted in, they are still UTF-8
      #expect(TextEncoding.detect(Array(text.utf8) + [0xE9, 0x0A]) == .utf8, "\(name)")
    }
  }
}

@Suite("Importing CSV files")
struct CSVImportTests {
  func fixture(_ name: String) -> String { Fixture.path("csv/\(name)") }

  func importError(
    trips name: String, encoding: TextEncoding? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> ZhaoshangError {
    try #require(throws: ZhaoshangError.self, sourceLocation: sourceLocation) {
      try TripImporter.read(path: fixture(name), encoding: encoding)
    }
  }

  @Test("A GB18030 file with CRLF and Chinese headers is detected and read")
  func gb18030() throws {
    // Given the trips file as Excel saves it on a Chinese Windows PC
    let path = fixture("trips-gb18030-crlf.csv")
    // When it is read without naming the encoding
    let batch = try TripImporter.read(path: path)
    // Then the encoding is detected and every row is read
    #expect(batch.encoding == .gb18030)
    #expect(batch.problems.isEmpty)
    #expect(batch.warnings.isEmpty)
    #expect(batch.entries.map(\.location) == ["\(path):2", "\(path):3", "\(path):4"])
    let trips = batch.entries.map(\.value)
    #expect(trips.map(\.name) == ["王某", "刘某", "陈某"])
    #expect(trips[0].start == (try d("2022-07-04")))
    #expect(trips[0].end == (try d("2022-07-06")))
    #expect(trips[0].endsMorning)
    #expect(trips[0].companies == ["上海某某新材料有限公司", "上海某某智能装备有限公司"])
    // The importer keeps the kind as written; the rules resolve it when the ledger records it
    let book = try TestRules.book()
    #expect(trips[0].kind == "外出招商")
    #expect(book.kindID(for: trips[0].kind) == "visit")
    #expect(trips[0].length == DayCount(halves: 5))
    #expect(trips[1].startsAfternoon)
    #expect(book.kindID(for: trips[1].kind) == "visit")
    #expect(trips[1].purpose == "洽谈项目")
    #expect(trips[2].end == trips[2].start)
    #expect(book.kindID(for: trips[2].kind) == "video")
    #expect(trips[2].destination == "无锡")
  }

  @Test("A GB18030 file forced as UTF-8 is refused, not read as mojibake")
  func gb18030ForcedUTF8() throws {
    let path = fixture("trips-gb18030-crlf.csv")
    let error = try importError(trips: "trips-gb18030-crlf.csv", encoding: .utf8)
    // The first line's problem says what is wrong and what to do
    let first = error.problems(at: "\(path):1").map { $0.text(.en) }
    #expect(first.contains { $0.contains("this line is not valid UTF-8; the file may be GB18030 (GBK)") }, "\(first)")
    #expect(error.problems(at: "\(path):1").contains { $0.text(.zh).contains("请加 --encoding gb18030 重试") })
    #expect(!error.text(.en).contains("朱坝街道"))
    // And nothing else is claimed about the file
    #expect(error.problems.count == 1, "\(error.text(.en))")
    #expect(!error.text(.en).contains("the file is empty"))
  }

  @Test("A UTF-8 roster with a BOM and Chinese headers in another order is read")
  func rosterWithBOM() throws {
    let path = fixture("roster-utf8-bom.csv")
    let batch = try RosterImporter.read(path: path)
    #expect(batch.encoding == .utf8)
    #expect(batch.problems.isEmpty)
    let posts = batch.entries.map(\.value)
    #expect(posts.count == 3)
    #expect(posts[0] == (try post("朱坝街道", "王某", role: "党工委书记", from: "2021-09-01")))
    #expect(posts[1] == (try post("共和镇", "郭某", role: "镇长", from: "2020-09-01", to: "2022-07-15")))
    #expect(posts[2] == (try post("共和镇", "马某", role: "镇长", from: "2022-07-16")))
    #expect(batch.entries.last?.location == "\(path):4")
  }

  @Test("Quoted commas, quotes and line breaks are read, and the next row keeps its line number")
  func quotedFields() throws {
    let path = fixture("trips-quoted.csv")
    let batch = try TripImporter.read(path: path)
    let trips = batch.entries.map(\.value)
    #expect(trips.count == 3)
    #expect(trips[0].purpose == "拜访企业, 洽谈项目")
    #expect(trips[0].companies == ["上海\"某某\"公司"])
    #expect(trips[1].purpose == "第一行\n第二行")
    #expect(batch.entries.map(\.location) == ["\(path):2", "\(path):3", "\(path):5"])
    #expect(batch.entries[1].excerpt?.contains("第一行⏎第二行") == true)
  }

  @Test("An unterminated quote is reported at the line it opens on")
  func unterminatedQuote() throws {
    let path = fixture("trips-unterminated-quote.csv")
    let error = try importError(trips: "trips-unterminated-quote.csv")
    expectProblem(
      error, at: "\(path):3", en: "a quote opened on this line is never closed before the end of the file",
      zh: "引号没有闭合")
  }

  @Test("A NUL byte is reported as binary content")
  func binary() throws {
    let path = fixture("trips-nul.csv")
    let error = try importError(trips: "trips-nul.csv")
    expectProblem(
      error, at: "\(path):3", en: "the file holds binary data (a NUL byte) and is not CSV text", zh: "二进制内容")
  }

  @Test("Rows with more or fewer fields than the header are each reported")
  func fieldCount() throws {
    let path = fixture("trips-field-count.csv")
    let error = try importError(trips: "trips-field-count.csv")
    #expect(error.problems.count == 2)
    expectProblem(
      error, at: "\(path):3", en: "this row has 9 fields but the header has 8; check for a missing or extra comma",
      zh: "这一行有 9 个字段，表头有 8 列")
    expectProblem(error, at: "\(path):4", en: "this row has 7 fields but the header has 8")
  }

  @Test("An empty file is refused")
  func emptyFile() throws {
    let path = fixture("empty.csv")
    let error = try importError(trips: "empty.csv")
    expectProblem(
      error, at: "\(path):1", en: "the file is empty; its first line must be a header such as unit,name,start,end",
      zh: "文件是空的")
  }

  @Test("A file with only a header is refused as having nothing to import")
  func headerOnly() throws {
    let path = fixture("trips-header-only.csv")
    let error = try importError(trips: "trips-header-only.csv")
    expectProblem(error, at: "\(path):2", en: "the file has a header but no rows", zh: "文件只有表头")
  }

  @Test("A file without a header is refused")
  func headerless() throws {
    let path = fixture("trips-headerless.csv")
    let error = try importError(trips: "trips-headerless.csv")
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "\(path):1", en: "the first line is not a header (no column name is known)", zh: "第一行不是表头")
  }

  @Test("A missing required column is refused")
  func missingColumn() throws {
    let path = fixture("trips-missing-column.csv")
    let error = try importError(trips: "trips-missing-column.csv")
    expectProblem(
      error, at: "\(path):1", en: "the required column destination (目的地) is missing; add it to the header",
      zh: "缺少必需的列「目的地」（destination）")
  }

  @Test("A column named twice is refused")
  func duplicateColumn() throws {
    let path = fixture("trips-duplicate-column.csv")
    let error = try importError(trips: "trips-duplicate-column.csv")
    expectProblem(error, at: "\(path):1", en: "the header names column \"出发日期\" twice")
  }

  @Test("Chinese alias headers in another order are read; unknown columns are named once")
  func reorderedChinese() throws {
    let path = fixture("trips-reordered-chinese.csv")
    let batch = try TripImporter.read(path: path)
    let trip = try #require(batch.entries.first?.value)
    #expect(trip.unit == "朱坝街道")
    #expect(trip.name == "王某")
    #expect(trip.destination == "上海")
    #expect(trip.start == (try d("2022-07-04")))
    #expect(trip.end == (try d("2022-07-05")))
    #expect(try TestRules.book().kindID(for: trip.kind) == "video")
    #expect(batch.warnings.count == 1)
    #expect(batch.warnings.first?.location == path)
    #expect(batch.warnings.first?.text(.en).contains("ignored columns this importer does not read: 联系电话") == true)
    #expect(batch.warnings.first?.text(.zh).contains("已忽略不认识的列：联系电话") == true)
  }

  @Test("A 天数 that disagrees with the dates is refused, saying what the dates give; 一天 is read as 1")
  func daysMismatch() throws {
    // Given a file whose third row says 3 days for a 2-day trip, and whose fourth writes 一天 for a one-day trip
    let path = fixture("trips-days-column.csv")
    // When it is read
    let batch = try TripImporter.read(path: path)
    // Then the 3 is refused at its cell, not rounded to the dates; 一天 is read
    #expect(batch.entries.map(\.location) == ["\(path):2", "\(path):3", "\(path):5"])
    #expect(batch.problems.map(\.location) == ["\(path):4"])
    let problem = try #require(batch.problems.first)
    #expect(problem.code == .periodInvalid)
    #expect(problem.field == .days)
    #expect(
      problem.text(.en).contains(
        "column days, value \"3\": it says 3 days, but the dates 2022-07-08 to 2022-07-09 give 2; the days are not rounded"
      ))
    #expect(problem.text(.zh).contains("列 天数（days），值「3」：写的是 3 天，而日期 2022-07-08 至 2022-07-09 算出 2 天"))
    #expect(problem.text(.zh).contains("只外出一个上午写“2022-07-04 上午”"))
    #expect(batch.warnings.isEmpty)
  }

  @Test("Every bad row of a file is reported with its column and value; good rows are still read")
  func badRows() throws {
    let path = fixture("trips-bad-rows.csv")
    let batch = try TripImporter.read(path: path)
    // The kind is checked against the rules by the ledger, so the row of kind 电话 is read here; a start marked AM
    // with no end is a morning-only trip
    #expect(batch.entries.map(\.location) == ["\(path):4", "\(path):6", "\(path):8"])
    #expect(batch.entries.first?.value.length == DayCount(halves: 1))
    #expect(batch.entries.first?.value.endsMorning == true)
    #expect(batch.entries[1].value.kind == "电话")
    #expect(batch.problems.count == 4)
    func problem(_ line: Int) -> String {
      batch.problems.first { $0.location == "\(path):\(line)" }?.text(.en) ?? "no problem at line \(line)"
    }
    #expect(problem(2).contains("column start, value \"2022-02-30\": the date \"2022-02-30\" does not exist"))
    #expect(problem(3).contains("column start, value \"07/04/2022\": cannot read the date"))
    #expect(problem(5).contains("an end may only be marked AM"))
    #expect(problem(7).contains("the start date is empty"))
    #expect(batch.problems.first?.text(.zh).contains("列 开始日期（start），值「2022-02-30」") == true)
    #expect(batch.problems.first?.text(.en).contains("| 朱坝街道,王某,2022-02-30,,上海,visit") == true)
  }

  @Test("A roster date with AM/PM is refused")
  func rosterHalfDays() throws {
    let path = fixture("roster-half-days.csv")
    let batch = try RosterImporter.read(path: path)
    #expect(batch.entries.count == 1)
    #expect(batch.problems.map(\.location) == ["\(path):2"])
    #expect(batch.problems.first?.text(.en).contains("posts begin and end on whole days") == true)
  }

  @Test("Bytes valid in neither GB18030 nor UTF-8 are refused at their line")
  func badBytes() throws {
    let path = fixture("trips-bad-bytes.csv")
    let error = try importError(trips: "trips-bad-bytes.csv")
    expectProblem(
      error, at: "\(path):3",
      en: "this line is neither GB18030 nor UTF-8 text; save the sheet from Excel as \"CSV UTF-8\"",
      zh: "这一行既不是 GB18030 也不是 UTF-8 文字")
  }

  @Test("A field over 1 MB is refused with the line it is on")
  func longField() throws {
    try withTemporaryFolder { folder in
      // Given a row whose destination is 1 MB of letters, across the reader's 1 MiB chunks
      let path = folder.appendingPathComponent("long.csv").path
      var bytes = Array("unit,name,start,end,destination\n朱坝街道,王某,2022-07-04,,上海\n朱坝街道,王某,2022-07-05,,".utf8)
      bytes += [UInt8](repeating: UInt8(ascii: "a"), count: CSVParser.maxFieldBytes + 10) + [0x0A]
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let error = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path) }
      expectProblem(error, at: "\(path):3", en: "a field on this line is longer than 1 MB", zh: "超过 1 MB 的字段")
    }
  }

  @Test("A line of more than 1000 fields is refused with its line")
  func tooManyFieldsInFile() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("wide.csv").path
      let text = "unit,name,start,end,destination\n" + String(repeating: "x,", count: 1000) + "x\n"
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let error = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path) }
      expectProblem(error, at: "\(path):2", en: "this line has more than 1000 fields", zh: "这一行超过 1000 列")
    }
  }

  @Test("A missing file is refused")
  func missingFile() throws {
    let path = fixture("no-such-file.csv")
    let error = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path) }
    #expect(error.problems.first?.location == path)
    #expect(error.text(.en).contains("no such file; check the path and the name"))
    #expect(error.text(.zh).contains("找不到该文件"))
  }

  @Test("Five megabytes of random bytes give a clear error, not a crash", arguments: [false, true])
  func randomBytes(withoutNUL: Bool) throws {
    try withTemporaryFolder { folder in
      // Given 5 MB of seeded random bytes (with or without NUL bytes)
      var generator = SeededGenerator(seed: withoutNUL ? 20_220_704 : 20_220_705)
      var bytes: [UInt8] = []
      bytes.reserveCapacity(5 << 20)
      while bytes.count < 5 << 20 {
        let word = generator.next()
        for shift in stride(from: 0, to: 64, by: 8) {
          let byte = UInt8(truncatingIfNeeded: word >> UInt64(shift))
          bytes.append(withoutNUL && byte == 0 ? 0x20 : byte)
        }
      }
      let path = folder.appendingPathComponent("random.csv").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      // When it is imported
      let error = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path) }
      // Then every problem is located in the file and says what is wrong
      #expect(!error.problems.isEmpty)
      #expect(error.problems.allSatisfy { $0.location?.hasPrefix(path) == true })
      let text = error.text(.en)
      #expect(
        ["not CSV text", "not a header", "neither GB18030 nor UTF-8", "never closed", "fields", "1 MB"].contains {
          text.contains($0)
        }, "\(text.prefix(500))")
    }
  }

  @Test("More than 100 problems are listed, then counted")
  func problemLimit() {
    let problems = (1...105).map { Problem(location: "f.csv:\($0)", Localized("错", "wrong")) }
    let text = ZhaoshangError.invalidInput(problems).text(.en)
    #expect(text.contains("f.csv:100: wrong"))
    #expect(!text.contains("f.csv:101:"))
    #expect(text.hasSuffix("... and 5 more problems not shown."))
    #expect(ZhaoshangError.invalidInput(problems).text(.zh).hasSuffix("……另有 5 处问题未列出。"))
  }

  @Test("A problem prints as FILE:LINE:, the row, then the message")
  func problemLayout() {
    let problem = Problem(location: "trips.csv:3", excerpt: "朱坝街道,王某", Localized("错了", "wrong"))
    #expect(problem.text(.en) == "trips.csv:3:\n  | 朱坝街道,王某\n  wrong")
    #expect(Problem(location: "--on", Localized("错了", "wrong")).text(.zh) == "--on: 错了")
    #expect(Problem(Localized("错了", "wrong")).text(.en) == "wrong")
  }
}

@Suite("Trip kinds and companies")
struct TripKindTests {
  @Test(
    "Kinds are found by id or Chinese name; empty means visit",
    arguments: [
      ("visit", "visit"), ("VISIT", "visit"), ("外出招商", "visit"), ("实地拜访", "visit"), ("", "visit"),
      ("视频洽谈", "video"), ("视频", "video"), ("云洽谈", "video"), ("online", "online"), ("网上签约", "online"),
    ])
  func named(text: String, id: String) {
    #expect(TripKind.named(text)?.id == id)
  }

  @Test("An unknown kind is not guessed")
  func unknown() {
    #expect(TripKind.named("电话") == nil)
  }

  @Test("Companies split on ; ； 、 and line breaks")
  func companies() {
    #expect(CompanyList.split(" 甲公司；乙公司;丙公司、丁公司\n戊公司;; ") == ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"])
    #expect(CompanyList.join(["甲公司", "乙公司"]) == "甲公司;乙公司")
  }
}

@Suite("Importing into the ledger")
struct ImportIntoLedgerTests {
  @Test("The BOM roster and the GB18030 trips import into a ledger and are counted")
  func endToEnd() throws {
    // Given the roster and trips fixtures
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    let roster = try RosterImporter.read(path: Fixture.path("csv/roster-utf8-bom.csv"))
    let extra = try RosterImporter.read(path: Fixture.path("csv/roster-half-days.csv"))
    #expect(extra.problems.count == 1)
    try ledger.addPosts(roster.entries, rules: rules, stamp: testStamp, carrying: roster.problems)
    try ledger.addPosts(
      [located(try post("朱坝街道", "刘某", role: "办事处主任"), line: 3), located(try post("黄集街道", "陈某"), line: 4)],
      rules: rules, stamp: testStamp)
    // When the trips are imported
    let trips = try TripImporter.read(path: Fixture.path("csv/trips-gb18030-crlf.csv"))
    let outcome = try ledger.recordTrips(
      trips.entries, rules: rules, today: today, stamp: testStamp, carrying: trips.problems)
    // Then they are written and counted; 陈某's video negotiation does not count
    #expect(outcome.added.count == 3)
    let report = try ledger.check(month: try m("2022-07"), rules: rules)
    let counted = Dictionary(uniqueKeysWithValues: report.people.map { ($0.name, $0.counted) })
    #expect(counted["王某"] == DayCount(halves: 5))
    #expect(counted["刘某"] == DayCount(halves: 3))
    #expect(counted["陈某"] == .zero)
    // And importing the file again adds nothing
    let again = try ledger.recordTrips(trips.entries, rules: rules, today: today, stamp: testStamp)
    #expect(again.added.isEmpty)
    #expect(again.alreadyPresent.count == 3)
  }

  @Test("A file with one bad row writes none of its rows")
  func fileAllOrNothing() throws {
    let (ledger, rules) = try rosteredLedger()
    let path = Fixture.path("csv/trips-bad-rows.csv")
    let batch = try TripImporter.read(path: path)
    #expect(batch.entries.count == 3)
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(batch.entries, rules: rules, today: today, stamp: testStamp, carrying: batch.problems)
    }
    // The four unreadable rows and the row of an unknown kind, in file order (line 4's AM start is a morning)
    #expect(error.problems.compactMap(\.location) == [2, 3, 5, 6, 7].map { "\(path):\($0)" })
    expectProblem(
      error, at: "\(path):6", en: "unknown trip kind \"电话\"; the kinds are visit (visit)", zh: "未知的外出类型「电话」")
    #expect(try ledger.trips().isEmpty)
  }
}

@Suite("A CSV file that fails while it is read")
struct UnreadableCSVTests {
  @Test func aReadErrorIsRefusedNotTakenForTheEndOfTheFile() throws {
    // Given a file that opens but whose every read fails with EIO (a process's memory at address 0)
    let path = "/proc/self/mem"
    try #require(FileManager.default.isReadableFile(atPath: path))

    // When it is imported, Then it is refused as unreadable, not read as an empty file
    let error = try #require(throws: ZhaoshangError.self) { _ = try TripImporter.read(path: path) }
    #expect(error.text(.en).contains("reading the file failed (a disk or file error)"), "\(error.text(.en))")
  }
}
