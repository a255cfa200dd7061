import Foundation
import Testing

@testable import ZhaoshangKit

// Input that tries to break the readers: whatever bytes a file holds, reading it ends with a clear error that
// names the file (and the line, where there is one) and says what is wrong; never a crash, never a hang.

/// The two CSV readers, so every hostile file is fed to both.
enum HostileCSVReader: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case trips
  case roster

  var testDescription: String { rawValue }

  /// A header this reader accepts.
  var header: String {
    switch self {
    case .trips: return "unit,name,start,end,destination"
    case .roster: return "unit,name,role,from,to"
    }
  }

  /// A data row that fits `header`.
  var row: String {
    switch self {
    case .trips: return "朱坝街道,王某,2022-07-04,2022-07-05,上海"
    case .roster: return "朱坝街道,王某,党工委书记,2021-09-01,"
    }
  }

  /// Reads the file; returns the problems of its rows when it does not throw.
  @discardableResult
  func read(_ path: String, encoding: TextEncoding? = nil) throws(ZhaoshangError) -> [Problem] {
    switch self {
    case .trips: return try TripImporter.read(path: path, encoding: encoding).problems
    case .roster: return try RosterImporter.read(path: path, encoding: encoding).problems
    }
  }
}

/// `count` bytes from a seeded generator: the same "random" file on every run.
func seededBytes(_ count: Int, seed: UInt64, avoidingNUL: Bool = false) -> [UInt8] {
  var generator = SeededGenerator(seed: seed)
  var bytes = [UInt8](repeating: 0, count: count)
  var index = 0
  while index < count {
    var word = generator.next()
    for _ in 0..<8 where index < count {
      let byte = UInt8(truncatingIfNeeded: word)
      bytes[index] = avoidingNUL && byte == 0 ? 1 : byte
      word >>= 8
      index += 1
    }
  }
  return bytes
}

/// `count` bytes drawn from `alphabet` by a seeded generator.
func seededText(_ count: Int, seed: UInt64, alphabet: [UInt8]) -> [UInt8] {
  var generator = SeededGenerator(seed: seed)
  return (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
}

/// Writes `bytes` to `name` in a fresh folder and returns the error reading it throws.
func hostileCSVError(
  _ bytes: [UInt8], reader: HostileCSVReader, encoding: TextEncoding? = nil, name: String = "hostile.csv",
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> (error: ZhaoshangError, path: String) {
  try withTemporaryFolder { folder in
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: ZhaoshangError.self, sourceLocation: sourceLocation) {
      try reader.read(path, encoding: encoding)
    }
    return (error, path)
  }
}

/// Checks that an error is a clear one: an input error whose every problem names `path`, whose text names
/// `path:line` when a line is given and says `says`, in a few lines rather than a dump of the file.
func expectClearError(
  _ error: ZhaoshangError, path: String, line: Int?, says fragment: String, onlyProblem: Bool = true,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard case .invalidInput(let problems) = error else {
    Issue.record("not an input error: \(error)", sourceLocation: sourceLocation)
    return
  }
  let text = error.text(.en)
  #expect(!problems.isEmpty, sourceLocation: sourceLocation)
  if onlyProblem {
    #expect(problems.count == 1, "\(text)", sourceLocation: sourceLocation)
  }
  #expect(
    problems.allSatisfy { $0.location?.hasPrefix(path) == true }, "\(text)", sourceLocation: sourceLocation)
  if let line {
    #expect(
      problems.contains { $0.location == "\(path):\(line)" }, "\(text.prefix(2000))", sourceLocation: sourceLocation)
    #expect(text.contains("\(path):\(line):"), sourceLocation: sourceLocation)
  } else {
    #expect(text.contains(path), "\(text.prefix(2000))", sourceLocation: sourceLocation)
  }
  if !fragment.isEmpty {
    #expect(text.contains(fragment), "\(text.prefix(2000))", sourceLocation: sourceLocation)
  }
  // Said in Chinese too, and short enough to read: never the file's megabytes echoed back.
  #expect(error.text(.zh).contains(path), sourceLocation: sourceLocation)
  #expect(text.utf8.count < 20_000, "the error is \(text.utf8.count) bytes long", sourceLocation: sourceLocation)
}

