import Foundation
import Testing

@testable import ZhaoshangKit

// MARK: Helpers shared by the working-day, calendar, kind, leave, explain and two-post tests

/// Rule files and calendars for counting in working days.
enum WorkingFixture {
  /// `Fixtures/rules-working/working.toml`: counting = "working", calendar = "cn" with only 2019 and 2022 beside it,
  /// local day off 2022-09-13, prorate_leave = true, kinds visit (counts), video (does not), forum (counts).
  static var rulePath: String { Fixture.path("rules-working/working.toml") }
  /// The repository's `rules/calendar`, the calendars zhaoshang ships.
  static var shippedCalendarFolder: URL { Fixture.packageRoot.appendingPathComponent("rules/calendar") }
  /// The repository's `rules/default.toml`, beside which the shipped calendars stand.
  static var defaultRulePath: String { Fixture.packageRoot.appendingPathComponent("rules/default.toml").path }

  /// The working-mode fixture as the parser reads it.
  static func ruleSet(sourceLocation: SourceLocation = #_sourceLocation) throws -> RuleSet {
    let book = try RuleFileParser.loadBook(at: rulePath)
    return try #require(book.ruleSets.first, sourceLocation: sourceLocation)
  }

  /// Every shipped year of the `cn` calendar, as the parser reads it.
  static func shippedCalendar(sourceLocation: SourceLocation = #_sourceLocation) throws -> WorkingCalendar {
    let (calendar, problems) = CalendarFileParser.load(name: "cn", besideRuleFile: defaultRulePath)
    #expect(problems.isEmpty, "\(problems.map { $0.text(.en) })", sourceLocation: sourceLocation)
    return try #require(calendar, sourceLocation: sourceLocation)
  }

  /// `TestRules`' tiers in either counting mode; working mode uses every shipped year of the calendar.
  static func rules(
    _ counting: Counting, prorate: Bool = true, prorateLeave: Bool = false, localHolidays: [CivilDate] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> RuleSet {
    let calendar =
      counting == .working
      ? try shippedCalendar(sourceLocation: sourceLocation).adding(localHolidays: localHolidays) : nil
    return RuleSet(
      title: "测试规则", effectiveFrom: try d("2019-01-01", sourceLocation: sourceLocation), explanationDueDay: 5,
      countedKinds: ["visit"], prorate: prorate, tiers: [TestRules.town, TestRules.task],
      source: RuleSource(path: "rules/test.toml", sha256: "0123abcd"), counting: counting, calendar: calendar,
      prorateLeave: prorateLeave)
  }

  /// The top of a rule file (title, effective_from) and one tier; `body` goes between them.
  static func ruleText(_ body: String = "", effectiveFrom: String = "2022-01-01") -> String {
    """
    title = "测试规则"
    effective_from = "\(effectiveFrom)"
    \(body)

    [[tier]]
    id = "town"
    title = "镇街党政主要负责人"
    min_days = 10
    units = ["朱坝街道", "黄集街道", "共和镇"]

    """
  }

  /// Writes `rules.toml` and the named calendar files (`calendar/NAME`) into a fresh folder, then hands over the
  /// rule file's path.
  static func withRuleFile<T>(
    _ text: String, calendars: [String: String] = [:], _ body: (String) throws -> T
  ) throws -> T {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("rules.toml")
      try Data(text.utf8).write(to: path)
      if !calendars.isEmpty {
        let calendarFolder = folder.appendingPathComponent("calendar")
        try FileManager.default.createDirectory(at: calendarFolder, withIntermediateDirectories: true)
        for (name, content) in calendars {
          try Data(content.utf8).write(to: calendarFolder.appendingPathComponent(name))
        }
      }
      return try body(path.path)
    }
  }

  /// A shipped calendar file's text, e.g. `shipped("cn-2022.toml")`.
  static func shipped(_ name: String) throws -> String {
    try String(contentsOf: shippedCalendarFolder.appendingPathComponent(name), encoding: .utf8)
  }

  /// Loads a rule file that must be refused and returns the error.
  static func refusal(at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ZhaoshangError {
    try #require(throws: ZhaoshangError.self, sourceLocation: sourceLocation) {
      try RuleFileParser.loadBook(at: path)
    }
  }
}

