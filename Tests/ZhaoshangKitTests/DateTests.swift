import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("Dates as clerks write them")
struct DateTextTests {
  @Test(
    "Every accepted way of writing 4 July 2022",
    arguments: ["2022-07-04", "2022/7/4", "2022.7.4", "2022年7月4日", "2022年07月04日", "2022/07/04", "  2022-7-4  "])
  func acceptedForms(text: String) throws {
    // When a clerk's date is read
    let parsed = try DateText.parse(text).get()
    // Then it is 4 July 2022, with no half-day mark
    #expect(parsed.date == (try d("2022-07-04")))
    #expect(parsed.half == nil)
  }

  @Test(
    "A trailing AM/PM or 上午/下午 marks the half of the day",
    arguments: [
      ("2022-07-04 PM", HalfOfDay.afternoon), ("2022/7/4 下午", .afternoon), ("2022.7.4 AM", .morning),
      ("2022年7月4日 上午", .morning), ("2022-07-04 pm", .afternoon), ("2022年7月4日下午", .afternoon),
    ])
  func halfOfDay(text: String, half: HalfOfDay) throws {
    let parsed = try DateText.parse(text).get()
    #expect(parsed.date == (try d("2022-07-04")))
    #expect(parsed.half == half)
  }

  @Test("An impossible date is refused, saying how many days the month has")
  func impossibleDate() {
    // Given 30 February 2022
    let result = DateText.parse("2022-02-30")
    // Then it is refused as impossible, not as unreadable, and the message says February has 28 days
    #expect(result == .failure(.impossible("2022-02-30", year: 2022, month: 2)))
    guard case .failure(let error) = result else { return }
    #expect(error.message.en.contains("\"2022-02-30\" does not exist: 2022-2 has only 28 days"))
    #expect(error.message.zh.contains("2022年2月只有28天"))
  }

  @Test("Month 13 is refused with the range of months")
  func monthThirteen() {
    let result = DateText.parse("2022-13-01")
    #expect(result == .failure(.impossible("2022-13-01", year: 2022, month: 13)))
    guard case .failure(let error) = result else { return }
    #expect(error.message.en.contains("there is no month 13"))
    #expect(error.message.zh.contains("没有13月"))
  }

  @Test("29 February exists only in leap years", arguments: [(2024, true), (2000, true), (2023, false), (1900, false)])
  func leapDay(year: Int, exists: Bool) {
    let text = "\(year)-02-29"
    switch DateText.parse(text) {
    case .success(let parsed): #expect(exists && parsed.date.day == 29)
    case .failure(let error): #expect(!exists && error == .impossible(text, year: year, month: 2))
    }
  }

  @Test(
    "Unreadable dates are refused with the accepted forms",
    arguments: [
      "07/04/2022", "2022-7/4", "yesterday", "2022-07", "2022-07-04-01", "22-7-4", "2022年7月", "2022-07-4x",
      "2022--07",
    ])
  func unreadable(text: String) {
    let result = DateText.parse(text)
    #expect(result == .failure(.unreadable(text)))
    guard case .failure(let error) = result else { return }
    #expect(error.message.en.contains("cannot read the date \"\(text)\""))
    #expect(error.message.en.contains("2022-07-04, 2022/7/4, 2022.7.4 or 2022年7月4日"))
    #expect(error.message.zh.contains("无法识别日期「\(text)」"))
  }

  @Test("An empty date (or a bare PM) is refused as empty", arguments: ["", "   ", "PM", "下午"])
  func empty(text: String) {
    let result = DateText.parse(text)
    #expect(result == .failure(.empty))
    guard case .failure(let error) = result else { return }
    #expect(error.message.en.contains("the date is empty"))
  }
}

@Suite("Months")
struct MonthTests {
  @Test(
    "Every accepted way of writing July 2022",
    arguments: ["2022-07", "2022-7", "2022/7", "2022.7", "202207", "2022年7月", "2022年07月", " 2022-07 "])
  func accepted(text: String) throws {
    let month = try #require(Month(parsing: text))
    #expect(month.year == 2022)
    #expect(month.month == 7)
  }

  @Test(
    "Text that is not a month is refused",
    arguments: ["2022-13", "2022-0", "22-07", "2022", "July 2022", "2022-07-01", "202213", "", "2022-", "0999-07"])
  func refused(text: String) {
    #expect(Month(parsing: text) == nil)
  }

  @Test("A month prints as 2022-07 and 2022年7月")
  func printing() throws {
    let july = try m("2022-07")
    #expect(july.iso == "2022-07")
    #expect(july.description == "2022-07")
    #expect(july.chinese == "2022年7月")
    #expect((try m("2022-11")).iso == "2022-11")
  }

  @Test("First and last days, also of February in leap and common years")
  func bounds() throws {
    #expect((try m("2022-07")).firstDay == (try d("2022-07-01")))
    #expect((try m("2022-07")).lastDay == (try d("2022-07-31")))
    #expect((try m("2022-07")).dayCount == 31)
    #expect((try m("2024-02")).lastDay == (try d("2024-02-29")))
    #expect((try m("2023-02")).lastDay == (try d("2023-02-28")))
    #expect((try m("2023-02")).firstDay == (try d("2023-02-01")))
    #expect((try m("2022-06")).dayCount == 30)
  }