/// What the CSV readers may say about a file of random bytes: one of the reasons a file is not a sheet.
let unreadableCSVReasons = [
  "holds binary data (a NUL byte)", "is not valid UTF-8", "neither GB18030 nor UTF-8 text",
  "never closed before the end of the file", "longer than 1 MB", "more than \(CSVParser.maxFields) fields",
  "the first line is not a header", "the file is empty",
]

// MARK: CSV files

@Suite("Hostile CSV files")
struct HostileCSVTests {
  /// Random bytes, NULs included: the first NUL or the first undecodable field stops the reading.
  @Test(
    "Random bytes are refused with a reason, whatever their size",
    arguments: HostileCSVReader.allCases, [(1_000, 1), (65_536, 2), (1_048_593, 3), (5_000_000, 4)])
  func randomBytes(reader: HostileCSVReader, size: (bytes: Int, seed: UInt64)) throws {
    // Given a file of random bytes
    let bytes = seededBytes(size.bytes, seed: size.seed)
    // When it is read
    let (error, path) = try hostileCSVError(bytes, reader: reader)
    // Then one problem, at a line of the file, says why the file is no sheet
    let text = error.text(.en)
    #expect(unreadableCSVReasons.contains { text.contains($0) }, "\(text.prefix(2000))")
    #expect(error.problems.count == 1, "\(text.prefix(2000))")
    #expect(error.problems.first?.lineNumber != nil, "\(text.prefix(2000))")
    expectClearError(error, path: path, line: error.problems.first?.lineNumber, says: "")
  }

  @Test(
    "Random bytes without a NUL are refused too, read to wherever they fail",
    arguments: HostileCSVReader.allCases, [(4_096, 11), (1_048_576, 12), (5_000_000, 13)])
  func randomBytesWithoutNUL(reader: HostileCSVReader, size: (bytes: Int, seed: UInt64)) throws {
    let bytes = seededBytes(size.bytes, seed: size.seed, avoidingNUL: true)
    let (error, path) = try hostileCSVError(bytes, reader: reader)
    let text = error.text(.en)
    #expect(unreadableCSVReasons.contains { text.contains($0) }, "\(text.prefix(2000))")
    expectClearError(error, path: path, line: error.problems.first?.lineNumber, says: "")
  }

