import Foundation
import Testing

@testable import ZhaoshangKit

/// A leave literal.
func leave(
  _ unit: String, _ name: String, _ from: String, _ to: String? = nil, reason: String = "党校学习",
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Leave {
  let first = try d(from, sourceLocation: sourceLocation)
  return Leave(
    unit: unit, name: name, from: first, to: try to.map { try d($0, sourceLocation: sourceLocation) } ?? first,
    reason: reason)
}

@Suite("Leave in the monthly check")
struct LeaveCheckTests {
  /// 王某 of 朱坝街道, in post all along.
  let wang = [Post(unit: "朱坝街道", name: "王某", role: "党工委书记")]

  @Test("Days on leave never count as days out, whatever the trips say")
  func leaveNeverCounts() throws {
    // Given a trip from 11 to 15 July, the 13th and 14th of which are leave, and one from the afternoon of the 20th, a day of
    // sick leave
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-11", "2022-07-15"),
      try trip("朱坝街道", "王某", "2022-07-20", "2022-07-22", pm: true),
    ]
    let leaves = [
      try leave("朱坝街道", "王某", "2022-07-13", "2022-07-14"), try leave("朱坝街道", "王某", "2022-07-20", reason: "病假"),
    ]
    // When July is checked without prorate_leave
    let head = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.natural), posts: wang, trips: trips, leaves: leaves)
    // Then 11, 12, 15, 21 and 22 July count; the afternoon of the 20th is leave
    #expect(head.counted == DayCount(days: 5))
    // And the head is held to the full month
    #expect(head.daysInPost == 31)
    #expect(head.required == DayCount(days: 10))
    // And without the leave the same trips count 5 + 2.5 days
    let without = try onlyHead(month: "2022-07", rules: try WorkingFixture.rules(.natural), posts: wang, trips: trips)
    #expect(without.counted == DayCount(halves: 15))
  }

  @Test(
    "With prorate_leave, days on leave come out of A: 5 days' leave in July 2022 gives ceil(2 x 10 x 26 / 31) / 2 = 8.5"
  )
  func prorateLeaveNatural() throws {
    let leaves = [try leave("朱坝街道", "王某", "2022-07-11", "2022-07-15")]
    let head = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.natural, prorateLeave: true), posts: wang, leaves: leaves)
    #expect(head.daysInPost == 26)
    #expect(head.required == DayCount(halves: 17))
    // And without prorating at all, prorate_leave changes nothing
    let unprorated = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.natural, prorate: false, prorateLeave: true), posts: wang,
      leaves: leaves)
    #expect(unprorated.required == DayCount(days: 10))
  }

  @Test("In working mode only the working days of a leave come out of A")
  func prorateLeaveWorking() throws {
    // Given leave from Saturday 9 to Sunday 17 July 2022: 9 days, 5 of them working days
    let leaves = [try leave("朱坝街道", "王某", "2022-07-09", "2022-07-17")]
    // When checked in working mode: A = 21 - 5 = 16 of D = 21, ceil(2 x 10 x 16 / 21) / 2 = 8
    let working = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.working, prorateLeave: true), posts: wang, leaves: leaves)
    #expect(working.daysInPost == 16)
    #expect(working.required == DayCount(days: 8))
    // And in natural mode: A = 31 - 9 = 22, ceil(2 x 10 x 22 / 31) / 2 = 7.5
    let natural = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.natural, prorateLeave: true), posts: wang, leaves: leaves)
    #expect(natural.daysInPost == 22)
    #expect(natural.required == DayCount(halves: 15))
  }

  @Test("Only the head's own leave in the month matters")
  func othersLeave() throws {
    let leaves = [
      try leave("朱坝街道", "刘某", "2022-07-01", "2022-07-31"),  // another head of the unit
      try leave("黄集街道", "王某", "2022-07-01", "2022-07-31"),  // the same name in another unit
      try leave("朱坝街道", "王某", "2022-06-01", "2022-06-30"),  // another month
    ]
    let trips = [try trip("朱坝街道", "王某", "2022-07-04", "2022-07-05")]
    let head = try onlyHead(
      month: "2022-07", rules: try WorkingFixture.rules(.natural, prorateLeave: true), posts: wang, trips: trips,
      leaves: leaves)
    #expect(head.counted == DayCount(days: 2))
    #expect(head.daysInPost == 31)
    #expect(head.required == DayCount(days: 10))
  }

  @Test("Leave across months counts only its days in the month; leave before a post began takes nothing off")
  func leaveAtTheEdges() throws {
    let rules = try WorkingFixture.rules(.natural, prorateLeave: true)
    // Leave from 28 June to 3 July: 3 July days; A = 28, ceil(560 / 31) / 2 = 9.5
    let across = try onlyHead(
      month: "2022-07", rules: rules, posts: wang, leaves: [try leave("朱坝街道", "王某", "2022-06-28", "2022-07-03")])
    #expect(across.daysInPost == 28)
    #expect(across.required == DayCount(halves: 19))
    // 马某 in post from the 16th, on leave 10 to 20 July: A = 16 - 5 = 11, ceil(220 / 31) / 2 = 4
    let late = try onlyHead(
      month: "2022-07", rules: rules, posts: [try post("共和镇", "马某", role: "镇长", from: "2022-07-16")],
      leaves: [try leave("共和镇", "马某", "2022-07-10", "2022-07-20")])
    #expect(late.daysInPost == 11)
    #expect(late.required == DayCount(days: 4))
  }

  @Test("A head on leave all month is not assessed with prorate_leave, and owes the minimum without it")
  func leaveAllMonth() throws {
    let leaves = [try leave("朱坝街道", "王某", "2022-06-20", "2022-08-10")]
    let report = MonthlyCheck.run(
      month: try m("2022-07"), rules: try WorkingFixture.rules(.natural, prorateLeave: true), posts: wang, trips: [],
      leaves: leaves)
    #expect(report.people.isEmpty)
    #expect(report.units.first { $0.unit == "朱坝街道" }?.status == .vacant)
    let held = try onlyHead(month: "2022-07", rules: try WorkingFixture.rules(.natural), posts: wang, leaves: leaves)
    #expect(held.required == DayCount(days: 10))
    #expect(held.counted == .zero)
  }

  @Test("A leave covers its days inclusive and touches the months it shares a day with")
  func leaveDays() throws {
    let spell = try leave("朱坝街道", "王某", "2022-06-30", "2022-07-01")
    #expect(spell.covers(ordinal: try d("2022-06-30").ordinal))
    #expect(spell.covers(ordinal: try d("2022-07-01").ordinal))
    #expect(!spell.covers(ordinal: try d("2022-07-02").ordinal))
    #expect(!spell.covers(ordinal: try d("2022-06-29").ordinal))
    #expect(spell.touches(try m("2022-06")))
    #expect(spell.touches(try m("2022-07")))
    #expect(!spell.touches(try m("2022-08")))
    #expect(!spell.touches(try m("2022-05")))
  }
}