  @Test("Next and previous cross the year end")
  func neighbours() throws {
    #expect((try m("2022-12")).next == (try m("2023-01")))
    #expect((try m("2023-01")).previous == (try m("2022-12")))
    #expect((try m("2022-07")).next == (try m("2022-08")))
    #expect((try m("2022-07")).previous == (try m("2022-06")))
    #expect((try m("2022-07")) < (try m("2022-08")))
    #expect((try m("2021-12")) < (try m("2022-01")))
  }

  @Test("The month containing a date")
  func containing() throws {
    #expect(Month(containing: try d("2024-02-29")) == (try m("2024-02")))
  }
}

@Suite("Civil dates")
struct CivilDateTests {
  @Test("The epoch is ordinal 0 and the day before is -1")
  func epoch() throws {
    #expect((try d("1970-01-01")).ordinal == 0)
    #expect(CivilDate(ordinal: -1) == (try d("1969-12-31")))
    #expect(CivilDate(ordinal: 19177) == (try d("2022-07-04")))
  }

  @Test("Ordinals round-trip over four centuries, each date one day after the last")
  func roundTrip() throws {
    // Given every day from 1899-12-25 to 2101-01-05
    let first = try d("1899-12-25").ordinal
    let last = try d("2101-01-05").ordinal
    var previous = CivilDate(ordinal: first - 1)
    for ordinal in first...last {
      // When converting to a date and back
      let date = CivilDate(ordinal: ordinal)
      // Then the ordinal is unchanged, the date is real, and it follows the previous date
      #expect(date.ordinal == ordinal)
      #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
      #expect(previous < date)
      let expectedDay =
        previous.day == CivilDate.daysIn(year: previous.year, month: previous.month) ? 1 : previous.day + 1
      #expect(date.day == expectedDay)
      previous = date
    }
  }

  @Test(
    "Ordinals agree with Foundation's Gregorian calendar",
    arguments: [
      "1900-03-01", "1999-12-31", "2000-02-29", "2020-02-29", "2022-07-04", "2024-12-31", "2100-03-01",
    ])
  func agreesWithFoundation(text: String) throws {
    let date = try d(text)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    let foundation = try #require(
      calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)))
    #expect(Int(foundation.timeIntervalSince1970) / 86_400 == date.ordinal)
  }

  @Test("Adding days across a leap day and a year end")
  func adding() throws {
    #expect((try d("2024-02-28")).adding(days: 1) == (try d("2024-02-29")))
    #expect((try d("2024-02-29")).adding(days: 1) == (try d("2024-03-01")))
    #expect((try d("2023-02-28")).adding(days: 1) == (try d("2023-03-01")))
    #expect((try d("2022-12-31")).adding(days: 1) == (try d("2023-01-01")))
    #expect((try d("2022-03-01")).adding(days: -1) == (try d("2022-02-28")))
  }

  @Test("Impossible dates are not dates")
  func impossible() {
    #expect(CivilDate(year: 2022, month: 2, day: 30) == nil)
    #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2022, month: 4, day: 31) == nil)
    #expect(CivilDate(year: 2022, month: 13, day: 1) == nil)
    #expect(CivilDate(year: 2022, month: 7, day: 0) == nil)
    #expect(CivilDate(year: 0, month: 7, day: 1) == nil)
    #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
  }

  @Test("The stored form is read strictly", arguments: ["2022/07/04", "22-07-04", "2022-07", "2022-02-30", ""])
  func strictISO(text: String) {
    #expect(CivilDate(iso: text) == nil)
  }

  @Test("Printing: zero-padded ISO and the Chinese form")
  func printing() throws {
    let date = try d("2022-07-04")
    #expect(date.iso == "2022-07-04")
    #expect(date.description == "2022-07-04")
    #expect(date.chinese == "2022年7月4日")
  }

  @Test("Today is the date in the given time zone")
  func today() throws {
    // Given 16:00 UTC on 4 July 2022, which is midnight on 5 July in Beijing
    let instant = Date(timeIntervalSince1970: 1_656_950_400)
    let utc = try #require(TimeZone(identifier: "UTC"))
    let beijing = try #require(TimeZone(identifier: "Asia/Shanghai"))
    #expect(CivilDate.today(now: instant, timeZone: utc) == (try d("2022-07-04")))
    #expect(CivilDate.today(now: instant, timeZone: beijing) == (try d("2022-07-05")))
  }
}

@Suite("Day counts")
struct DayCountTests {
  @Test(
    "Whole days print without decimals, halves as .5",
    arguments: [(11, "5.5"), (20, "10"), (0, "0"), (1, "0.5"), (2, "1"), (-3, "-1.5"), (-4, "-2")])
  func printing(halves: Int, text: String) {
    #expect(DayCount(halves: halves).description == text)
  }

  @Test("Arithmetic and order work in halves")
  func arithmetic() {
    #expect(DayCount(days: 10) - DayCount(halves: 11) == DayCount(halves: 9))
    #expect(DayCount(days: 2) + DayCount(halves: 1) == DayCount(halves: 5))
    #expect(DayCount(halves: 11) < DayCount(days: 6))
    #expect(DayCount(halves: 11).days == 5.5)
    #expect(DayCount.zero == DayCount(days: 0))
  }
}