  @Test(
    "Random text of commas, quotes, line breaks and Chinese after a good header is refused row by row",
    arguments: HostileCSVReader.allCases)
  func randomSheetText(reader: HostileCSVReader) throws {
    // Given a good header followed by 256 KB drawn from the characters a sheet is made of
    let alphabet = Array(",,,\"\n\r\n 2022-07/上海王某朱坝街道".utf8)
    var bytes = Array("\(reader.header)\n".utf8) + seededText(262_144, seed: 21, alphabet: alphabet)
    // (cut a multi-byte character cleanly: the alphabet's bytes are drawn one by one)
    bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("noise.csv").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      // When it is read
      do throws(ZhaoshangError) {
        let problems = try reader.read(path)
        // Then, if the sheet's shape holds, its rows are refused one by one, each at its line
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.location?.hasPrefix("\(path):") == true })
      } catch {
        // Or the file's shape is refused, each problem at a line of the file
        #expect(!error.problems.isEmpty)
        #expect(error.problems.allSatisfy { $0.location?.hasPrefix(path) == true }, "\(error.text(.en).prefix(2000))")
        #expect(error.text(.en).utf8.count < 200_000)
      }
    }
  }

  @Test("A 2 MB field is refused at its line, in a header, a row or quotes", arguments: HostileCSVReader.allCases)
  func hugeField(reader: HostileCSVReader) throws {
    let huge = String(repeating: "招", count: 700_000)  // 2.1 MB of UTF-8
    let cases: [(text: String, line: Int)] = [
      (huge + "\n" + reader.row + "\n", 1),
      (reader.header + "\n" + reader.row + "\n" + huge + "," + reader.row + "\n", 3),
      (reader.header + "\n\"" + huge + "\"," + reader.row + "\n", 2),
      (reader.header + "\n\"第一行\n" + huge + "\"\n", 2),
    ]
    for (text, line) in cases {
      let (error, path) = try hostileCSVError(Array(text.utf8), reader: reader)
      expectClearError(error, path: path, line: line, says: "a field on this line is longer than 1 MB")
    }
  }

  @Test("A NUL byte is refused at the line it stands on, wherever it is", arguments: HostileCSVReader.allCases)
  func nulBytes(reader: HostileCSVReader) throws {
    let header = Array("\(reader.header)\n".utf8)
    let row = Array("\(reader.row)\n".utf8)
    let cases: [(bytes: [UInt8], line: Int)] = [
      ([0], 1),
      ([0] + header + row, 1),
      ([0xEF, 0xBB, 0xBF, 0] + header, 1),
      ([0xEF, 0xBB, 0] + header, 1),
      (Array("un".utf8) + [0] + Array("it,name\n".utf8) + row, 1),
      (header + row + Array("朱坝街道,".utf8) + [0] + Array(",x\n".utf8), 3),
      (header + Array("朱坝街道,\"王".utf8) + [0] + Array("某\",x\n".utf8), 2),
      // Inside a quoted field that spans lines 2 and 3: the NUL's own line
      (header + Array("朱坝街道,\"王\n".utf8) + [0] + Array("某\",x\n".utf8), 3),
      (header + row + [0], 3),
      (header + row + [UInt8](repeating: 0, count: 100_000), 3),
    ]
    for (bytes, line) in cases {
      let (error, path) = try hostileCSVError(bytes, reader: reader)
      expectClearError(error, path: path, line: line, says: "the file holds binary data (a NUL byte)")
    }
  }

  @Test("10,000 columns are refused at their line, in the header or a row", arguments: HostileCSVReader.allCases)
  func tenThousandColumns(reader: HostileCSVReader) throws {
    let wide = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
    let commas = String(repeating: ",", count: 9_999)
    let cases: [(text: String, line: Int)] = [
      (wide + "\n" + reader.row + "\n", 1),
      (reader.header + "," + wide + "\n" + reader.row + "\n", 1),
      (reader.header + "\n" + wide + "\n", 2),
      (reader.header + "\n" + reader.row + "\n" + reader.row + "\n" + reader.row + "\n" + commas + "\n", 5),
      (reader.header + "\n" + reader.row + "," + commas + "\r\n", 2),
    ]
    for (text, line) in cases {
      let (error, path) = try hostileCSVError(Array(text.utf8), reader: reader)
      expectClearError(error, path: path, line: line, says: "this line has more than 1000 fields")
    }
  }

  @Test("An unterminated quote is refused at the line it opens on", arguments: HostileCSVReader.allCases)
  func unterminatedQuote(reader: HostileCSVReader) throws {
    let cases: [(text: String, line: Int)] = [
      ("\"" + reader.header + "\n" + reader.row + "\n", 1),
      ("\"", 1),
      (reader.header + "\n" + reader.row + "\n\"" + reader.row + "\n" + reader.row + "\n" + reader.row + "\n", 3),
      (reader.header + "\r\n" + reader.row + "\r\n" + reader.row + ",\"上海", 3),
      (reader.header + "\n" + reader.row + "\n\"", 3),
      // A closed quote spanning lines 2 and 3, then one opened on line 4 and left open
      (reader.header + "\n\"朱坝\n街道\"" + reader.row.drop { $0 != "," } + "\n\"open", 4),
      (reader.header + "\n" + String(repeating: "\"", count: 10_001), 2),
    ]
    for (text, line) in cases {
      let (error, path) = try hostileCSVError(Array(text.utf8), reader: reader)
      expectClearError(
        error, path: path, line: line,
        says: "a quote opened on this line is never closed before the end of the file; add the missing double quote")
    }
  }

  @Test(
    "Files of only quotes, only commas or only line breaks are refused as empty or headerless",
    arguments: HostileCSVReader.allCases)
  func degenerateFiles(reader: HostileCSVReader) throws {
    let empty = "the file is empty; its first line must be a header such as unit,name,"
    let notHeader = "the first line is not a header (no column name is known)"
    let cases: [(text: String, line: Int, says: String)] = [
      ("\"\"", 1, empty),
      (String(repeating: "\"", count: 10_000), 1, notHeader),
      (String(repeating: "\"", count: 10_001), 1, "a quote opened on this line is never closed"),
      (String(repeating: "\"\"\n", count: 1_000), 1, empty),
      (String(repeating: ",", count: 500), 1, empty),
      (String(repeating: String(repeating: ",", count: 20) + "\n", count: 1_000), 1, empty),
      (String(repeating: ",", count: 5_000), 1, "this line has more than 1000 fields"),
      (String(repeating: "\r\n", count: 10_000), 1, empty),
      (String(repeating: "\r", count: 10_000), 1, empty),
      (String(repeating: "\n", count: 10_000), 1, empty),
      (String(repeating: " \t \r\n", count: 1_000), 1, empty),
      ("\u{FEFF}", 1, empty),
      ("\u{FEFF}\r\n\r\n", 1, empty),
      // Nothing but a header: nothing to import, said at line 2
      (reader.header + "\r\n\r\n\r\n", 2, "the file has a header but no rows"),
    ]
    for (text, line, says) in cases {
      let (error, path) = try hostileCSVError(Array(text.utf8), reader: reader)
      expectClearError(error, path: path, line: line, says: says)
    }
  }

  @Test(
    "Invalid UTF-8 is refused at its line, whichever way the file is read as UTF-8",
    arguments: HostileCSVReader.allCases)
  func invalidUTF8(reader: HostileCSVReader) throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let header = Array("\(reader.header)\n".utf8)
    let row = Array("\(reader.row)\n".utf8)
    let bad: [[UInt8]] = [
      [0xC0, 0xAF],  // overlong '/'
      [0x80],  // a lone continuation byte
      [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
      [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
      [0xE4, 0xB8],  // a character cut short
      [0xFF, 0xFE],
    ]
    for sequence in bad {
      // With a byte-order mark, in a data row
      var (error, path) = try hostileCSVError(
        bom + header + row + Array("朱坝街道,".utf8) + sequence + [0x0A], reader: reader)
      expectClearError(error, path: path, line: 3, says: "this line is not valid UTF-8")
      // Told it is UTF-8, in the header
      (error, path) = try hostileCSVError(sequence + Array(",".utf8) + header + row, reader: reader, encoding: .utf8)
      expectClearError(error, path: path, line: 1, says: "this line is not valid UTF-8")
      // A character cut short by the end of the file
      (error, path) = try hostileCSVError(bom + header + row + Array("朱坝街道,".utf8) + sequence, reader: reader)
      expectClearError(error, path: path, line: 3, says: "this line is not valid UTF-8")
    }
    // Bytes neither UTF-8 nor GB18030, found without a byte-order mark (in ASCII rows, which read the same in
    // both encodings, and followed by more text, so that the sample the encoding is guessed from does not end
    // just before them)
    let ascii = Array("a,b,c,d,e\n".utf8)
    let (error, path) = try hostileCSVError(
      header + ascii + [0xFF, 0xFF] + Array(",a,b,c,d\n".utf8) + ascii, reader: reader)
    expectClearError(error, path: path, line: 3, says: "neither GB18030 nor UTF-8 text")
  }

  @Test("A second byte-order mark, or half of one, is not taken for a header", arguments: HostileCSVReader.allCases)
  func strayByteOrderMarks(reader: HostileCSVReader) throws {
    // Given two files pasted together, each with its mark: the second mark sticks to the first column's name
    var (error, path) = try hostileCSVError(
      [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("\(reader.header)\n\(reader.row)\n".utf8), reader: reader)
    expectClearError(error, path: path, line: 1, says: "the required column unit (单位) is missing")
    // Given two bytes of a mark and nothing else
    (error, path) = try hostileCSVError([0xEF, 0xBB], reader: reader)
    expectClearError(error, path: path, line: 1, says: "the file is empty")
  }

  @Test("A UTF-8 file with one stray byte is refused at that byte's line, not read as GB18030")
  func strayByteInUTF8() throws {
    // Given a UTF-8 trips file (Chinese names) whose third line holds one Latin-1 byte, as a bad paste leaves it
    let bytes =
      Array("单位,姓名,开始日期,目的地\n朱坝街道,王某,2022-07-04,上海\n朱坝街道,王某,2022-07-05,M".utf8) + [0xE9]
      + Array("nchen\n".utf8)
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("stray.csv").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      // When it is read without naming the encoding
      let outcome = Result { () throws(ZhaoshangError) in try TripImporter.read(path: path) }
      // Then it is refused at line 3 as not UTF-8, rather than read as GB18030 (mojibake, or a wrong line)
      let error = try #require(throws: ZhaoshangError.self) { try outcome.get() }
      expectClearError(error, path: path, line: 3, says: "this line is not valid UTF-8")
    }
  }

  @Test("A folder or a missing file is refused by name", arguments: HostileCSVReader.allCases)
  func notAFile(reader: HostileCSVReader) throws {
    try withTemporaryFolder { folder in
      let error = try #require(throws: ZhaoshangError.self) { try reader.read(folder.path) }
      expectClearError(error, path: folder.path, line: nil, says: "this is a folder, not a CSV file")
      let missing = folder.appendingPathComponent("nothing.csv").path
      let gone = try #require(throws: ZhaoshangError.self) { try reader.read(missing) }
      expectClearError(gone, path: missing, line: nil, says: "no such file")
    }
  }
}