/// The one head of a check, or a failed test.
func onlyHead(
  month: String, rules: RuleSet, posts: [Post], trips: [Trip] = [], leaves: [Leave] = [],
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> HeadResult {
  let report = MonthlyCheck.run(
    month: try m(month, sourceLocation: sourceLocation), rules: rules, posts: posts, trips: trips, leaves: leaves)
  #expect(report.people.count == 1, "people: \(report.people.map(\.name))", sourceLocation: sourceLocation)
  return try #require(report.people.first, "nobody was assessed", sourceLocation: sourceLocation)
}

// MARK: Counting working days

@Suite("Counting working days")
struct WorkingDayTests {
  @Test("Known answer: a trip from Thursday 2019-08-15 to Saturday 2019-08-17 counts 2 working days, 3 natural days")
  func thursdayToSaturday() throws {
    // Given a trip from a Thursday to a Saturday in a month with no public holiday
    #expect((try d("2019-08-15")).weekdayName(.en) == "Thu")
    #expect((try d("2019-08-17")).weekdayName(.en) == "Sat")
    let trips = [try trip("朱坝街道", "王某", "2019-08-15", "2019-08-17")]
    let posts = [try post("朱坝街道", "王某")]
    // When August 2019 is checked under the working-mode rule file and under natural counting
    let working = try onlyHead(month: "2019-08", rules: try WorkingFixture.ruleSet(), posts: posts, trips: trips)
    let natural = try onlyHead(month: "2019-08", rules: try TestRules.set(), posts: posts, trips: trips)
    // Then Saturday counts only in natural mode
    #expect(working.counted == DayCount(days: 2))
    #expect(natural.counted == DayCount(days: 3))
    // And the same holds with the calendar built in code rather than read from the fixture
    let coded = try onlyHead(month: "2019-08", rules: try WorkingFixture.rules(.working), posts: posts, trips: trips)
    #expect(coded.counted == DayCount(days: 2))
  }

  @Test("Half days still count in working mode; a trip wholly on a weekend counts nothing")
  func halvesAndWeekends() throws {
    let rules = try WorkingFixture.rules(.working)
    let posts = [try post("朱坝街道", "王某")]
    // Thursday afternoon to Saturday: the afternoon of the 15th and all of the 16th
    let halfStart = try onlyHead(
      month: "2019-08", rules: rules, posts: posts,
      trips: [try trip("朱坝街道", "王某", "2019-08-15", "2019-08-17", pm: true)])
    #expect(halfStart.counted == DayCount(halves: 3))
    // Saturday to Monday morning: only Monday's morning
    let weekend = try onlyHead(
      month: "2019-08", rules: rules, posts: posts,
      trips: [try trip("朱坝街道", "王某", "2019-08-17", "2019-08-19", am: true)])
    #expect(weekend.counted == DayCount(halves: 1))
    // A trip on Saturday and Sunday only: the head is still assessed, with nothing counted
    let onlyWeekend = try onlyHead(
      month: "2019-08", rules: rules, posts: posts, trips: [try trip("朱坝街道", "王某", "2019-08-17", "2019-08-18")])
    #expect(onlyWeekend.counted == .zero)
    #expect(onlyWeekend.required == DayCount(days: 10))
  }

  @Test("Known answer: October 2022 in working mode, 1-7 October are holidays and 8-9 October are working days")
  func october2022() throws {
    // Given the working-mode fixture (its calendar holds 2022)
    let rules = try WorkingFixture.ruleSet()
    let calendar = try #require(rules.calendar)
    // Then 1 to 7 October are days off, including the weekdays 3 to 7
    for day in 1...7 {
      let date = try d("2022-10-0\(day)")
      #expect(!calendar.isWorkingDay(date), "\(date.iso)")
      #expect(!rules.counts(date), "\(date.iso)")
      #expect(calendar.reason(for: date)?.en == "public holiday", "\(date.iso)")
    }
    // And the weekend of 8 and 9 October is worked
    for text in ["2022-10-08", "2022-10-09"] {
      let date = try d(text)
      #expect(date.weekday >= 5, "\(text) is a weekend day")
      #expect(calendar.isWorkingDay(date), "\(text)")
      #expect(calendar.reason(for: date) == Localized("调休上班", "weekend working day"))
    }
    // And the next weekend is off, the next Monday on
    #expect(!calendar.isWorkingDay(try d("2022-10-15")))
    #expect(calendar.reason(for: try d("2022-10-15"))?.en == "weekend")
    #expect(calendar.isWorkingDay(try d("2022-10-10")))
    #expect(calendar.reason(for: try d("2022-10-10")) == nil)

    // When a head in post all month travels from Friday 30 September to Sunday 9 October
    let head = try onlyHead(
      month: "2022-10", rules: rules, posts: [try post("朱坝街道", "王某")],
      trips: [try trip("朱坝街道", "王某", "2022-09-30", "2022-10-09")])
    // Then only the 8th and 9th count in October, and the head owes the full minimum
    #expect(head.counted == DayCount(days: 2))
    #expect(head.required == DayCount(days: 10))
    #expect(head.daysInPost == 18)
    // And D, the month's working days, is 18 rather than 31
    let days = HeadMonth(
      posts: [try post("朱坝街道", "王某")], month: try m("2022-10"), rules: rules, trips: [], leaves: [])
    #expect(days.daysInMonth == 18)
    let naturalDays = HeadMonth(
      posts: [try post("朱坝街道", "王某")], month: try m("2022-10"), rules: try TestRules.set(), trips: [], leaves: [])
    #expect(naturalDays.daysInMonth == 31)
  }

  @Test("In working mode D and A are working days: a head arriving on 8 October 2022 owes the full 10 days")
  func prorateOnWorkingDays() throws {
    let posts = [try post("朱坝街道", "王某", from: "2022-10-08")]
    // Every working day of October 2022 falls on or after the 8th: A = D = 18
    let working = try onlyHead(month: "2022-10", rules: try WorkingFixture.rules(.working), posts: posts)
    #expect(working.daysInPost == 18)
    #expect(working.required == DayCount(days: 10))
    // In natural mode A = 24 of D = 31: ceil(2 x 10 x 24 / 31) / 2 = ceil(15.48) / 2 = 8
    let natural = try onlyHead(month: "2022-10", rules: try WorkingFixture.rules(.natural), posts: posts)
    #expect(natural.daysInPost == 24)
    #expect(natural.required == DayCount(days: 8))
  }

  @Test("Known answer: in post from 2022-07-16, min_days 10, natural mode: ceil(2 x 10 x 16 / 31) / 2 = 5.5")
  func knownProratedAnswer() throws {
    // Given 马某 in post from 16 July, and the policy's prorating in natural mode
    let posts = [try post("共和镇", "马某", role: "镇长", from: "2022-07-16")]
    // When July is checked
    let head = try onlyHead(month: "2022-07", rules: try WorkingFixture.rules(.natural), posts: posts)
    // Then A = 16 and the required days are 11 halves
    #expect(head.daysInPost == 16)
    #expect(head.required == DayCount(halves: 11))
    #expect(head.required.description == "5.5")
    #expect(DayCounter.required(minDays: 10, daysInPost: 16, daysInMonth: 31, prorate: true) == DayCount(halves: 11))
    // And without prorating the full minimum stands
    let unprorated = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.natural, prorate: false), posts: posts)
    #expect(unprorated.required == DayCount(days: 10))
    // And in working mode A = 10 working days (18-22, 25-29 July) of D = 21: ceil(200 / 21) / 2 = 5
    let working = try onlyHead(month: "2022-07", rules: try WorkingFixture.rules(.working), posts: posts)
    #expect(working.daysInPost == 10)
    #expect(working.required == DayCount(days: 5))
  }

  @Test("A local day off from the rule file is not a working day; natural mode ignores it")
  func localHoliday() throws {
    // Given the fixture's local day off, Tuesday 2022-09-13
    let rules = try WorkingFixture.ruleSet()
    let calendar = try #require(rules.calendar)
    let thirteenth = try d("2022-09-13")
    #expect(!calendar.isWorkingDay(thirteenth))
    #expect(calendar.reason(for: thirteenth) == Localized("本地放假", "local day off"))
    #expect(calendar.isWorkingDay(try d("2022-09-14")))
    // When a head travels from Tuesday the 13th to Thursday the 15th
    let trips = [try trip("朱坝街道", "王某", "2022-09-13", "2022-09-15")]
    let posts = [try post("朱坝街道", "王某")]
    let head = try onlyHead(month: "2022-09", rules: rules, posts: posts, trips: trips)
    // Then the day off does not count
    #expect(head.counted == DayCount(days: 2))
    // And September's 21 national working days (10-12 September being 中秋节) lose one
    #expect(head.daysInPost == 20)
    #expect(!calendar.isWorkingDay(try d("2022-09-12")))
    // And the same calendar without the local day keeps it
    #expect(try WorkingFixture.shippedCalendar().isWorkingDay(thirteenth))
    let natural = try onlyHead(month: "2022-09", rules: try TestRules.set(), posts: posts, trips: trips)
    #expect(natural.counted == DayCount(days: 3))
  }

  @Test("A rule file naming a calendar but counting natural days counts every day")
  func naturalWithCalendar() throws {
    let text = WorkingFixture.ruleText("counting = \"natural\"\ncalendar = \"cn\"", effectiveFrom: "2019-01-01")
    let rules = try WorkingFixture.withRuleFile(
      text, calendars: ["cn-2019.toml": try WorkingFixture.shipped("cn-2019.toml")]
    ) {
      path in try #require(try RuleFileParser.loadBook(at: path).ruleSets.first)
    }
    #expect(rules.counting == .natural)
    #expect(rules.calendar?.years == [2019])
    let head = try onlyHead(
      month: "2019-08", rules: rules, posts: [try post("朱坝街道", "王某")],
      trips: [try trip("朱坝街道", "王某", "2019-08-15", "2019-08-17")])
    #expect(head.counted == DayCount(days: 3))
    // And a month with no calendar is not refused in natural mode
    #expect(throws: Never.self) { try rules.requireCalendar(for: try m("2030-01")) }
  }

  @Test("The working-mode fixture is read as written")
  func fixtureRead() throws {
    let rules = try WorkingFixture.ruleSet()
    #expect(rules.counting == .working)
    #expect(rules.prorateLeave)
    #expect(rules.calendar?.name == "cn")
    #expect(rules.calendar?.years == [2019, 2022])
    #expect(rules.kinds.map(\.id) == ["visit", "video", "forum"])
    #expect(rules.countedKinds == ["visit", "forum"])
    #expect(rules.notes.isEmpty)
    // And a file with no counting key counts natural days
    let plain = try RuleFileParser.loadBook(at: Fixture.path("rules/history/2022.toml"))
    #expect(plain.ruleSets.first?.counting == .natural)
    #expect(plain.ruleSets.first?.calendar == nil)
    #expect(plain.ruleSets.first?.prorateLeave == false)
  }

  // MARK: A month without a calendar

  @Test("A month of a year with no calendar is refused, naming the missing file")
  func missingCalendarYear() throws {
    // Given the fixture, whose calendar folder holds only 2019 and 2022
    let rules = try WorkingFixture.ruleSet()
    let missing = CalendarFileParser.path(name: "cn", year: 2023, besideRuleFile: WorkingFixture.rulePath)
    #expect(missing == Fixture.path("rules-working/calendar/cn-2023.toml"))
    // When a month of 2023 is to be judged
    let error = try #require(throws: ZhaoshangError.self) { try rules.requireCalendar(for: try m("2023-01")) }
    // Then it is refused, naming the rule file and the missing calendar file
    guard case .refused = error else {
      Issue.record("expected a refusal, got \(error)")
      return
    }
    #expect(
      error.text(.en).contains("counts working days (counting = \"working\") but has no working calendar for 2023"))
    #expect(error.text(.en).contains("\(missing) is missing"))
    #expect(error.text(.en).hasPrefix(WorkingFixture.rulePath))
    #expect(error.text(.zh).contains("没有 2023 年的工作日历：缺少 \(missing)"))
    // And the years between the shipped ones are refused too
    for month in ["2020-06", "2021-12", "2018-12"] {
      #expect(throws: ZhaoshangError.self, "\(month)") { try rules.requireCalendar(for: try m(month)) }
    }
    // And months of the years it holds are judged
    #expect(throws: Never.self) { try rules.requireCalendar(for: try m("2019-08")) }
    #expect(throws: Never.self) { try rules.requireCalendar(for: try m("2022-12")) }
  }

  @Test("Ledger.check refuses a working-mode month without a calendar, and checks one with")
  func ledgerCheckNeedsCalendar() throws {
    // Given an in-memory ledger under the working-mode fixture
    let book = try RuleFileParser.loadBook(at: WorkingFixture.rulePath)
    let ledger = try Ledger.inMemory()
    try ledger.addPosts([located(try post("朱坝街道", "王某", from: "2019-01-01"), line: 2)], rules: book, stamp: testStamp)
    try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2019-08-15", "2019-08-17"), line: 2)], rules: book,
      today: try d("2024-01-01"), stamp: testStamp)
    // When 2021-03 is checked, it is refused naming cn-2021.toml
    let error = try #require(throws: ZhaoshangError.self) { try ledger.check(month: try m("2021-03"), rules: book) }
    #expect(error.text(.en).contains(Fixture.path("rules-working/calendar/cn-2021.toml")))
    // And 2019-08 is checked in working days
    let report = try ledger.check(month: try m("2019-08"), rules: book)
    #expect(report.people.first { $0.name == "王某" }?.counted == DayCount(days: 2))
  }

  // MARK: Rule-file keys for counting

  @Test("counting = \"working\" without a calendar is refused at the counting line")
  func workingWithoutCalendar() throws {
    let text = WorkingFixture.ruleText("counting = \"working\"")
    let error = try WorkingFixture.withRuleFile(text) { path in
      let error = try WorkingFixture.refusal(at: path)
      expectProblem(
        error, at: "\(path):3",
        en: "counting working days needs a calendar; add calendar = \"cn\" (for calendar/cn-YYYY.toml)",
        zh: "按工作日计算需要工作日历；请添加 calendar = \"cn\"")
      return error
    }
    #expect(error.problems.count == 1)
  }

  @Test("A bad counting value is refused at its line", arguments: ["\"workdays\"", "\"Working\"", "1", "true"])
  func badCounting(value: String) throws {
    let text = WorkingFixture.ruleText("counting = \(value)")
    try WorkingFixture.withRuleFile(text) { path in
      let error = try WorkingFixture.refusal(at: path)
      #expect(error.problems.count == 1)
      expectProblem(
        error, at: "\(path):3", en: "counting must be \"natural\" (every day) or \"working\" (working days only)",
        zh: "counting 应为 \"natural\"（按自然日）或 \"working\"（只计工作日）")
    }
  }

  @Test("A calendar with no files is refused, naming the folder and the file pattern")
  func calendarNotFound() throws {
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"hk\"")
    try WorkingFixture.withRuleFile(text, calendars: ["cn-2022.toml": try WorkingFixture.shipped("cn-2022.toml")]) {
      path in
      let error = try WorkingFixture.refusal(at: path)
      let folder = CalendarFileParser.folder(besideRuleFile: path)
      #expect(folder.hasSuffix("/calendar"))
      expectProblem(
        error, at: "\(path):4", en: "no calendar \"hk\": \(folder) holds no hk-YYYY.toml file; add one",
        zh: "找不到日历「hk」：\(folder) 中没有 hk-YYYY.toml 文件")
    }
  }

  @Test("A calendar that is not a plain name is refused", arguments: ["\"../cn\"", "\"\"", "1"])
  func badCalendarName(value: String) throws {
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \(value)")
    try WorkingFixture.withRuleFile(text) { path in
      let error = try WorkingFixture.refusal(at: path)
      expectProblem(
        error, at: "\(path):4", en: "calendar must be a calendar's name, such as calendar = \"cn\"",
        zh: "calendar 应为日历名称")
    }
  }

  @Test("local_holidays must be a list of whole, real dates")
  func badLocalHolidays() throws {
    let cases: [(String, String, String)] = [
      (
        "local_holidays = \"2022-09-13\"", "local_holidays must be a list of dates, such as [\"2022-09-13\"]",
        "local_holidays 应为日期列表"
      ),
      (
        "local_holidays = [\"2022-02-30\"]", "local_holidays: the date \"2022-02-30\" does not exist",
        "local_holidays：日期「2022-02-30」不存在"
      ),
      (
        "local_holidays = [\"9月13日\"]", "local_holidays: the date \"9月13日\" has no year; write it in full",
        "local_holidays：日期「9月13日」没有写年份"
      ),
      (
        "local_holidays = [\"2022-09-13 上午\"]", "dates in local_holidays are whole days, without AM/PM",
        "local_holidays 中的日期不带上午/下午"
      ),
    ]
    for (line, en, zh) in cases {
      let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"cn\"\n\(line)")
      try WorkingFixture.withRuleFile(text, calendars: ["cn-2022.toml": try WorkingFixture.shipped("cn-2022.toml")]) {
        path in
        let error = try WorkingFixture.refusal(at: path)
        expectProblem(error, at: "\(path):5", en: en, zh: zh)
      }
    }
  }

  @Test("local_holidays accepts quoted dates in any accepted form and unquoted TOML dates")
  func localHolidayForms() throws {
    let text = WorkingFixture.ruleText(
      "counting = \"working\"\ncalendar = \"cn\"\nlocal_holidays = [\"2022/9/13\", 2022-11-01, \"2022年12月5日\"]")
    let rules = try WorkingFixture.withRuleFile(
      text, calendars: ["cn-2022.toml": try WorkingFixture.shipped("cn-2022.toml")]
    ) { path in try #require(try RuleFileParser.loadBook(at: path).ruleSets.first) }
    let calendar = try #require(rules.calendar)
    for text in ["2022-09-13", "2022-11-01", "2022-12-05"] {
      #expect(!calendar.isWorkingDay(try d(text)), "\(text)")
      #expect(calendar.reason(for: try d(text))?.en == "local day off", "\(text)")
    }
    #expect(calendar.isWorkingDay(try d("2022-11-02")))
  }
}
