import Foundation
import Testing

@testable import ZhaoshangKit

// Text that looks empty or looks like another head's name: invisible and format characters count as nothing,
// belong in no field, and every field has a length limit.

@Suite("Invisible characters and length limits")
struct InvisibleTextTests {
  /// Adds one roster entry to an empty in-memory ledger, returning the refusal if any.
  func refusal(adding post: Post) throws -> ZhaoshangError? {
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    do {
      try ledger.addPosts([located(post, line: 2, file: "roster.csv")], rules: rules, stamp: testStamp)
      return nil
    } catch {
      return error
    }
  }

  /// Records one trip of 王某 of 朱坝街道 (on the roster), returning the refusal if any.
  func refusal(recording trip: Trip) throws -> ZhaoshangError? {
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    try ledger.addPosts([located(try post("朱坝街道", "王某"), line: 2)], rules: rules, stamp: testStamp)
    let today = try d("2022-12-31")
    do {
      try ledger.recordTrips([located(trip, line: 2, file: "trips.csv")], rules: rules, today: today, stamp: testStamp)
      return nil
    } catch {
      return error
    }
  }

  static let invisibleOnly = ["\u{FEFF}", "\u{202E}", "\u{2060}", "\u{200B}\u{200D}", "\u{3000}", "\u{A0}", "\u{3164}"]

  @Test(arguments: invisibleOnly)
  func aNameOfInvisibleCharactersIsMissing(_ name: String) throws {
    // When a roster entry's name holds only characters no one can see
    let error = try #require(try refusal(adding: try post("朱坝街道", name)))

    // Then it is refused as missing, like an empty cell
    expectProblem(error, at: "roster.csv:2", en: "name missing", zh: "缺少姓名")
  }

  @Test(arguments: invisibleOnly)
  func aDestinationOfInvisibleCharactersIsMissing(_ destination: String) throws {
    let error = try #require(
      try refusal(recording: try trip("朱坝街道", "王某", "2022-07-04", destination: destination)))
    expectProblem(error, at: "trips.csv:2", en: "the destination is missing", zh: "缺少目的地")
  }

  @Test(arguments: [
    ("王\u{200D}某", "U+200D (zero width joiner)", "U+200D（零宽连接符）"),
    ("王某\u{FEFF}", "U+FEFF (zero width no-break space)", "U+FEFF（字节顺序标记（零宽不换行空格））"),
    ("王\u{2060}某", "U+2060 (word joiner)", "U+2060（字连接符）"),
    ("\u{202E}某王", "U+202E (right-to-left override)", "U+202E（从右至左覆盖符）"),
    ("王\n某", "U+000A (line feed)", "U+000A（换行符）"),
    ("王某\u{07}", "U+0007 (alert)", "U+0007（响铃符）"),
    ("王\u{0}某", "U+0000 (null)", "U+0000（空字符）"),
  ])
  func aNameWithAHiddenCharacterIsRefusedNamingIt(_ name: String, en: String, zh: String) throws {
    // When a name holds a character that cannot be seen, so it would look like 王某 and count as another head
    let error = try #require(try refusal(adding: try post("朱坝街道", name)))

    // Then the refusal names the field and the character, and says what to do
    expectProblem(error, at: "roster.csv:2", en: "the name", zh: "姓名")
    let text = error.text(.en)
    #expect(text.contains("holds an invisible character, \(en)"), "\(text)")
    #expect(error.text(.zh).contains(zh), "\(error.text(.zh))")
  }

  @Test func everyTripFieldIsChecked() throws {
    // Given a trip with a bidi control in its destination, a BEL in its purpose and a ZWSP in a company's name
    var hidden = try trip("朱坝街道", "王某", "2022-07-04", destination: "上海\u{202E}")
    hidden.purpose = "洽谈\u{07}"
    hidden.companies = ["华为\u{200B}公司"]

    // When it is recorded, Then each is named
    let error = try #require(try refusal(recording: hidden))
    let text = error.text(.en)
    #expect(text.contains("the destination \"上海\u{202E}\" holds an invisible character, U+202E"), "\(text)")
    #expect(text.contains("the purpose \"洽谈\u{07}\" holds an invisible character, U+0007"), "\(text)")
    #expect(text.contains("a company's name \"华为\u{200B}公司\" holds an invisible character, U+200B"), "\(text)")
  }

  @Test func aRoleWithALineFeedIsRefused() throws {
    let error = try #require(try refusal(adding: try post("朱坝街道", "王某", role: "党工委\n书记")))
    expectProblem(error, at: "roster.csv:2", en: "the role \"党工委\n书记\" holds an invisible character, U+000A")
    #expect(error.text(.en).contains("keep it on one line"))
  }

  @Test func emojiJoinedByZeroWidthJoinersAreAccepted() throws {
    // A family emoji is three pictures joined by U+200D: part of the picture, not hidden text
    #expect(try refusal(adding: try post("朱坝街道", "张三👨‍👩‍👧")) == nil)
    #expect(try refusal(adding: try post("朱坝街道", "李四", role: "镇长🏛️")) == nil)
  }

  @Test func aThreeHundredThousandCharacterNameIsRefusedWithItsLength() throws {
    let error = try #require(try refusal(adding: try post("朱坝街道", String(repeating: "王", count: 300_000))))
    expectProblem(
      error, at: "roster.csv:2", en: "the name has 300000 characters, more than the 30 allowed; shorten it",
      zh: "姓名有 300000 个字，最多 30 个字")
  }

  @Test func fieldsAtTheirLimitAreAcceptedAndOneMoreIsNot() throws {
    for field in TextField.allCases {
      let atLimit = String(repeating: "字", count: field.limit)
      #expect(field.problem(with: atLimit) == nil, "\(field)")
      #expect(field.problem(with: atLimit + "字") != nil, "\(field)")
    }
  }

  @Test func aLongDestinationIsRefused() throws {
    let error = try #require(
      try refusal(recording: try trip("朱坝街道", "王某", "2022-07-04", destination: String(repeating: "上海", count: 51))))
    expectProblem(error, at: "trips.csv:2", en: "the destination has 102 characters, more than the 100 allowed")
  }

  @Test func aNoteMayRunOverSeveralLinesButHoldsNoHiddenCharacter() {
    #expect(TextField.note.problem(with: "第一行\n第二行") == nil)
    #expect(TextField.note.problem(with: "第一行\u{202E}") != nil)
  }
}