// MARK: Rule files

/// A rule file the parser accepts, to break in the tests.
let validRuleText = """
  title = "测试规则"
  effective_from = "2022-01-01"

  [[tier]]
  id = "town"
  title = "镇街党政主要负责人"
  min_days = 10
  units = ["朱坝街道"]

  """

/// Parses bytes as a rule file and returns the error, failing the test when they are accepted.
func ruleFileError(
  _ bytes: [UInt8], path: String = "rules/hostile.toml", sourceLocation: SourceLocation = #_sourceLocation
)
  -> ZhaoshangError?
{
  switch RuleFileParser.parse(data: Data(bytes), path: path) {
  case .success(let ruleSet):
    Issue.record("accepted as a rule file: \(ruleSet.title.prefix(100))", sourceLocation: sourceLocation)
    return nil
  case .failure(let error):
    return error
  }
}

@Suite("Hostile rule files")
struct HostileRuleFileTests {
  let path = "rules/hostile.toml"

  @Test("Random bytes without a NUL are refused as not UTF-8", arguments: [(1_000, 31), (65_536, 32), (1_048_576, 33)])
  func randomBytes(size: (bytes: Int, seed: UInt64)) throws {
    let error = try #require(ruleFileError(seededBytes(size.bytes, seed: size.seed, avoidingNUL: true)))
    expectClearError(error, path: path, line: nil, says: "the rule file is not UTF-8; save it as UTF-8 and try again")
    #expect(error.problems.first?.location == path)
  }

