import Foundation
import Testing

@testable import ZhaoshangKit

// Dates outside 2000-01-01 to 2099-12-31, and month loops that must end.
@Suite("The window of dates")
struct DateWindowTests {
  @Test func theWindowIsTheTwentyFirstCentury() throws {
    #expect(DateWindow.first == (try d("2000-01-01")))
    #expect(DateWindow.last == (try d("2099-12-31")))
  }

  @Test(arguments: ["1999-12-31", "2100-01-01", "9999-12-31", "0001-01-01", "1000-7-4", "3022年7月4日"])
  func aDateOutsideTheWindowIsRefused(_ text: String) {
    // When a date outside the window is read, however it is written
    let result = DateText.parse(text)

    // Then it is refused, naming the window
    #expect(result == .failure(.outsideWindow(text)))
    if case .failure(let error) = result {
      #expect(error.message.en.contains("outside the dates zhaoshang accepts (2000-01-01 to 2099-12-31)"))
    }
  }

  @Test func theLastMonthsStillHaveANextAndAPrevious() throws {
    // The loop over a trip's months ran forever when December 9999's next month was December 9999
    let last = try #require(Month(year: 9999, month: 12))
    #expect(last.next > last)
    let first = try #require(Month(year: 1, month: 1))
    #expect(first.previous < first)
  }

  @Test func aTripOfCenturiesIsRefused() throws {
    // Given a trip built in code (not read from text) from year 1000 to December 9999
    let validator = TripValidator(
      posts: [try post("朱坝街道", "王某")], rules: try TestRules.book(), today: try d("2022-12-31"))
    let long = Trip(
      unit: "朱坝街道", name: "王某", start: CivilDate(ordinal: -354_000), startsAfternoon: false,
      end: CivilDate(ordinal: 2_932_896), endsMorning: false, destination: "上海")

    // Then both dates are refused
    let problems = validator.problems(with: located(long, line: 2))
    #expect(problems.filter { $0.message.en.contains("outside the dates zhaoshang accepts") }.count == 2)
  }

  @Test(arguments: [
    ("effective_from = 0000-01-01", 2, "effective_from: the date \"0-1-1\" is outside"),
    ("effective_from = \"1999-12-31\"", 2, "effective_from: the date \"1999-12-31\" is outside"),
    ("effective_from = 2100-01-01", 2, "effective_from: the date \"2100-1-1\" is outside"),
  ])
  func aRuleFileTakingEffectOutsideTheWindowIsRefused(line: String, at: Int, says: String) throws {
    let text = WorkingFixture.ruleText().replacingOccurrences(of: "effective_from = \"2022-01-01\"", with: line)
    guard case .failure(let error) = RuleFileParser.parse(data: Data(text.utf8), path: "rules/x.toml") else {
      Issue.record("accepted: \(line)")
      return
    }
    expectProblem(error, at: "rules/x.toml:\(at)", en: says)
  }

  @Test(arguments: ["local_holidays = [2100-01-01]", "local_holidays = [\"9999-12-31\"]"])
  func aLocalHolidayOutsideTheWindowIsRefused(_ body: String) throws {
    let text = WorkingFixture.ruleText(body)
    guard case .failure(let error) = RuleFileParser.parse(data: Data(text.utf8), path: "rules/x.toml") else {
      Issue.record("accepted: \(body)")
      return
    }
    expectProblem(error, at: "rules/x.toml:3", en: "local_holidays: the date")
    #expect(error.text(.en).contains("is outside the dates zhaoshang accepts"))
  }

  @Test func aCalendarFileOfAYearOutsideTheWindowIsRefused() throws {
    let text = WorkingFixture.ruleText("counting = \"working\"\ncalendar = \"cn\"")
    let (error, folder) = try WorkingFixture.withRuleFile(
      text, calendars: ["cn-2200.toml": "year = 2200\nholidays = [\"2200-10-01\"]\nworkdays = []\n"]
    ) { path in
      (try WorkingFixture.refusal(at: path), CalendarFileParser.folder(besideRuleFile: path))
    }
    expectProblem(
      error, at: "\(folder)/cn-2200.toml:1", en: "year = 2200 is outside the years zhaoshang accepts (2000 to 2099)")
  }
}