@Suite("Leave in the ledger")
struct LeaveLedgerTests {
  @Test("Leave is written with ids and listed by month, unit and name, earliest first")
  func addAndList() throws {
    let (ledger, rules) = try rosteredLedger()
    let outcome = try ledger.addLeave(
      [
        located(try leave("朱坝街道", "王某", "2022-07-11", "2022-07-15"), line: 2),
        located(try leave("朱坝街道", "刘某", "2022-06-28", "2022-07-02", reason: "年休假"), line: 3),
        located(try leave("共和镇", "马某", "2022-08-01"), line: 4),
      ], rules: rules, stamp: testStamp)
    #expect(outcome.added.count == 3)
    #expect(outcome.added.allSatisfy { $0.id != nil })
    #expect(try ledger.leaves().map(\.name) == ["刘某", "王某", "马某"])
    #expect(try ledger.leaves(in: try m("2022-07")).map(\.name) == ["刘某", "王某"])
    #expect(try ledger.leaves(in: try m("2022-06")).map(\.name) == ["刘某"])
    #expect(try ledger.leaves(in: try m("2022-08")).map(\.name) == ["马某"])
    #expect(try ledger.leaves(unit: "朱坝街道").count == 2)
    #expect(try ledger.leaves(unit: "朱坝街道", name: "王某").map(\.reason) == ["党校学习"])
    #expect(try ledger.leaves(name: "马某").first?.from == (try d("2022-08-01")))
    #expect(try ledger.leaves(name: "马某").first?.to == (try d("2022-08-01")))
    #expect(try ledger.leaves(in: try m("2022-09")).isEmpty)
  }