  @Test(
    "Random bytes with NULs are refused as binary, at the first NUL's line", arguments: [(1_000, 34), (1_048_576, 35)])
  func randomBinary(size: (bytes: Int, seed: UInt64)) throws {
    let bytes = seededBytes(size.bytes, seed: size.seed)
    let nul = try #require(bytes.firstIndex(of: 0))
    let line = bytes[..<nul].filter { $0 == 0x0A }.count + 1
    let error = try #require(ruleFileError(bytes))
    expectClearError(
      error, path: path, line: line, says: "the rule file holds a NUL byte (binary data) and is not text")
  }

  @Test("Random printable text is refused as a TOML syntax error at a line", arguments: [41, 42, 43] as [UInt64])
  func randomText(seed: UInt64) throws {
    // Given 64 KB of the characters TOML is written with
    let alphabet = Array("abc_=[]{}\"'.,#\n\n 0123456789-:标题".utf8)
    let bytes = Array(String(decoding: seededText(65_536, seed: seed, alphabet: alphabet), as: UTF8.self).utf8)
    let error = try #require(ruleFileError(bytes))
    // Then the error names a line of the file and says what kind of problem it is (every bad table header, when
    // there are several)
    let line = try #require(error.problems.first?.lineNumber, "\(error.text(.en).prefix(2000))")
    expectClearError(error, path: path, line: line, says: "TOML syntax error", onlyProblem: false)
    #expect(error.problems.allSatisfy { $0.message.en.hasPrefix("TOML syntax error") })
  }

  @Test("A line over 2 MB is refused at its line without echoing it back, before toml++ reads it")
  func hugeLine() throws {
    // Given a key whose value runs on for 2.1 MB and is never closed
    let bytes = Array(("title = \"" + String(repeating: "招商", count: 350_000) + "\n").utf8)
    let error = try #require(ruleFileError(bytes))
    // Then it is refused at line 1 as too long, in a message one can read
    let text = error.text(.en)
    expectClearError(error, path: path, line: 1, says: "this line is longer than 2000000 bytes")
    #expect(text.utf8.count < 20_000, "the error is \(text.utf8.count) bytes long")
  }

  @Test("A syntax error on a long line is reported without echoing the line back")
  func longLineSyntaxError() throws {
    // Given a key whose value runs on for 1.8 MB and is never closed
    let bytes = Array(("title = \"" + String(repeating: "招商", count: 300_000) + "\n").utf8)
    let error = try #require(ruleFileError(bytes))
    // Then the syntax error is reported at line 1, in a message one can read
    let text = error.text(.en)
    #expect(text.contains("\(path):1"), "\(text.prefix(300))")
    #expect(text.contains("TOML syntax error"), "\(text.prefix(300))")
    #expect(text.utf8.count < 20_000, "the error is \(text.utf8.count) bytes long")
  }

