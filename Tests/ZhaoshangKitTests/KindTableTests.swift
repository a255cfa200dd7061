import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("Trip kinds as a table")
struct KindTableTests {
  /// The day trips of 2023 are recorded "today".
  static let later = CivilDate(year: 2024, month: 1, day: 1) ?? CivilDate(ordinal: 0)

  /// A rule file with the given `[kinds.*]` tables (or other keys), parsed from memory.
  func parse(_ body: String) -> Result<RuleSet, ZhaoshangError> {
    RuleFileParser.parse(data: Data(WorkingFixture.ruleText(body).utf8), path: "rules/kinds.toml")
  }

  func parsed(_ body: String) throws -> RuleSet {
    try parse(body).get()
  }

  func refused(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ZhaoshangError {
    try #require(throws: ZhaoshangError.self, sourceLocation: sourceLocation) { try parse(body).get() }
  }

  /// Two rule files: 2022 with the built-in kinds, 2023 adding 招商推介会 (forum), which counts.
  static let history2023 = """
    title = "2023年规则"
    effective_from = "2023-01-01"

    [kinds.visit]
    title = "外出招商"
    counts = true

    [kinds.forum]
    title = "招商推介会"
    counts = true

    [kinds.video]
    title = "视频洽谈"
    counts = false

    [[tier]]
    id = "town"
    title = "镇街党政主要负责人"
    min_days = 10
    units = ["朱坝街道", "黄集街道", "共和镇"]

    """

  func historyBook() throws -> RuleBook {
    try withTemporaryFolder { folder in
      try Data(WorkingFixture.ruleText().utf8).write(to: folder.appendingPathComponent("2022.toml"))
      try Data(Self.history2023.utf8).write(to: folder.appendingPathComponent("2023.toml"))
      return try RuleFileParser.loadBook(at: folder.path)
    }
  }

  // MARK: Reading

  @Test("The default rules declare visit (counts), video and online (do not), with no note")
  func defaultKinds() throws {
    let book = try RuleFileParser.loadBook(at: WorkingFixture.defaultRulePath)
    let rules = try #require(book.ruleSets.first)
    #expect(rules.kinds.map(\.id) == ["visit", "video", "online"])
    #expect(rules.kinds.map(\.counts) == [true, false, false])
    #expect(rules.kinds.map(\.title.zh) == ["外出招商", "视频洽谈", "线上签约"])
    #expect(rules.kinds.map(\.title.en) == ["visit", "video negotiation", "online signing"])
    #expect(rules.countedKinds == ["visit"])
    #expect(rules.notes.isEmpty)
    #expect(rules.counting == .natural)
    #expect(rules.prorateLeave)
  }

  @Test("Kinds keep the file's order; a new kind's English title is its id; countedKinds follows counts")
  func customKinds() throws {
    let rules = try parsed(
      """
      [kinds.online]
      title = "线上签约"
      counts = true

      [kinds.forum]
      title = "招商推介会"
      counts = true

      [kinds.visit]
      title = "实地拜访"
      counts = false
      """)
    #expect(rules.kinds.map(\.id) == ["online", "forum", "visit"])
    #expect(rules.kinds.map(\.title.zh) == ["线上签约", "招商推介会", "实地拜访"])
    #expect(rules.kinds.map(\.title.en) == ["online signing", "forum", "visit"])
    #expect(rules.countedKinds == ["online", "forum"])
    #expect(rules.notes.isEmpty)
  }

  @Test("A file with neither [kinds] nor counted_kinds knows the built-in kinds, visit counting")
  func neither() throws {
    let rules = try parsed("")
    #expect(rules.kinds.map(\.id) == ["visit", "video", "online"])
    #expect(rules.countedKinds == ["visit"])
    #expect(rules.notes.isEmpty)
  }

  @Test("counted_kinds is still obeyed, with a note at its line that it is superseded")
  func countedKindsSuperseded() throws {
    // Given the older fixture written with counted_kinds = ["visit", "视频洽谈"]
    let path = Fixture.path("rules/history/2023.toml")
    let rules = try #require(try RuleFileParser.loadBook(at: path).ruleSets.first)
    // Then it still counts what it names, over the built-in kinds
    #expect(rules.countedKinds == ["visit", "video"])
    #expect(rules.kinds.map(\.id) == ["visit", "video", "online"])
    #expect(rules.kinds.filter(\.counts).map(\.id) == ["visit", "video"])
    // And a note says it is superseded, at the line it stands on
    #expect(rules.notes.count == 1)
    let note = try #require(rules.notes.first)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let line = try #require(
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("counted_kinds") })
    #expect(note.location == "\(path):\(line + 1)")
    #expect(note.text(.en).contains("counted_kinds is superseded by [kinds.*] tables and still obeyed"))
    #expect(note.text(.zh).contains("counted_kinds 已由 [kinds.*] 表取代，仍按其执行"))
  }

  // MARK: Refused kind tables

  @Test("counted_kinds beside [kinds] tables is refused at the counted_kinds line")
  func both() throws {
    let error = try refused(
      """
      counted_kinds = ["visit"]

      [kinds.visit]
      title = "外出招商"
      counts = true
      """)
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "rules/kinds.toml:3",
      en: "counted_kinds cannot stand beside [kinds.*] tables; remove it and say counts in each kind",
      zh: "已有 [kinds.*] 表时不能再写 counted_kinds")
  }

  @Test("An unknown key in [kinds.x] is refused at its line")
  func unknownKindKey() throws {
    let error = try refused(
      """

      [kinds.visit]
      title = "外出招商"
      counts = true
      weight = 2
      """)
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "rules/kinds.toml:7", en: "unknown key \"weight\" in [kinds.visit]; the keys are title and counts",
      zh: "[kinds.visit] 中未知的键「weight」；可用的键有 title、counts")
  }

  @Test("A kind without counts is refused at its header")
  func kindWithoutCounts() throws {
    let error = try refused(
      """

      [kinds.visit]
      title = "外出招商"
      counts = true

      [kinds.video]
      title = "视频洽谈"
      """)
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "rules/kinds.toml:8", en: "[kinds.video] needs counts = true or false",
      zh: "[kinds.video] 需要 counts = true 或 false")
  }

  @Test("A kind whose counts is not true or false is refused at the counts line")
  func countsNotBool() throws {
    let error = try refused(
      """

      [kinds.visit]
      title = "外出招商"
      counts = "yes"
      """)
    expectProblem(error, at: "rules/kinds.toml:6", en: "[kinds.visit] needs counts = true or false")
  }

  @Test("A kind without a title is refused at its header")
  func kindWithoutTitle() throws {
    let error = try refused(
      """

      [kinds.visit]
      counts = true
      """)
    expectProblem(
      error, at: "rules/kinds.toml:4", en: "[kinds.visit] needs a title, such as title = \"外出招商\"",
      zh: "[kinds.visit] 缺少 title")
  }

  @Test("kinds that are not tables are refused")
  func kindsNotTables() throws {
    let list = try refused("kinds = [\"visit\"]")
    expectProblem(
      list, at: "rules/kinds.toml:3", en: "kinds must be written as tables such as [kinds.visit]",
      zh: "kinds 应写成 [kinds.visit] 这样的表")
    let value = try refused("\n[kinds]\nvisit = \"yes\"")
    #expect(value.problems.count == 1)
    #expect(value.problems.first?.location?.hasPrefix("rules/kinds.toml") == true)
    #expect(value.text(.en).contains("kinds.visit must be a table: [kinds.visit] with title and counts"))
    #expect(value.text(.zh).contains("kinds.visit 应为表"))
  }

  @Test("An empty [kinds] table is refused: at least one kind is needed")
  func noKinds() throws {
    let error = try refused("\n[kinds]\n")
    #expect(error.problems.count == 1)
    #expect(error.text(.en).contains("declare at least one trip kind, such as [kinds.visit]"))
    #expect(error.text(.zh).contains("至少需要一种外出类型"))
  }

  // MARK: The book's kinds

  @Test("The book knows every file's kinds, first seen first, and finds them by id or Chinese title")
  func knownKinds() throws {
    let book = try historyBook()
    #expect(book.knownKinds.map(\.id) == ["visit", "video", "online", "forum"])
    #expect(book.kindID(for: "forum") == "forum")
    #expect(book.kindID(for: " FORUM ") == "forum")
    #expect(book.kindID(for: "招商推介会") == "forum")
    #expect(book.kindID(for: "外出招商") == "visit")
    #expect(book.kindID(for: "实地拜访") == "visit")  // a common name of a declared built-in kind
    #expect(book.kindID(for: "云签约") == "online")
    #expect(book.kindID(for: "电话") == nil)
    #expect(book.knownKindList.en == "visit (visit), video (video negotiation), online (online signing), forum (forum)")
    #expect(book.knownKindList.zh == "visit（外出招商）、video（视频洽谈）、online（线上签约）、forum（招商推介会）")
  }

  @Test("A built-in kind the rules do not declare is not known by its common names")
  func undeclaredBuiltIn() throws {
    let rules = try parsed("\n[kinds.visit]\ntitle = \"外出招商\"\ncounts = true")
    let book = RuleBook(ruleSets: [rules])
    #expect(book.kindID(for: "visit") == "visit")
    #expect(book.kindID(for: "视频") == nil)
    #expect(book.kindID(for: "video") == nil)
  }

  // MARK: Trips in the ledger

  @Test("Trips named by a kind's Chinese title are stored under its id")
  func normalisedInLedger() throws {
    let book = try historyBook()
    let ledger = try Ledger.inMemory()
    try ledger.addPosts([located(try post("朱坝街道", "王某", from: "2022-01-01"), line: 2)], rules: book, stamp: testStamp)
    let outcome = try ledger.recordTrips(
      [
        located(try trip("朱坝街道", "王某", "2023-05-04", kind: "招商推介会"), line: 2),
        located(try trip("朱坝街道", "王某", "2023-05-05", kind: "外出招商"), line: 3),
        located(try trip("朱坝街道", "王某", "2023-05-08", kind: "视频洽谈"), line: 4),
        located(try trip("朱坝街道", "王某", "2023-05-09", kind: "forum"), line: 5),
      ], rules: book, today: Self.later, stamp: testStamp)
    #expect(outcome.added.map(\.kind) == ["forum", "visit", "video", "forum"])
    #expect(try ledger.trips().map(\.kind) == ["forum", "visit", "video", "forum"])
    // And under the 2023 rules forum and visit count, video does not
    let report = try ledger.check(month: try m("2023-05"), rules: book)
    #expect(report.people.first?.counted == DayCount(days: 3))
  }

  @Test("An unknown kind in a trip is refused, listing the known kinds")
  func unknownKindInTrip() throws {
    let book = try historyBook()
    let ledger = try Ledger.inMemory()
    try ledger.addPosts([located(try post("朱坝街道", "王某", from: "2022-01-01"), line: 2)], rules: book, stamp: testStamp)
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [
          located(try trip("朱坝街道", "王某", "2023-05-04"), line: 2),
          located(try trip("朱坝街道", "王某", "2023-05-05", kind: "电话"), line: 3),
        ], rules: book, today: Self.later, stamp: testStamp)
    }
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "input.csv:3",
      en:
        "unknown trip kind \"电话\"; the kinds are visit (visit), video (video negotiation), online (online signing), forum (forum)",
      zh: "未知的外出类型「电话」；可用的类型有 visit（外出招商）、video（视频洽谈）、online（线上签约）、forum（招商推介会）")
    #expect(try ledger.trips().isEmpty)
    // And TripValidation says the same without a ledger
    let problems = TripValidation.problems(
      recording: [located(try trip("朱坝街道", "王某", "2023-05-05", kind: "电话"), line: 9)],
      posts: [try post("朱坝街道", "王某")], rules: book, today: Self.later)
    #expect(problems.count == 1)
    #expect(problems.first?.text(.en).contains("unknown trip kind \"电话\"") == true)
  }

  @Test("A kind counts only in the months of a file that declares it counting")
  func countsPerFile() throws {
    // Given a forum trip in July 2022 (2022 file: forum unknown there) and one in May 2023 (2023 file: counts)
    let book = try historyBook()
    let posts = [try post("朱坝街道", "王某")]
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-04", "2022-07-05", kind: "forum"),
      try trip("朱坝街道", "王某", "2023-05-04", "2023-05-05", kind: "forum"),
    ]
    let july = MonthlyCheck.run(
      month: try m("2022-07"), rules: try book.ruleSet(for: try m("2022-07")), posts: posts, trips: trips)
    let may = MonthlyCheck.run(
      month: try m("2023-05"), rules: try book.ruleSet(for: try m("2023-05")), posts: posts, trips: trips)
    #expect(july.people.first?.counted == .zero)
    #expect(may.people.first?.counted == DayCount(days: 2))
  }

  // MARK: Importing kinds

  @Test("Imported kinds are accepted by id, by title and by common name; an empty cell is a visit")
  func importedKinds() throws {
    let book = try historyBook()
    try withTemporaryFolder { folder in
      let csv = folder.appendingPathComponent("trips.csv")
      try Data(
        """
        单位,姓名,开始日期,目的地,类型
        朱坝街道,王某,2023-05-04,上海,招商推介会
        朱坝街道,王某,2023-05-05,上海,forum
        朱坝街道,王某,2023-05-08,上海,
        朱坝街道,王某,2023-05-09,上海,视频洽谈
        朱坝街道,王某,2023-05-10,上海,实地拜访

        """.utf8
      ).write(to: csv)
      let batch = try TripImporter.read(path: csv.path)
      #expect(batch.problems.isEmpty)
      let ledger = try Ledger.inMemory()
      try ledger.addPosts([located(try post("朱坝街道", "王某"), line: 2)], rules: book, stamp: testStamp)
      let outcome = try ledger.recordTrips(batch.entries, rules: book, today: Self.later, stamp: testStamp)
      #expect(outcome.added.map(\.kind) == ["forum", "forum", "visit", "video", "visit"])
    }
  }

  @Test("An imported kind the rules do not know is refused at its row, listing the known kinds")
  func importedUnknownKind() throws {
    let book = try historyBook()
    try withTemporaryFolder { folder in
      let csv = folder.appendingPathComponent("trips.csv")
      try Data("unit,name,start,destination,kind\n朱坝街道,王某,2023-05-04,上海,电话会议\n".utf8).write(to: csv)
      let batch = try TripImporter.read(path: csv.path)
      let ledger = try Ledger.inMemory()
      try ledger.addPosts([located(try post("朱坝街道", "王某"), line: 2)], rules: book, stamp: testStamp)
      let error = try #require(throws: ZhaoshangError.self) {
        try ledger.recordTrips(batch.entries, rules: book, today: Self.later, stamp: testStamp)
      }
      expectProblem(
        error, at: "\(csv.path):2", en: "unknown trip kind \"电话会议\"; the kinds are visit (visit)",
        zh: "未知的外出类型「电话会议」")
    }
  }

  /// Rules whose own kind is titled with a word the built-in kinds also answer to (视频会议 is a common name of video).
  static let meetingRules = """
    title = "会议规则"
    effective_from = "2022-01-01"

    [kinds.visit]
    title = "外出招商"
    counts = true

    [kinds.video]
    title = "视频洽谈"
    counts = false

    [kinds.meeting]
    title = "视频会议"
    counts = true

    [[tier]]
    id = "town"
    title = "镇街党政主要负责人"
    min_days = 10
    units = ["朱坝街道"]

    """

  @Test("A kind titled 视频会议 in the rules is found by that title when recorded directly")
  func ownTitleDirect() throws {
    let rules = try RuleFileParser.parse(data: Data(Self.meetingRules.utf8), path: "rules/meeting.toml").get()
    let book = RuleBook(ruleSets: [rules])
    #expect(book.kindID(for: "视频会议") == "meeting")
    let ledger = try Ledger.inMemory()
    try ledger.addPosts([located(try post("朱坝街道", "王某"), line: 2)], rules: book, stamp: testStamp)
    let outcome = try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-04", kind: "视频会议"), line: 2)], rules: book, today: today,
      stamp: testStamp)
    #expect(outcome.added.map(\.kind) == ["meeting"])
  }

  @Test("An imported kind written as the rule file's own title is the rule file's kind, even if a built-in name")
  func ownTitleImported() throws {
    // Given rules declaring meeting titled 视频会议 (counts), and a CSV row of kind 视频会议
    let rules = try RuleFileParser.parse(data: Data(Self.meetingRules.utf8), path: "rules/meeting.toml").get()
    let book = RuleBook(ruleSets: [rules])
    try withTemporaryFolder { folder in
      let csv = folder.appendingPathComponent("trips.csv")
      try Data("单位,姓名,开始日期,目的地,类型\n朱坝街道,王某,2022-07-04,上海,视频会议\n".utf8).write(to: csv)
      let batch = try TripImporter.read(path: csv.path)
      let ledger = try Ledger.inMemory()
      try ledger.addPosts([located(try post("朱坝街道", "王某"), line: 2)], rules: book, stamp: testStamp)
      // When it is imported
      let outcome = try ledger.recordTrips(batch.entries, rules: book, today: today, stamp: testStamp)
      // Then it is stored as the rules' meeting, and counts
      #expect(outcome.added.map(\.kind) == ["meeting"])
      let report = try ledger.check(month: try m("2022-07"), rules: book)
      #expect(report.people.first?.counted == DayCount(days: 1))
    }
  }

  @Test("An imported kind written as the title of a kind the rules give another id is accepted")
  func renamedBuiltInImported() throws {
    // Given rules whose only counted kind is field, titled 实地拜访 (a common name of the built-in visit)
    let rules = try RuleFileParser.parse(
      data: Data(
        WorkingFixture.ruleText("\n[kinds.field]\ntitle = \"实地拜访\"\ncounts = true").utf8),
      path: "rules/field.toml"
    ).get()
    let book = RuleBook(ruleSets: [rules])
    #expect(book.kindID(for: "实地拜访") == "field")
    try withTemporaryFolder { folder in
      let csv = folder.appendingPathComponent("trips.csv")
      try Data("单位,姓名,开始日期,目的地,类型\n朱坝街道,王某,2022-07-04,上海,实地拜访\n".utf8).write(to: csv)
      let batch = try TripImporter.read(path: csv.path)
      let ledger = try Ledger.inMemory()
      try ledger.addPosts([located(try post("朱坝街道", "王某"), line: 2)], rules: book, stamp: testStamp)
      let outcome = try ledger.recordTrips(batch.entries, rules: book, today: today, stamp: testStamp)
      #expect(outcome.added.map(\.kind) == ["field"])
    }
  }
}