  @Test("An identical leave is reported as already present; a dry run writes nothing")
  func alreadyPresentAndDryRun() throws {
    let (ledger, rules) = try rosteredLedger()
    let spell = located(try leave("朱坝街道", "王某", "2022-07-11", "2022-07-15"), line: 2)
    let dry = try ledger.addLeave([spell], rules: rules, stamp: testStamp, dryRun: true)
    #expect(dry.added.count == 1)
    #expect(try ledger.leaves().isEmpty)
    try ledger.addLeave([spell], rules: rules, stamp: testStamp)
    let again = try ledger.addLeave([spell], rules: rules, stamp: testStamp)
    #expect(again.added.isEmpty)
    #expect(again.alreadyPresent.map(\.location) == ["input.csv:2"])
    #expect(try ledger.leaves().count == 1)
  }

  @Test("A leave ending before it starts is refused")
  func endsBeforeStart() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addLeave(
        [located(try leave("朱坝街道", "王某", "2022-07-15", "2022-07-10"), line: 5)], rules: rules, stamp: testStamp)
    }
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "input.csv:5",
      en: "the leave ends (2022-07-10) before it starts (2022-07-15); check whether the dates are swapped",
      zh: "请假结束日期 2022-07-10 早于开始日期 2022-07-15")
    #expect(try ledger.leaves().isEmpty)
  }

  @Test("Leave for a head not on the unit's roster is refused")
  func notOnRoster() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addLeave(
        [located(try leave("黄集街道", "王某", "2022-07-11"), line: 3)], rules: rules, stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:3",
      en: "\"王某\" is not on the roster of 黄集街道; check the name, or add the head with `zhaoshang roster add` first",
      zh: "黄集街道的花名册中没有「王某」")
  }

  @Test("Leave for a head not in post on any of its days is refused")
  func notInPost() throws {
    // Given 郭某, 镇长 of 共和镇 until 2022-07-15
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addLeave(
        [
          located(try leave("共和镇", "郭某", "2022-07-10", "2022-07-16"), line: 2),  // in post on some days: fine
          located(try leave("共和镇", "郭某", "2022-07-16", "2022-07-20"), line: 3),
        ], rules: rules, stamp: testStamp)
    }
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "input.csv:3",
      en: "郭某 was not in post on any day from 2022-07-16 to 2022-07-20; check the dates or the roster",
      zh: "郭某在 2022-07-16 至 2022-07-20 期间不在任")
    #expect(try ledger.leaves().isEmpty)
  }

  @Test("Leave with no reason is refused")
  func emptyReason() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addLeave(
        [located(try leave("朱坝街道", "王某", "2022-07-11", reason: ""), line: 4)], rules: rules, stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:4", en: "the reason is missing; say why, such as 党校学习 (party-school training)",
      zh: "缺少事由")
  }

  @Test("Leave for a unit no rule file declares is refused, suggesting similar units")
  func unknownUnit() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addLeave([located(try leave("朱坝镇", "王某", "2022-07-11"), line: 2)], rules: rules, stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:2", en: "unknown unit \"朱坝镇\": no rule file declares it; did you mean: 朱坝街道",
      zh: "未知单位「朱坝镇」")
  }

  @Test("A batch with one bad leave, or a problem carried from its file, writes nothing")
  func allOrNothing() throws {
    let (ledger, rules) = try rosteredLedger()
    let good = located(try leave("朱坝街道", "王某", "2022-07-11"), line: 2)
    #expect(throws: ZhaoshangError.self) {
      try ledger.addLeave(
        [good, located(try leave("朱坝街道", "无名氏", "2022-07-11"), line: 3)], rules: rules, stamp: testStamp)
    }
    let carried = Problem(location: "leave.csv:9", Localized("坏行", "bad row"))
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addLeave([good], rules: rules, stamp: testStamp, carrying: [carried])
    }
    #expect(error.problems == [carried])
    #expect(try ledger.leaves().isEmpty)
  }

  @Test("Ledger.check takes the month's leave into account")
  func checkUsesLeave() throws {
    // Given 王某 of 朱坝街道 with a trip 11-15 July and leave 13-14 July, under rules with prorate_leave
    let book = RuleBook(ruleSets: [try WorkingFixture.rules(.natural, prorateLeave: true)])
    let ledger = try Ledger.inMemory()
    try ledger.addPosts([located(try post("朱坝街道", "王某", from: "2021-09-01"), line: 2)], rules: book, stamp: testStamp)
    try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-11", "2022-07-15"), line: 2)], rules: book, today: today,
      stamp: testStamp)
    try ledger.addLeave(
      [
        located(try leave("朱坝街道", "王某", "2022-07-13", "2022-07-14"), line: 2),
        located(try leave("朱坝街道", "王某", "2022-06-01", "2022-06-30"), line: 3),
      ], rules: book, stamp: testStamp)
    // When July is checked
    let report = try ledger.check(month: try m("2022-07"), rules: book)
    let head = try #require(report.people.first)
    // Then the leave days are not counted, and come out of A: ceil(2 x 10 x 29 / 31) / 2 = 9.5
    #expect(head.counted == DayCount(days: 3))
    #expect(head.daysInPost == 29)
    #expect(head.required == DayCount(halves: 19))
  }
}