  @Test("A file over 10 MB is refused before toml++ reads it")
  func hugeFile() throws {
    let line = "# " + String(repeating: "x", count: 998) + "\n"
    let error = try #require(ruleFileError(Array((validRuleText + String(repeating: line, count: 10_001)).utf8)))
    expectClearError(error, path: path, line: nil, says: "more than the 10000000 allowed")
  }

  /// Rule files holding a NUL byte, with the line it stands on.
  static let nulCases: [(bytes: [UInt8], line: Int)] = {
    let lines = validRuleText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return [
      ([0] + Array(validRuleText.utf8), 1),
      (Array("title = \"测试".utf8) + [0] + Array(("\"\n" + lines.dropFirst().joined(separator: "\n")).utf8), 1),
      (Array((lines.prefix(4).joined(separator: "\n") + "\n").utf8) + [0] + Array("id = \"town\"\n".utf8), 5),
      (Array(validRuleText.utf8) + [0], 9),
    ]
  }()

  @Test("A NUL byte is refused as binary at its line: first, in a value, on a line of its own, last")
  func nulBytes() throws {
    for (bytes, line) in Self.nulCases {
      let error = try #require(ruleFileError(bytes))
      expectClearError(
        error, path: path, line: line, says: "the rule file holds a NUL byte (binary data) and is not text")
    }
  }

  @Test("Text after a NUL byte is not silently dropped")
  func nulHidesText() throws {
    // Given a valid rule file, a NUL, then a second tier (as a botched copy and paste might leave it)
    let second = "\n[[tier]]\nid = \"task\"\ntitle = \"部门\"\nmin_days = 5\nunits = [\"住建局\"]\n"
    let bytes = Array(validRuleText.utf8) + [0] + Array(second.utf8)
    // When it is parsed
    // Then it is refused: it must never pass as a file with one tier (toml++ stops reading at a NUL), which
    // would leave 住建局 silently unassessed
    let error = try #require(ruleFileError(bytes))
    expectClearError(error, path: path, line: 9, says: "NUL byte")
  }

  @Test("Deep nesting is refused as a syntax error, not by overflowing the stack")
  func deepNesting() throws {
    let depth = 10_000
    let cases: [String] = [
      "x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n",
      "x = " + String(repeating: "[", count: depth) + "\n",
      // (Not here: a line of bare `[[[`: toml++ aborts the process on it, see `tableHeaderWithoutKey`.)
      "x = " + String(repeating: "{a = ", count: depth) + "1" + String(repeating: "}", count: depth) + "\n",
      "title = [" + String(repeating: "[1, ", count: depth) + "\n",
    ]
    for text in cases {
      let error = try #require(ruleFileError(Array((validRuleText + text).utf8)))
      expectClearError(error, path: path, line: 9, says: "TOML syntax error")
    }
  }

  @Test(
    "A key of too many dotted parts is refused at its line before toml++ reads it by recursion",
    arguments: [10_000, 131_000])
  func deepDottedKey(parts: Int) throws {
    let key = Array(repeating: "a", count: parts).joined(separator: ".")
    // As a key, as a table header, as an array-of-tables header and inside an inline table, on line 9
    for line in ["\(key) = 1", "[\(key)]", "[[\(key)]]", "x = { \(key) = 1 }", "[\"q.q\".\(key)]"] {
      let error = try #require(ruleFileError(Array((validRuleText + line + "\n").utf8)))
      expectClearError(error, path: path, line: 9, says: "the key on this line has more than 20 parts joined by dots")
    }
  }

  @Test("Keys of twenty parts, dotted values and dotted strings are left to toml++")
  func dottedKeysWithinTheLimit() throws {
    let key = Array(repeating: "a", count: 20).joined(separator: ".")
    for line in ["\(key) = 1", "[\(key)]", "x = 1.5", "\"\(key).\(key)\" = \"\(key).\(key)\"", "x = [1.5, 2.5, 3.5]"] {
      #expect(TOMLPreflight.findings(in: validRuleText + line + "\n").isEmpty, "\(line)")
    }
  }

