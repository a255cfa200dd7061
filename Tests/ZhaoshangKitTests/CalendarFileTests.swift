import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("Working calendar files")
struct CalendarFileTests {
  /// Working days per month, January to December, as the PyPI package chinesecalendar 1.11.0 says
  /// (`sum(is_workday(date))` over each month), the source scripts/make-calendars.py generates the files from.
  static let workingDaysPerMonth: [Int: [Int]] = [
    2019: [22, 17, 21, 22, 21, 19, 23, 22, 21, 19, 21, 22],
    2020: [17, 20, 22, 22, 19, 21, 23, 21, 23, 17, 21, 23],
    2021: [20, 17, 23, 22, 19, 21, 22, 22, 22, 17, 22, 23],
    2022: [21, 16, 23, 21, 20, 21, 21, 23, 21, 18, 22, 22],
    2023: [18, 20, 23, 20, 21, 21, 21, 23, 20, 19, 22, 21],
    2024: [22, 18, 21, 22, 21, 19, 23, 22, 21, 19, 21, 22],
    2025: [19, 19, 21, 22, 19, 20, 23, 21, 23, 18, 20, 23],
    2026: [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23],
  ]

  /// The `.toml` files of the repository's rules/calendar, by name.
  func shippedFileNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: WorkingFixture.shippedCalendarFolder.path)
      .filter { $0.hasSuffix(".toml") }.sorted()
  }

  // MARK: The shipped files

  @Test("The calendars 2019 to 2026 are shipped, and each parses cleanly with its own year")
  func everyFileParses() throws {
    let names = try shippedFileNames()
    #expect(names == (2019...2026).map { "cn-\($0).toml" })
    for name in names {
      let text = try WorkingFixture.shipped(name)
      let expected = Int(name.dropFirst(3).dropLast(5))
      let (year, holidays, workdays, problems) = CalendarFileParser.parse(
        text: text, path: name, expectedYear: expected)
      #expect(problems.isEmpty, "\(name): \(problems.map { $0.text(.en) })")
      #expect(year == expected, "\(name)")
      #expect(!holidays.isEmpty, "\(name)")
      #expect(!workdays.isEmpty, "\(name)")
      // Every 调休 day is a weekend day, and no day is both off and on
      for day in workdays {
        #expect(day.weekday >= 5, "\(name): \(day.iso) is a weekday listed as a weekend working day")
      }
      #expect(Set(holidays).isDisjoint(with: Set(workdays)), "\(name)")
      #expect(Set(holidays).count == holidays.count, "\(name): a holiday is listed twice")
    }
  }

  @Test("Loading the calendar beside the default rules gives every shipped year and no problem")
  func loadShipped() throws {
    let (calendar, problems) = CalendarFileParser.load(name: "cn", besideRuleFile: WorkingFixture.defaultRulePath)
    #expect(problems.isEmpty)
    #expect(calendar?.name == "cn")
    #expect(calendar?.years == Set(2019...2026))
    // And a calendar of another name finds nothing there
    let (none, noProblems) = CalendarFileParser.load(name: "hk", besideRuleFile: WorkingFixture.defaultRulePath)
    #expect(none == nil)
    #expect(noProblems.isEmpty)
  }

  @Test(
    "The shipped calendars agree with known dates",
    arguments: [
      // 2024 Spring Festival: Sunday 4 and Sunday 18 February worked, Saturday 3 February off
      ("2024-02-04", true), ("2024-02-18", true), ("2024-02-03", false), ("2024-02-12", false),
      // 2025 National Day and Mid-autumn: 1 to 8 October off, Sunday 28 September and Saturday 11 October worked
      ("2025-10-01", false), ("2025-10-02", false), ("2025-10-03", false), ("2025-10-04", false),
      ("2025-10-05", false), ("2025-10-06", false), ("2025-10-07", false), ("2025-10-08", false),
      ("2025-10-09", true), ("2025-09-28", true), ("2025-10-11", true),
      // 2020 Spring Festival: Sunday 19 January worked; 31 January off (the extension of that year)
      ("2020-01-19", true), ("2020-01-31", false),
      // 2022 National Day
      ("2022-10-07", false), ("2022-10-08", true), ("2022-10-09", true),
      // Ordinary days: a Thursday works, a Saturday does not
      ("2019-08-15", true), ("2019-08-17", false), ("2023-06-25", true), ("2026-01-04", true), ("2026-01-01", false),
    ])
  func knownDates(date: String, working: Bool) throws {
    let calendar = try WorkingFixture.shippedCalendar()
    #expect(calendar.isWorkingDay(try d(date)) == working)
  }

  @Test("Each month's working days agree with chinesecalendar, the package the files are generated from")
  func workingDaysPerMonth() throws {
    let calendar = try WorkingFixture.shippedCalendar()
    for (year, expected) in Self.workingDaysPerMonth.sorted(by: { $0.key < $1.key }) {
      var counts: [Int] = []
      for number in 1...12 {
        let month = try #require(Month(year: year, month: number))
        counts.append(
          (month.firstDay.ordinal...month.lastDay.ordinal).filter { calendar.isWorkingDay(CivilDate(ordinal: $0)) }
            .count)
      }
      #expect(counts == expected, "\(year)")
    }
  }

  @Test("ShippedFiles.calendars holds the files of rules/calendar byte for byte")
  func embeddedCopies() throws {
    let names = try shippedFileNames()
    #expect(ShippedFiles.calendars.keys.sorted() == names)
    for name in names {
      let onDisk = try Data(contentsOf: WorkingFixture.shippedCalendarFolder.appendingPathComponent(name))
      #expect(Data(ShippedFiles.calendars[name, default: ""].utf8) == onDisk, "\(name) differs from its embedded copy")
    }
  }

  @Test("The fixture's calendars are unchanged copies of the shipped ones")
  func fixtureCopies() throws {
    for name in ["cn-2019.toml", "cn-2022.toml"] {
      let copy = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("rules-working/calendar/\(name)")))
      let original = try Data(contentsOf: WorkingFixture.shippedCalendarFolder.appendingPathComponent(name))
      #expect(copy == original, "\(name)")
    }
  }

  // MARK: WorkingCalendar

  @Test("A weekend working day wins over the weekend; days off win over weekdays; years outside fall back to weekends")
  func workingCalendarRules() throws {
    // Given a calendar of one year with one day off and one weekend day worked
    let calendar = WorkingCalendar(
      name: "t", years: [2022], holidays: [try d("2022-10-03")], workdays: [try d("2022-10-08")])
    #expect(!calendar.isWorkingDay(try d("2022-10-03")))  // Monday off
    #expect(calendar.isWorkingDay(try d("2022-10-04")))  // an ordinary Tuesday
    #expect(calendar.isWorkingDay(try d("2022-10-08")))  // Saturday worked
    #expect(!calendar.isWorkingDay(try d("2022-10-09")))  // an ordinary Sunday
    #expect(calendar.isWorkingDay(try d("2030-01-02")))  // a Wednesday of a year it does not hold
    #expect(!calendar.isWorkingDay(try d("2030-01-05")))  // a Saturday of a year it does not hold
    // And local days off are added without touching the rest
    let local = calendar.adding(localHolidays: [try d("2022-10-04")])
    #expect(!local.isWorkingDay(try d("2022-10-04")))
    #expect(local.isWorkingDay(try d("2022-10-05")))
    #expect(local.reason(for: try d("2022-10-04")) == Localized("本地放假", "local day off"))
    #expect(local.reason(for: try d("2022-10-03")) == Localized("法定节假日", "public holiday"))
    #expect(local.reason(for: try d("2022-10-09")) == Localized("周末", "weekend"))
    #expect(local.reason(for: try d("2022-10-05")) == nil)
    #expect(calendar.isWorkingDay(try d("2022-10-04")), "adding returns a copy")
  }

  @Test("Weekdays: 1970-01-01 was a Thursday, 2022-10-08 a Saturday; names in both languages")
  func weekdays() throws {
    #expect(CivilDate(ordinal: 0).weekday == 3)
    #expect((try d("2022-10-08")).weekday == 5)
    #expect((try d("2022-10-08")).weekdayName(.zh) == "周六")
    #expect((try d("2022-10-09")).weekdayName(.en) == "Sun")
    #expect((try d("2022-10-10")).weekdayName(.zh) == "周一")
    #expect((try d("1969-12-31")).weekday == 2)
    #expect((try d("1969-12-28")).weekdayName(.en) == "Sun")
  }

  @Test("Unquoted TOML dates are read too")
  func unquotedDates() {
    let text = "year = 2022\nholidays = [2022-10-03]\nworkdays = [2022-10-08]\n"
    let (year, holidays, workdays, problems) = CalendarFileParser.parse(
      text: text, path: "cn-2022.toml", expectedYear: 2022)
    #expect(problems.isEmpty)
    #expect(year == 2022)
    #expect(holidays == [CivilDate(year: 2022, month: 10, day: 3)])
    #expect(workdays == [CivilDate(year: 2022, month: 10, day: 8)])
  }

  // MARK: Refused calendar files

  /// Loads a rule file in working mode whose calendar folder holds `files`; it must be refused.
  func refusal(calendars files: [String: String]) throws -> (ZhaoshangError, String) {
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"cn\"")
    return try WorkingFixture.withRuleFile(text, calendars: files) { path in
      (try WorkingFixture.refusal(at: path), CalendarFileParser.folder(besideRuleFile: path))
    }
  }

  @Test("A calendar file whose year differs from its name is refused at the year line")
  func yearMismatch() throws {
    let (error, folder) = try refusal(calendars: [
      "cn-2022.toml": try WorkingFixture.shipped("cn-2022.toml"),
      "cn-2023.toml": "# copied from 2022 and not edited\nyear = 2022\nholidays = []\nworkdays = []\n",
    ])
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "\(folder)/cn-2023.toml:2", en: "the file name says 2023 but year = 2022; make them agree",
      zh: "文件名表示 2023 年，但 year = 2022")
  }

  @Test("A date of another year in a calendar file is refused at its line")
  func dateOfAnotherYear() throws {
    let text = """
      year = 2022
      holidays = [
        "2022-10-01",
        "2023-01-01",
      ]
      workdays = ["2022-10-08", "2021-10-09"]

      """
    let (error, folder) = try refusal(calendars: ["cn-2022.toml": text])
    #expect(error.problems.count == 2)
    expectProblem(
      error, at: "\(folder)/cn-2022.toml:4",
      en: "2023-01-01 is not in 2022; a calendar file holds the dates of its own year", zh: "2023-01-01 不在 2022 年")
    expectProblem(error, at: "\(folder)/cn-2022.toml:6", en: "2021-10-09 is not in 2022")
  }

  @Test(
    "Other broken calendar files are refused with a message naming what to write",
    arguments: [
      ("year = 2022\nholidays = [\"2022-02-30\"]\n", 2, "\"2022-02-30\" in holidays is not a valid date", "不是有效日期"),
      ("year = 2022\nworkdays = [\"2022-10-08 上午\"]\n", 2, "in workdays is not a valid date", "不是有效日期"),
      (
        "year = 2022\nholidays = \"2022-10-01\"\n", 2, "holidays must be a list of dates, e.g. [\"2022-10-01\"]",
        "holidays 应为日期列表"
      ),
      (
        "year = 2022\nholiday = [\"2022-10-01\"]\n", 2,
        "unknown key \"holiday\"; a calendar has year, holidays and workdays", "未知的键「holiday」"
      ),
      ("holidays = [\"2022-10-01\"]\n", 1, "year is missing or not a whole number, e.g. year = 2022", "缺少 year"),
      ("year = \"2022\"\n", 1, "year is missing or not a whole number", "缺少 year 或不是整数"),
      ("year = 2022\nholidays = [\"2022-10-01\"\n", 2, "TOML syntax error", "TOML 语法错误"),
    ])
  func brokenFile(text: String, line: Int, en: String, zh: String) throws {
    let (error, folder) = try refusal(calendars: ["cn-2022.toml": text])
    expectProblem(error, at: "\(folder)/cn-2022.toml:\(line)", en: en, zh: zh)
  }

  @Test("A calendar file that is not UTF-8 is refused, naming the file")
  func notUTF8() throws {
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"cn\"")
    try WorkingFixture.withRuleFile(text, calendars: ["cn-2022.toml": "year = 2022\n"]) { path in
      let file = CalendarFileParser.path(name: "cn", year: 2022, besideRuleFile: path)
      try Data([0x79, 0x65, 0x61, 0x72, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: file))
      let error = try WorkingFixture.refusal(at: path)
      expectProblem(error, at: file, en: "cannot read the calendar file (it must be UTF-8)", zh: "无法读取日历文件")
    }
  }

  @Test("Only the named calendar's files are read: a broken file of another calendar does not matter")
  func otherCalendarsIgnored() throws {
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"cn\"")
    let rules = try WorkingFixture.withRuleFile(
      text,
      calendars: [
        "cn-2022.toml": try WorkingFixture.shipped("cn-2022.toml"), "hk-2022.toml": "this is not TOML",
        "README.txt": "notes",
      ]
    ) { path in try #require(try RuleFileParser.loadBook(at: path).ruleSets.first) }
    #expect(rules.calendar?.years == [2022])
  }

  @Test("Files not named NAME-YYYY.toml are not read as NAME's: another calendar cn-js, a copy cn-2022 - 副本")
  func onlyExactFileNames() throws {
    // Given the shipped cn-2022.toml, a Jiangsu calendar cn-js-2022.toml and an edited copy of 2022, both of which
    // declare Tuesday 2022-09-13 a day off
    let other = "year = 2022\nholidays = [\"2022-09-13\"]\nworkdays = []\n"
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"cn\"")
    let rules = try WorkingFixture.withRuleFile(
      text,
      calendars: [
        "cn-2022.toml": try WorkingFixture.shipped("cn-2022.toml"), "cn-js-2022.toml": other,
        "cn-2022 - 副本.toml": other,
      ]
    ) { path in try #require(try RuleFileParser.loadBook(at: path).ruleSets.first) }
    // Then calendar "cn" is cn-2022.toml alone, and the 13th is a working day
    #expect(rules.calendar?.years == [2022])
    let thirteenth = try d("2022-09-13")
    #expect(rules.calendar?.isWorkingDay(thirteenth) == true)
  }
}