@Suite("Invisible characters in a rule file's units")
struct InvisibleUnitTests {
  @Test(arguments: ["朱坝街道\u{200D}", "\u{202E}朱坝街道", "朱坝\u{FEFF}街道"])
  func aDeclaredUnitWithAHiddenCharacterIsRefused(_ unit: String) throws {
    // Given a rule file declaring a unit that looks like 朱坝街道 but is not
    let text = WorkingFixture.ruleText().replacingOccurrences(
      of: "units = [\"朱坝街道\", \"黄集街道\", \"共和镇\"]", with: "units = [\"\(unit)\", \"黄集街道\"]")
    // When it is read, Then the unit is refused at its line, naming the character
    guard case .failure(let error) = RuleFileParser.parse(data: Data(text.utf8), path: "rules/x.toml") else {
      Issue.record("accepted \(unit)")
      return
    }
    expectProblem(error, at: "rules/x.toml:9", en: "units: the unit \"\(unit)\" holds an invisible character")
  }
}

@Suite("The byte-level fast paths of text validation")
struct TextFastPathTests {
  /// Pieces of every kind a cell may hold: printable ASCII, spaces, CJK at the edges of E4 to E9, other scripts,
  /// invisible and format characters, controls, emoji with joiners, combining marks and invalid positions.
  static let pieces = [
    "a", "Z", "~", " ", "!", "\t", "\n", "\r", "\u{0}", "\u{7F}", "\u{A0}", "\u{AD}", "é", "e\u{301}", "\u{3000}",
    "\u{3164}", "\u{200B}", "\u{200D}", "\u{202E}", "\u{2060}", "\u{FEFF}", "\u{FE0F}", "\u{4000}", "\u{4DC0}",
    "\u{9FFF}", "\u{A000}", "\u{3400}", "上", "海", "；", "、", "，", "👨\u{200D}👩\u{200D}👧", "🚀", "한", "ㄱ",
    "\u{E000}", "\u{10FFFF}", "\u{1D173}",
  ]

  /// Every text of one to three pieces, and a few longer ones.
  static var texts: [String] {
    var all = [""]
    for a in pieces {
      all.append(a)
      for b in pieces {
        all.append(a + b)
        all.append(a + "上海" + b)
      }
    }
    return all + ["洪泽区高良涧街道", "温州精密机械有限公司", "Acme Co., Ltd.", "  上海  ", "\u{3000}上海"]
  }

  @Test("isBlank gives the answer of its definition for every text")
  func blankIsTheDefinition() {
    for text in Self.texts {
      #expect(TextField.isBlank(text) == TextField.isBlankByScalars(text), "\(text.unicodeScalars.map(\.value))")
    }
  }

  @Test("The first forbidden scalar is the one the definition finds, for every field and text")
  func forbiddenScalarIsTheDefinition() {
    for field in TextField.allCases {
      for text in Self.texts {
        #expect(
          field.firstForbiddenScalar(in: text) == field.firstForbiddenScalarByCharacters(in: text),
          "\(field) \(text.unicodeScalars.map(\.value))")
      }
    }
  }
}