  @Test("100,000 unknown keys are refused with a counted list, each at its line")
  func manyKeys() throws {
    // Given a rule file with 100,000 keys nobody knows, before its tiers
    let keys = (0..<100_000).map { "key\($0) = \($0)" }.joined(separator: "\n")
    let error = try #require(ruleFileError(Array((keys + "\n" + validRuleText).utf8)))
    // Then every key is a problem, listed up to the limit and counted after it
    #expect(error.problems.count == 100_000)
    let text = error.text(.en)
    #expect(text.contains("... and 99900 more problems not shown."), "\(text.suffix(300))")
    #expect(text.utf8.count < 50_000)
    #expect(error.problems.allSatisfy { $0.location?.hasPrefix("\(path):") == true })
    // Each at its own line: key N stands on line N + 1
    let key = try #require(error.problems.first { $0.text(.en).contains("\"key567\"") })
    #expect(key.location == "\(path):568")
  }

  @Test("A tier of 100,000 units is read, every unit kept, and a repeat among them found")
  func manyUnits() throws {
    let units = (0..<100_000).map { "\"单位\($0)\"" }.joined(separator: ", ")
    let text = validRuleText.replacingOccurrences(of: "units = [\"朱坝街道\"]", with: "units = [\(units)]")
    let ruleSet = try RuleFileParser.parse(data: Data(text.utf8), path: path).get()
    #expect(ruleSet.units.count == 100_000)
    #expect(ruleSet.tier(of: "单位99999")?.id == "town")
    // The same with one unit listed again at the end
    let repeated = text.replacingOccurrences(of: "\"单位99999\"]", with: "\"单位99999\", \"单位7\"]")
    let error = try #require(ruleFileError(Array(repeated.utf8)))
    expectClearError(error, path: path, line: 8, says: "unit \"单位7\" is listed twice in the same tier")
  }

  @Test("Unclosed strings and tables are refused at their line")
  func unclosed() throws {
    let cases: [(text: String, line: Int)] = [
      ("title = \"测试规则\n" + validRuleText.split(separator: "\n").dropFirst().joined(separator: "\n"), 1),
      (validRuleText + "[[tier]\n", 9),
      (validRuleText + "units = [\"a\", \"b\"\n", 9),
      (validRuleText + "'" + String(repeating: "x", count: 100_000), 9),
    ]
    for (text, line) in cases {
      let error = try #require(ruleFileError(Array(text.utf8)))
      expectClearError(error, path: path, line: line, says: "TOML syntax error")
    }
    // A multi-line string left open is refused at the line that opened it, not where the file ends
    for quote in ["\"\"\"", "'''"] {
      let open = "title = \(quote)" + String(repeating: "测试\n", count: 1_000)
      let error = try #require(ruleFileError(Array(open.utf8)))
      expectClearError(
        error, path: path, line: 1, says: "the multi-line string opened on this line with \(quote) is never closed")
    }
    // Also after other multi-line strings that do close
    let closedThenOpen = "title = \"\"\"\na\\\"\"\"\nb\"\"\"\n" + validRuleText + "x = \"\"\"\nnever closed\n"
    let error = try #require(ruleFileError(Array(closedThenOpen.utf8)))
    expectClearError(error, path: path, line: 12, says: "is never closed")
  }

  @Test("Files of only a BOM, only line breaks or only a comment are refused with what is missing")
  func degenerate() throws {
    for text in ["", "\u{FEFF}", "\r\n\r\n\r\n", String(repeating: "\n", count: 100_000), "# 只有注释\n"] {
      let error = try #require(ruleFileError(Array(text.utf8)))
      let title = error.problems.first { $0.message.en.hasPrefix("title is missing") }
      #expect(title?.location == "\(path):1", "\(error.text(.en))")
      #expect(error.text(.en).contains("effective_from is missing"))
      #expect(error.text(.en).contains("there is no [[tier]]"))
      #expect(error.problems.count == 3, "\(error.text(.en))")
      expectClearError(error, path: path, line: 1, says: "", onlyProblem: false)
    }
  }

