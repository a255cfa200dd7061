import Foundation
import Testing

@testable import ZhaoshangKit

/// What a clerk types into a trips or leave file, read as meant or refused saying what to write instead.
@Suite("Input as clerks write it")
struct ClerkInputTests {
  /// A trips file with the header of the office's form, written to a temporary folder for `body`.
  func withTrips<T>(_ rows: [String], header: String = "单位,姓名,开始日期,结束日期,目的地,拜访企业,天数", _ body: (String) throws -> T)
    throws -> T
  {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("7月外出.csv").path
      try ([header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
      return try body(path)
    }
  }

  @Test(
    "Days written as 半天, 一天, 1天, 0.5天, 两天, 两天半 or with full-width digits are read; anything else is refused")
  func dayForms() {
    let read: [(String, Int)] = [
      ("半天", 1), ("一天", 2), ("1天", 2), ("0.5天", 1), ("两天", 4), ("１．５", 3), ("两天半", 5), ("1天半", 3),
      ("2.0", 4), ("十天", 20), ("十二天", 24), ("3日", 6),
    ]
    for (text, halves) in read { #expect(DayText.parse(text) == DayCount(halves: halves), "\(text)") }
    for text in ["1.25", "三分之一", "一两天", "1-2天", "半半天", "天"] { #expect(DayText.parse(text) == nil, "\(text)") }
  }

  @Test("A 天数 of 半天 matching a PM start is read; 0.5 with a single date is refused, not doubled")
  func declaredHalfDay() throws {
    // Given a half day written 半天 on a PM start, and 0.5 on a whole day (which the old import took as 1 day)
    try withTrips([
      "朱坝街道,王某,2022-07-04 下午,,上海,,半天",
      "朱坝街道,王某,2022-07-05,,上海,,0.5",
      "朱坝街道,王某,2022-07-06,2022-07-07,上海,,两天",
    ]) { path in
      // When the file is read
      let batch = try TripImporter.read(path: path)
      // Then the 半天 and 两天 rows are read, and the 0.5 row is refused at its 天数 cell
      #expect(batch.entries.map(\.location) == ["\(path):2", "\(path):4"])
      let problem = try #require(batch.problems.first)
      #expect(batch.problems.count == 1)
      #expect(problem.location == "\(path):3")
      #expect(problem.field == .days)
      #expect(problem.text(.en).contains("it says 0.5 days, but the dates 2022-07-05 to 2022-07-05 give 1"))
      #expect(problem.text(.en).contains("a start \"2022-07-04 AM\" alone was out that morning only"))
      #expect(problem.text(.zh).contains("写的是 0.5 天，而日期 2022-07-05 至 2022-07-05 算出 1 天"))
    }
  }

  @Test("A 天数 no form reads is refused with the accepted forms listed")
  func unreadableDays() throws {
    try withTrips(["朱坝街道,王某,2022-07-05,,上海,,约一天"]) { path in
      let batch = try TripImporter.read(path: path)
      #expect(batch.entries.isEmpty)
      let problem = try #require(batch.problems.first)
      #expect(problem.text(.en).contains("cannot read the number of days \"约一天\"; write it as 1, 0.5, 2.5, 1天"))
      #expect(problem.text(.zh).contains("无法识别天数「约一天」；请写成 1、0.5、2.5、1天、1.5天、半天、一天、两天"))
    }
  }

  @Test("7月27日 takes the year of the import's month, else the one year of the file's full dates")
  func yearFromMonthOrFile() throws {
    try withTrips([
      "朱坝街道,王某,2022-07-04,,上海,,", "朱坝街道,刘某,7月27日,7月28,南京,,", "朱坝街道,刘某,７月２９日 上午,,南京,,",
    ]) { path in
      // When read without a month, the year is the file's one year
      let batch = try TripImporter.read(path: path)
      #expect(batch.problems.isEmpty, "\(batch.problems.map { $0.text(.en) })")
      let liu = batch.entries.map(\.value).filter { $0.name == "刘某" }
      #expect(liu.map(\.start) == [try d("2022-07-27"), try d("2022-07-29")])
      #expect(liu.first?.end == (try d("2022-07-28")))
      // And the full-width morning start is a morning-only trip
      #expect(liu.last?.length == DayCount(halves: 1))
      // When read with a month of another year, that year is taken
      let dated = try TripImporter.read(path: path, month: try m("2023-07"))
      #expect(dated.entries.map(\.value.start).contains(try d("2023-07-27")))
    }
  }

  @Test("Full-width digits and separators in a date read as their ASCII forms")
  func fullWidthDates() throws {
    for text in ["２０２２-07-04", "２０２２／７／４", "２０２２年７月４日"] {
      #expect((try? DateText.parse(text).get())?.date == (try d("2022-07-04")), "\(text)")
    }
  }

  @Test("An end written without its year after a December start falls in the next year")
  func endOverNewYear() throws {
    let dates = try TripDates.read(start: "2022年12月30日", end: "1月2日").get()
    #expect(dates.end == (try d("2023-01-02")))
  }

  @Test(
    "7月27日 in a file without full dates, or with dates of two years, is refused at its cell saying to write the year")
  func yearUnclear() throws {
    try withTrips(["朱坝街道,王某,7月27日,,上海,,"]) { path in
      let batch = try TripImporter.read(path: path)
      let problem = try #require(batch.problems.first)
      #expect(problem.location == "\(path):2")
      #expect(problem.field == .from)
      #expect(problem.code == .dateInvalid)
      #expect(problem.text(.en).contains("the date \"7月27日\" has no year; write it in full, such as 2022年7月27日"))
      #expect(problem.remedy?.action == .fill(.month, example: Localized("2022-07", "2022-07")))
      #expect(problem.text(.zh).contains("日期「7月27日」没有写年份；请写全，如 2022年7月27日"))
    }
    try withTrips(["朱坝街道,王某,2022-12-30,,上海,,", "朱坝街道,王某,2023-01-03,,上海,,", "朱坝街道,刘某,1月2日,,上海,,"]) {
      path in
      let batch = try TripImporter.read(path: path)
      #expect(batch.problems.map(\.location) == ["\(path):4"])
      #expect(
        batch.problems.first?.text(.en).contains("the file's full dates fall in 2022 and 2023, so the year is unclear")
          == true)
    }
  }

  @Test("zhaoshang's own export (it has the id column) is read as written: commas stay in names and companies")
  func exportReadLiterally() throws {
    let header = "unit,name,start,end,destination,companies,days,id"
    try withTrips(["朱坝街道,\"王,某\",2022-07-04,,上海,\"a,b 公司;乙公司、丙\",1,7"], header: header) { path in
      let batch = try TripImporter.read(path: path)
      #expect(batch.entries.map(\.value.name) == ["王,某"])
      #expect(batch.entries.first?.value.companies == ["a,b 公司", "乙公司、丙"])
    }
  }

  @Test("Several names in one cell are a joint trip, one for each head; companies split on full-width marks and commas")
  func namesAndCompanies() throws {
    let rows = [
      "朱坝街道,王某、刘某,2022-07-04,,上海,甲公司，乙公司、丙公司,",
      "朱坝街道,\"王某,刘某\",2022-07-11,,上海,\"甲公司,乙公司；丙公司\",",
      "朱坝街道,王某；刘某,2022-07-18,,上海,\"Acme Co., Ltd.;乙公司\",",
    ]
    try withTrips(rows) { path in
      let batch = try TripImporter.read(path: path)
      #expect(batch.problems.isEmpty)
      #expect(batch.entries.map(\.value.name) == ["王某", "刘某", "王某", "刘某", "王某", "刘某"])
      #expect(
        batch.entries.map(\.location) == ["\(path):2", "\(path):2", "\(path):3", "\(path):3", "\(path):4", "\(path):4"])
      #expect(batch.entries[0].value.companies == ["甲公司", "乙公司", "丙公司"])
      #expect(batch.entries[2].value.companies == ["甲公司", "乙公司", "丙公司"])
      #expect(batch.entries[4].value.companies == ["Acme Co., Ltd.", "乙公司"])
    }
  }

  @Test("Leave files read 7月11日 with the file's year")
  func leaveYear() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("请假.csv").path
      try "单位,姓名,开始日期,结束日期,事由\n朱坝街道,王某,7月11日,7月15日,党校学习\n朱坝街道,刘某,2022-07-04,,病假\n".write(
        toFile: path, atomically: true, encoding: .utf8)
      let batch = try LeaveImporter.read(path: path)
      #expect(batch.problems.isEmpty)
      let wang = try #require(batch.entries.first { $0.value.name == "王某" }?.value)
      #expect(wang.from == (try d("2022-07-11")))
      #expect(wang.to == (try d("2022-07-15")))
    }
  }
}