@Suite("Leave files")
struct LeaveFileTests {
  /// Writes `text` as `leave.csv` in a fresh folder and reads it.
  func read<T>(_ text: String, _ body: (ImportBatch<Leave>, String) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("leave.csv").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      return try body(try LeaveImporter.read(path: path), path)
    }
  }

  @Test("English headers: unit,name,from,to,reason; an empty to is a one-day leave")
  func englishHeaders() throws {
    let expected = [
      try leave("朱坝街道", "王某", "2022-07-11", "2022-07-15"), try leave("朱坝街道", "刘某", "2022-07-20", reason: "病假"),
    ]
    try read("unit,name,from,to,reason\n朱坝街道,王某,2022-07-11,2022-07-15,党校学习\n朱坝街道,刘某,2022-07-20,,病假\n") {
      batch, path in
      #expect(batch.problems.isEmpty)
      #expect(batch.entries.map(\.value) == expected)
      #expect(batch.entries.map(\.location) == ["\(path):2", "\(path):3"])
    }
  }

  @Test("Chinese headers in another order, with the dates as clerks write them")
  func chineseHeaders() throws {
    let expected = [try leave("朱坝街道", "王某", "2022-07-11", "2022-07-15")]
    try read("姓名,单位,事由,开始日期,结束日期\n王某,朱坝街道, 党校学习 ,2022/7/11,2022年7月15日\n") { batch, _ in
      #expect(batch.problems.isEmpty)
      #expect(batch.entries.map(\.value) == expected)
    }
  }

  @Test("A half-day mark or a bad date is a problem of its row")
  func badRows() throws {
    try read(
      "unit,name,from,to,reason\n朱坝街道,王某,2022-07-11 下午,2022-07-15,党校学习\n朱坝街道,王某,2022-02-30,,病假\n朱坝街道,刘某,2022-07-01,,病假\n"
    ) { batch, path in
      #expect(batch.entries.count == 1)
      let error = ZhaoshangError.invalidInput(batch.problems)
      expectProblem(
        error, at: "\(path):2", en: "leave is whole days; write the dates without AM/PM", zh: "请假按整天登记")
      expectProblem(
        error, at: "\(path):3", en: "column from, value \"2022-02-30\": the date \"2022-02-30\" does not exist")
    }
  }

  @Test("A file without the reason column is refused, naming the column")
  func missingColumn() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("leave.csv").path
      try Data("单位,姓名,开始日期\n朱坝街道,王某,2022-07-11\n".utf8).write(to: URL(fileURLWithPath: path))
      let error = try #require(throws: ZhaoshangError.self) { try LeaveImporter.read(path: path) }
      expectProblem(
        error, at: "\(path):1", en: "the required column reason (事由) is missing; add it to the header",
        zh: "缺少必需的列「事由」（reason）")
    }
  }

  @Test("An imported file goes into the ledger; its empty reason is refused at its row")
  func intoLedger() throws {
    let (ledger, rules) = try rosteredLedger()
    try read("unit,name,from,to,reason\n朱坝街道,王某,2022-07-11,2022-07-15,党校学习\n朱坝街道,刘某,2022-07-20,,\n") {
      batch, path in
      let error = try #require(throws: ZhaoshangError.self) {
        try ledger.addLeave(batch.entries, rules: rules, stamp: testStamp, carrying: batch.problems)
      }
      expectProblem(error, at: "\(path):3", en: "the reason is missing")
      #expect(try ledger.leaves().isEmpty)
      // And the good row alone is written
      let outcome = try ledger.addLeave(Array(batch.entries.prefix(1)), rules: rules, stamp: testStamp)
      #expect(outcome.added.map(\.name) == ["王某"])
    }
  }
}