  @Test("A rule file saved with CRLF line ends has its problems reported at their lines")
  func crlfLines() throws {
    // Given the rule file as Notepad saves it, with an unknown key on line 3 and a bad min_days on line 7
    let text = validRuleText.replacingOccurrences(of: "\n\n[[tier]]", with: "\nbogus = 1\n[[tier]]")
      .replacingOccurrences(of: "min_days = 10", with: "min_days = 99")
      .replacingOccurrences(of: "\n", with: "\r\n")
    let error = try #require(ruleFileError(Array(text.utf8)))
    // Then each problem is reported at its own line, as for LF line ends
    #expect(error.problems.count == 2, "\(error.text(.en))")
    #expect(
      error.problems.contains { $0.location == "\(path):3" && $0.message.en.contains("bogus") }, "\(error.text(.en))")
    #expect(error.problems.contains { $0.location == "\(path):7" && $0.message.en.contains("min_days") })
    #expect(error.problems.allSatisfy { $0.excerpt?.hasSuffix("\r") == false })
    // As they are with LF line ends
    let lf = try #require(ruleFileError(Array(text.replacingOccurrences(of: "\r\n", with: "\n").utf8)))
    #expect(lf.problems.map(\.location) == ["\(path):3", "\(path):7"], "\(lf.text(.en))")
  }

  @Test("A table header that opens on a character no key starts with is a syntax error")
  func tableHeaderWithoutKey() throws {
    // toml++'s parse_key() asserts on these (toml.hpp:15481), aborting the process: they are caught before it
    for header in ["[[[tier]]]", "[.a]", "[=]", "[,]", "[{]", "[#]", "[!]", "[ .a]", "[[ =]]", "[招商]", "[[档次]]", "[]"] {
      let error = try #require(ruleFileError(Array((validRuleText + header + "\n").utf8)))
      expectClearError(error, path: path, line: 9, says: "a table header must start with a name")
    }
    // Two of them in one file are both reported
    let two = try #require(ruleFileError(Array(("[.a]\n" + validRuleText + "[招商]\n").utf8)))
    #expect(two.problems.map(\.location) == ["\(path):1", "\(path):10"], "\(two.text(.en))")
    // What toml++ reports cleanly by itself
    for header in ["[a.]", "[a..b]", "[[a.]]", "[ [tier]]", "[a.[b]]"] {
      let error = try #require(ruleFileError(Array((validRuleText + header + "\n").utf8)))
      expectClearError(error, path: path, line: 9, says: "TOML syntax error")
    }
    // A line starting with `[` inside a value's brackets or inside a string is no header
    let nested = validRuleText + "x = [\n  [\"a\"],\n]\ny = \"\"\"\n[招商]\n\"\"\"\n"
    let nestedError = try #require(ruleFileError(Array(nested.utf8)))
    #expect(!nestedError.text(.en).contains("table header"), "\(nestedError.text(.en))")
    #expect(nestedError.text(.en).contains("unknown key \"x\""))
  }

  @Test("Hostile files in a rule folder are each refused by their own name, the good one aside")
  func loadBookFolder() throws {
    try withTemporaryFolder { folder in
      // Given a folder with one good rule file and three hostile ones
      let good = folder.appendingPathComponent("2022.toml")
      let binary = folder.appendingPathComponent("2023-binary.toml")
      let nested = folder.appendingPathComponent("2024-nested.toml")
      let nul = folder.appendingPathComponent("2025-nul.toml")
      try Data(validRuleText.utf8).write(to: good)
      try Data(seededBytes(100_000, seed: 51)).write(to: binary)
      try Data(("x = " + String(repeating: "[", count: 10_000) + "\n").utf8).write(to: nested)
      try Data(Array("title = \"a".utf8) + [0] + Array("\"\n".utf8)).write(to: nul)
      // When the folder is loaded
      let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: folder.path) }
      // Then each hostile file has its problem, under its own name, and the good file none
      let text = error.text(.en)
      #expect(text.contains("\(binary.path):"), "\(text)")
      #expect(error.problems.contains { $0.location?.hasPrefix(binary.path) == true && $0.message.en.contains("NUL") })
      #expect(error.problems.contains { $0.location == "\(nested.path):1" }, "\(text)")
      #expect(error.problems.contains { $0.location == "\(nul.path):1" && $0.message.en.contains("NUL") }, "\(text)")
      #expect(!text.contains(good.path), "\(text)")
      #expect(error.problems.count == 3, "\(text)")
      #expect(text.utf8.count < 20_000)
    }
  }

  @Test("One hostile rule file read by path is refused by name")
  func loadBookFile() throws {
    try withTemporaryFolder { folder in
      let file = folder.appendingPathComponent("rules.toml")
      try Data(seededBytes(1_000_000, seed: 61, avoidingNUL: true)).write(to: file)
      let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: file.path) }
      expectClearError(error, path: file.path, line: nil, says: "the rule file is not UTF-8")
    }
  }
}