@Suite("Warnings about a trip's head: out of post, on leave")
struct HeadWarningTests {
  @Test("A trip starting before the head's post began is recorded with a warning naming the post's dates")
  func tripBeforePost() throws {
    // Given 马某 in post from 16 July
    let (ledger, rules) = try rosteredLedger()
    // When a trip from 14 to 16 July is recorded
    let outcome = try ledger.recordTrips(
      [located(try trip("共和镇", "马某", "2022-07-14", "2022-07-16"), line: 2)], rules: rules, today: today,
      stamp: testStamp)
    // Then it is recorded, with a warning that two of its days are outside the post
    #expect(outcome.added.count == 1)
    let warning = try #require(outcome.warnings.first)
    #expect(warning.location == "input.csv:2")
    #expect(
      warning.text(.en).contains(
        "马某's post is 镇长 2022-07-16 to now, so 2 days of the trip 2022-07-14 to 2022-07-16 fall outside it"))
    #expect(warning.text(.zh).contains("马某的任职为 镇长 2022-07-16 至 今，这次外出 2022-07-14 至 2022-07-16 有 2 天不在任期内"))
    // And a trip inside the post raises none
    let inside = try ledger.recordTrips(
      [located(try trip("共和镇", "马某", "2022-07-18"), line: 3)], rules: rules, today: today, stamp: testStamp)
    #expect(inside.warnings.isEmpty)
  }

  @Test("Leave recorded over a trip warns naming the trip; a trip recorded over leave warns naming the leave")
  func leaveAndTripOverlap() throws {
    let (ledger, rules) = try rosteredLedger()
    // Given a trip of 王某 from 4 to 6 July
    try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06"), line: 2)], rules: rules, today: today,
      stamp: testStamp)
    let tripID = try #require(try ledger.trips().first?.id)
    // When leave is recorded on the 5th
    let leaveOutcome = try ledger.addLeave(
      [located(try leave("朱坝街道", "王某", "2022-07-05"), line: 3, file: "leave.csv")], rules: rules, stamp: testStamp)
    // Then it is recorded with a warning naming the trip
    #expect(leaveOutcome.added.count == 1)
    let leaveWarning = try #require(leaveOutcome.warnings.first)
    #expect(leaveWarning.location == "leave.csv:3")
    #expect(leaveWarning.code == .tripOverlap)
    #expect(leaveWarning.text(.en).contains("overlaps 王某's recorded trip #\(tripID) (上海, 2022-07-04 to 2022-07-06)"))
    #expect(leaveWarning.text(.zh).contains("与王某已登记的外出 #\(tripID)（上海，2022-07-04 至 2022-07-06）时间重叠"))
    // And another head's leave on the same day raises none
    let other = try ledger.addLeave(
      [located(try leave("朱坝街道", "刘某", "2022-07-05"), line: 4, file: "leave.csv")], rules: rules, stamp: testStamp)
    #expect(other.warnings.isEmpty)

    // When a trip is recorded over the leave
    let leaveID = try #require(try ledger.leaves(name: "王某").first?.id)
    let tripOutcome = try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-05", destination: "南京"), line: 5)], rules: rules, today: today,
      stamp: testStamp)
    // Then it is recorded with a warning naming the leave, besides the one about the other trip
    #expect(tripOutcome.added.count == 1)
    #expect(
      tripOutcome.warnings.contains {
        $0.text(.en).contains("overlaps 王某's recorded leave #\(leaveID) (党校学习, 2022-07-05 to 2022-07-05)")
      })
  }
}
