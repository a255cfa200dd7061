import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// A ledger in memory with 朱坝街道's two heads and 共和镇's mid-month change of 镇长.
func rosteredLedger(sourceLocation: SourceLocation = #_sourceLocation) throws -> (Ledger, RuleBook) {
  let ledger = try Ledger.inMemory()
  let rules = try TestRules.book()
  try ledger.addPosts(
    [
      located(try post("朱坝街道", "王某", from: "2021-09-01"), line: 2, file: "roster.csv"),
      located(try post("朱坝街道", "刘某", role: "办事处主任"), line: 3, file: "roster.csv"),
      located(try post("共和镇", "郭某", role: "镇长", from: "2020-09-01", to: "2022-07-15"), line: 4, file: "roster.csv"),
      located(try post("共和镇", "马某", role: "镇长", from: "2022-07-16"), line: 5, file: "roster.csv"),
    ], rules: rules, stamp: testStamp)
  return (ledger, rules)
}

let today = CivilDate(year: 2022, month: 8, day: 1) ?? CivilDate(ordinal: 0)

@Suite("The roster in the ledger")
struct RosterLedgerTests {
  @Test("Entries are written and read back with ids")
  func addAndList() throws {
    let (ledger, _) = try rosteredLedger()
    let posts = try ledger.posts()
    #expect(posts.map(\.name) == ["王某", "刘某", "郭某", "马某"])
    #expect(posts.allSatisfy { $0.id != nil })
    #expect(posts.first?.from == (try d("2021-09-01")))
    #expect(posts.first?.to == nil)
    #expect(try ledger.posts(unit: "共和镇").map(\.name) == ["郭某", "马某"])
    #expect(try ledger.posts(unit: "共和镇", on: try d("2022-07-15")).map(\.name) == ["郭某"])
    #expect(try ledger.posts(unit: "共和镇", on: try d("2022-07-16")).map(\.name) == ["马某"])
  }

  @Test("An entry for a unit no rule file declares is refused, suggesting similar units")
  func unknownUnit() throws {
    let ledger = try Ledger.inMemory()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addPosts(
        [located(try post("朱坝镇", "王某"), line: 2, file: "roster.csv")], rules: try TestRules.book(), stamp: testStamp)
    }
    expectProblem(
      error, at: "roster.csv:2", en: "unknown unit \"朱坝镇\": no rule file declares it; did you mean: 朱坝街道",
      zh: "未知单位「朱坝镇」")
    #expect(try ledger.posts().isEmpty)
  }

  @Test("An unknown unit with nothing similar lists the units")
  func unknownUnitListsUnits() throws {
    let message = RosterValidation.unknownUnit("统计局", rules: try TestRules.book())
    #expect(message.en.contains("the units are: 朱坝街道, 黄集街道, 共和镇, 住建局, 残联"))
    #expect(message.zh.contains("可用的单位有：朱坝街道、黄集街道"))
  }

  @Test("A post ending before it starts is refused")
  func endsBeforeStart() throws {
    let ledger = try Ledger.inMemory()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addPosts(
        [located(try post("朱坝街道", "王某", from: "2022-07-16", to: "2022-07-15"), line: 7)],
        rules: try TestRules.book(), stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:7", en: "the post ends (2022-07-15) before it starts (2022-07-16)",
      zh: "任职结束日期 2022-07-15 早于起始日期")
  }

  @Test("A missing unit, name or role is refused, naming what is missing")
  func missingFields() throws {
    let ledger = try Ledger.inMemory()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addPosts(
        [located(Post(unit: "朱坝街道", name: "", role: ""), line: 3)], rules: try TestRules.book(), stamp: testStamp)
    }
    expectProblem(error, at: "input.csv:3", en: "name, role missing", zh: "缺少姓名、职务")
  }

  @Test("An entry overlapping the same person's post in the same unit is refused, in the ledger or the batch")
  func overlapping() throws {
    let (ledger, rules) = try rosteredLedger()
    // Given 王某 in post at 朱坝街道 since 2021-09-01, and a batch with a second post of his and two of 张某
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addPosts(
        [
          located(try post("朱坝街道", "王某", role: "副书记", from: "2022-01-01"), line: 2),
          located(try post("黄集街道", "张某", from: "2022-01-01"), line: 3),
          located(try post("黄集街道", "张某", role: "副书记", from: "2022-06-01", to: "2022-12-31"), line: 4),
        ], rules: rules, stamp: testStamp)
    }
    // Then both overlaps are refused at their lines, and nothing is written
    #expect(error.problems.count == 2)
    expectProblem(
      error, at: "input.csv:2",
      en: "王某 of 朱坝街道 already holds a post (党工委书记, 2021-09-01 to now) that overlaps this one",
      zh: "朱坝街道的王某已有任职记录（党工委书记，2021-09-01 至 今）")
    expectProblem(error, at: "input.csv:4", en: "张某 of 黄集街道 already holds a post")
    #expect(try ledger.posts().count == 4)
  }

  @Test("A later post of the same person that does not overlap is accepted")
  func consecutivePosts() throws {
    let (ledger, rules) = try rosteredLedger()
    try ledger.addPosts(
      [located(try post("共和镇", "郭某", role: "党委书记", from: "2022-07-16"), line: 2)], rules: rules, stamp: testStamp)
    #expect(try ledger.posts(unit: "共和镇").count == 3)
  }

  @Test("An identical entry is reported as already present, not added again")
  func alreadyPresent() throws {
    let (ledger, rules) = try rosteredLedger()
    let outcome = try ledger.addPosts(
      [located(try post("朱坝街道", "王某", from: "2021-09-01"), line: 2)], rules: rules, stamp: testStamp)
    #expect(outcome.added.isEmpty)
    #expect(outcome.alreadyPresent.map(\.location) == ["input.csv:2"])
    #expect(try ledger.posts().count == 4)
  }

  @Test("A batch with one bad entry writes nothing")
  func allOrNothing() throws {
    let ledger = try Ledger.inMemory()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addPosts(
        [
          located(try post("朱坝街道", "王某"), line: 2), located(try post("黄集街道", "陈某"), line: 3),
          located(try post("不存在街道", "某某"), line: 4),
        ], rules: try TestRules.book(), stamp: testStamp)
    }
    #expect(error.problems.count == 1)
    #expect(try ledger.posts().isEmpty)
  }

  @Test("Problems carried from the file stop the batch too")
  func carriedProblems() throws {
    let ledger = try Ledger.inMemory()
    let carried = Problem(location: "roster.csv:9", Localized("坏行", "bad row"))
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.addPosts(
        [located(try post("朱坝街道", "王某"), line: 2)], rules: try TestRules.book(), stamp: testStamp,
        carrying: [carried])
    }
    #expect(error.problems == [carried])
    #expect(try ledger.posts().isEmpty)
  }

  @Test("A dry run reports what would be added and writes nothing")
  func dryRun() throws {
    let ledger = try Ledger.inMemory()
    let outcome = try ledger.addPosts(
      [located(try post("朱坝街道", "王某"), line: 2), located(try post("黄集街道", "陈某"), line: 3)],
      rules: try TestRules.book(), stamp: testStamp, dryRun: true)
    #expect(outcome.added.count == 2)
    #expect(try ledger.posts().isEmpty)
  }

  @Test("Ending a post sets its last day")
  func endPost() throws {
    let (ledger, _) = try rosteredLedger()
    let ended = try ledger.endPost(unit: "朱坝街道", name: "王某", on: try d("2022-07-20"))
    #expect(ended.to == (try d("2022-07-20")))
    #expect(try ledger.posts(unit: "朱坝街道", on: try d("2022-07-21")).map(\.name) == ["刘某"])
  }

  @Test("Ending a post before it began is refused")
  func endPostTooEarly() throws {
    let (ledger, _) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.endPost(unit: "朱坝街道", name: "王某", on: try d("2021-08-31"))
    }
    expectProblem(
      error, field: .endDate, code: .periodInvalid, en: "the post began on 2021-09-01, so it cannot end before that")
    #expect(try ledger.posts(unit: "朱坝街道").first?.to == nil)
  }

  @Test("Ending the post of nobody in post is refused")
  func endPostNobody() throws {
    let (ledger, _) = try rosteredLedger()
    // 郭某's only post has already ended
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.endPost(unit: "共和镇", name: "郭某", on: try d("2022-07-20"))
    }
    #expect(error.text(.en).contains("共和镇 has no head named \"郭某\" still in post"))
    #expect(error.text(.zh).contains("共和镇没有在任的「郭某」"))
  }
}

@Suite("Trips in the ledger")
struct TripLedgerTests {
  @Test("Trips are written with ids and the stamp, and listed by month, unit and name")
  func recordAndList() throws {
    let (ledger, rules) = try rosteredLedger()
    let outcome = try ledger.recordTrips(
      [
        located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true), line: 2),
        located(try trip("朱坝街道", "刘某", "2022-06-29", "2022-07-01"), line: 3),
        located(try trip("共和镇", "马某", "2022-08-01"), line: 4),
      ], rules: rules, today: today, stamp: testStamp)
    #expect(outcome.added.count == 3)
    #expect(outcome.added.allSatisfy { $0.id != nil && $0.recordedBy == "测试员" })
    #expect(try ledger.trips().count == 3)
    // Listed by start date, and a trip touching the month counts as in it
    #expect(try ledger.trips(in: try m("2022-07")).map(\.name) == ["刘某", "王某"])
    #expect(try ledger.trips(in: try m("2022-06")).map(\.name) == ["刘某"])
    #expect(try ledger.trips(unit: "共和镇").map(\.name) == ["马某"])
    #expect(try ledger.trips(name: "王某").first?.startsAfternoon == true)
    #expect(try ledger.trips(unit: "朱坝街道", name: "马某").isEmpty)
  }

  @Test("A trip for an unknown unit is refused")
  func unknownUnit() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("朱坝", "王某", "2022-07-04"), line: 5)], rules: rules, today: today, stamp: testStamp)
    }
    expectProblem(error, at: "input.csv:5", en: "unknown unit \"朱坝\"", zh: "未知单位「朱坝」")
  }

  @Test("A trip of a head not on the unit's roster is refused")
  func notOnRoster() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王二", "2022-07-04"), line: 6)], rules: rules, today: today, stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:6", en: "\"王二\" is not on the roster of 朱坝街道", zh: "朱坝街道的花名册中没有「王二」")
  }

  @Test("A trip on no day of the head's time in post is refused; one partly in post is accepted")
  func notInPost() throws {
    let (ledger, rules) = try rosteredLedger()
    // Given 马某 in post from 16 July
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("共和镇", "马某", "2022-07-04", "2022-07-06"), line: 2)], rules: rules, today: today,
        stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:2",
      en: "马某 was not in post on any day from 2022-07-04 to 2022-07-06 (posts: 镇长 2022-07-16 to now)",
      zh: "马某在 2022-07-04 至 2022-07-06 期间不在任")
    let outcome = try ledger.recordTrips(
      [located(try trip("共和镇", "马某", "2022-07-14", "2022-07-16"), line: 2)], rules: rules, today: today,
      stamp: testStamp)
    #expect(outcome.added.count == 1)
  }

  @Test("A trip ending before it starts is refused")
  func endsBeforeStart() throws {
    let (ledger, rules) = try rosteredLedger()
    let backwards = Trip(
      unit: "朱坝街道", name: "王某", start: try d("2022-07-06"), end: try d("2022-07-04"), destination: "上海")
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips([located(backwards, line: 3)], rules: rules, today: today, stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:3", en: "the trip ends (2022-07-04) before it starts (2022-07-06)",
      zh: "结束日期 2022-07-04 早于开始日期 2022-07-06")
  }

  @Test("A same-day trip leaving at noon and back by noon is refused as empty")
  func emptyTrip() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王某", "2022-07-04", pm: true, am: true), line: 3)], rules: rules, today: today,
        stamp: testStamp)
    }
    expectProblem(error, at: "input.csv:3", en: "so it covers nothing")
  }

  @Test("A trip of an unknown kind is refused")
  func unknownKind() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王某", "2022-07-04", kind: "phone"), line: 4)], rules: rules, today: today,
        stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:4",
      en:
        "unknown trip kind \"phone\"; the kinds are visit (visit), video (video negotiation), online (online signing)",
      zh: "未知的外出类型「phone」")
  }

  @Test("A trip starting after today is refused; one starting today is accepted")
  func future() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王某", "2022-08-02"), line: 2)], rules: rules, today: today, stamp: testStamp)
    }
    expectProblem(
      error, at: "input.csv:2", en: "the trip starts on 2022-08-02, after today (2022-08-01)", zh: "晚于今天（2022-08-01）")
    let outcome = try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-08-01", "2022-08-03"), line: 2)], rules: rules, today: today,
      stamp: testStamp)
    #expect(outcome.added.count == 1)
  }

  @Test("A trip without a destination is refused")
  func noDestination() throws {
    let (ledger, rules) = try rosteredLedger()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王某", "2022-07-04", destination: ""), line: 2)], rules: rules, today: today,
        stamp: testStamp)
    }
    expectProblem(error, at: "input.csv:2", en: "the destination is missing", zh: "缺少目的地")
  }

  @Test("A failing batch writes nothing, and lists every problem in file order")
  func allOrNothing() throws {
    let (ledger, rules) = try rosteredLedger()
    // Given a batch whose good rows stand between bad ones, given out of order
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [
          located(try trip("朱坝街道", "王某", "2022-07-04"), line: 2),
          located(try trip("朱坝街道", "王二", "2022-07-05"), line: 9),
          located(try trip("朱坝街道", "刘某", "2022-07-05"), line: 4),
          located(try trip("朱坝街道", "刘某", "2022-09-05"), line: 3),
        ], rules: rules, today: today, stamp: testStamp)
    }
    // Then nothing is written and the problems are in line order
    #expect(error.problems.compactMap(\.location) == ["input.csv:3", "input.csv:9"])
    #expect(try ledger.trips().isEmpty)
  }

  @Test("Re-importing the same trips adds nothing")
  func reimport() throws {
    let (ledger, rules) = try rosteredLedger()
    let batch = [
      located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06"), line: 2),
      located(try trip("朱坝街道", "刘某", "2022-07-05"), line: 3),
    ]
    try ledger.recordTrips(batch, rules: rules, today: today, stamp: testStamp)
    let again = try ledger.recordTrips(batch, rules: rules, today: today, stamp: testStamp)
    #expect(again.added.isEmpty)
    #expect(again.alreadyPresent.map(\.location) == ["input.csv:2", "input.csv:3"])
    #expect(try ledger.trips().count == 2)
  }

  @Test("The same trip twice in one batch is written once")
  func duplicateInBatch() throws {
    let (ledger, rules) = try rosteredLedger()
    let same = try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06")
    let outcome = try ledger.recordTrips(
      [located(same, line: 2), located(same, line: 3)], rules: rules, today: today, stamp: testStamp)
    #expect(outcome.added.count == 1)
    #expect(outcome.alreadyPresent.map(\.location) == ["input.csv:3"])
  }

  @Test("A trip overlapping another of the same head is accepted with a warning")
  func overlapWarning() throws {
    let (ledger, rules) = try rosteredLedger()
    try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06"), line: 2)], rules: rules, today: today,
      stamp: testStamp)
    let outcome = try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-06", "2022-07-08", destination: "南京"), line: 7)], rules: rules,
      today: today, stamp: testStamp)
    #expect(outcome.added.count == 1)
    #expect(outcome.warnings.count == 1)
    let warning = try #require(outcome.warnings.first)
    #expect(warning.location == "input.csv:7")
    let firstID = try #require(try ledger.trips().first?.id)
    #expect(warning.text(.en).contains("overlaps trip #\(firstID) of the same head; overlapping days count once"))
    #expect(warning.text(.zh).contains("时间重叠；重叠的日子只计一次"))
  }

  @Test("A dry run writes nothing")
  func dryRun() throws {
    let (ledger, rules) = try rosteredLedger()
    let outcome = try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-04"), line: 2)], rules: rules, today: today, stamp: testStamp,
      dryRun: true)
    #expect(outcome.added.count == 1)
    #expect(try ledger.trips().isEmpty)
  }

  @Test("Companies, purpose and kind survive the round trip")
  func fieldsRoundTrip() throws {
    let (ledger, rules) = try rosteredLedger()
    var video = try trip("朱坝街道", "王某", "2022-07-04", "2022-07-05", am: true, kind: "video")
    video.purpose = "洽谈项目"
    video.companies = ["上海某某公司", "江苏某某科技有限公司"]
    try ledger.recordTrips([located(video, line: 2)], rules: rules, today: today, stamp: testStamp)
    let stored = try #require(try ledger.trips().first)
    #expect(stored.isSameTrip(as: video))
    #expect(stored.companies == video.companies)
    #expect(stored.purpose == "洽谈项目")
    #expect(stored.recordedAt == testStamp.at)
  }

  @Test("The ledger's check uses the file in force and the stored trips")
  func check() throws {
    let (ledger, rules) = try rosteredLedger()
    try ledger.recordTrips(
      [
        located(try trip("共和镇", "马某", "2022-07-18", "2022-07-20"), line: 2),
        located(try trip("共和镇", "马某", "2022-07-26", "2022-07-28", pm: true), line: 3),
        located(try trip("共和镇", "郭某", "2022-07-04", "2022-07-08"), line: 4),
      ], rules: rules, today: today, stamp: testStamp)
    let report = try ledger.check(month: try m("2022-07"), rules: rules)
    let ma = try #require(report.people.first { $0.name == "马某" })
    #expect(ma.required == DayCount(halves: 11))
    #expect(ma.counted == DayCount(halves: 11))
    #expect(report.units.first { $0.unit == "共和镇" }?.status == .compliant)
    #expect(report.units.first { $0.unit == "朱坝街道" }?.status == .short)
    #expect(throws: ZhaoshangError.self) { try ledger.check(month: try m("2021-12"), rules: rules) }
  }
}

@Suite("Streaming trip imports")
struct StreamingImportTests {
  func importFile(
    _ path: String, into ledger: Ledger, rules: RuleBook, dryRun: Bool = false
  ) throws(ZhaoshangError) -> ImportReport {
    try ledger.importTrips(rules: rules, today: today, stamp: testStamp, dryRun: dryRun) {
      sink throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
  }

  @Test("A file streams into the ledger; a dry run writes nothing; a second import adds nothing")
  func streaming() throws {
    let (ledger, rules) = try rosteredLedger()
    let path = Fixture.path("csv/trips-two-heads.csv")
    // When the file is only checked
    let dry = try importFile(path, into: ledger, rules: rules, dryRun: true)
    #expect(dry.added == 2)
    #expect(dry.dryRun)
    #expect(try ledger.trips().isEmpty)
    // When it is imported
    let first = try importFile(path, into: ledger, rules: rules)
    #expect(first.added == 2)
    #expect(first.alreadyPresent == 0)
    #expect(try ledger.trips().map(\.name) == ["王某", "刘某"])
    // When it is imported again
    let second = try importFile(path, into: ledger, rules: rules)
    #expect(second.added == 0)
    #expect(second.alreadyPresent == 2)
    #expect(second.firstAlreadyPresent == ["\(path):2", "\(path):3"])
    #expect(try ledger.trips().count == 2)
  }

  @Test("A long file of bad rows lists the first problems, counts the rest, and writes nothing")
  func manyProblems() throws {
    try withTemporaryFolder { folder in
      // Given a file of 150 good rows followed by 150 rows with an impossible date
      let (ledger, rules) = try rosteredLedger()
      var text = "unit,name,start,end,destination\n"
      for day in 0..<150 {
        text += "朱坝街道,王某,\(try d("2022-01-01").adding(days: day).iso),,上海\n"
      }
      for _ in 0..<150 { text += "朱坝街道,王某,2022-02-30,,上海\n" }
      let path = folder.appendingPathComponent("long.csv").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      // When it is imported
      let error = try #require(throws: ZhaoshangError.self) { try importFile(path, into: ledger, rules: rules) }
      // Then the first problems are listed in file order, then the count of the rest
      let problems = error.problems
      #expect(problems.count == ZhaoshangError.problemListLimit)
      #expect(problems.first?.location == "\(path):152")
      #expect(problems.last?.text(.en) == "... and 51 more problems not shown.")
      #expect(problems.last?.text(.zh) == "……另有 51 处问题未列出。")
      // And none of the good rows is written
      #expect(try ledger.trips().isEmpty)
    }
  }
}

@Suite("Voiding trips")
struct VoidTests {
  func ledgerWithTrip() throws -> (Ledger, RuleBook, Int64) {
    let (ledger, rules) = try rosteredLedger()
    let outcome = try ledger.recordTrips(
      [located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-13"), line: 2)], rules: rules, today: today,
      stamp: testStamp)
    let id = try #require(outcome.added.first?.id)
    return (ledger, rules, id)
  }

  @Test("A voided trip stays listed, marked void with its reason, and no longer counts")
  func voiding() throws {
    // Given 王某's ten-day trip, which makes him compliant
    let (ledger, rules, id) = try ledgerWithTrip()
    let before = try ledger.check(month: try m("2022-07"), rules: rules)
    #expect(before.people.first { $0.name == "王某" }?.compliant == true)
    // When it is voided
    let voided = try ledger.voidTrip(
      id: id, reason: "  重复登记 ", stamp: Stamp(by: "督查员", at: "2022-08-02T10:00:00+08:00"))
    // Then it is still listed, marked void with the reason and who voided it
    #expect(voided.voiding == Voiding(reason: "重复登记", by: "督查员", at: "2022-08-02T10:00:00+08:00"))
    let listed = try ledger.trips()
    #expect(listed.count == 1)
    #expect(listed.first?.isVoid == true)
    #expect(listed.first?.voiding?.reason == "重复登记")
    // And it no longer counts
    let after = try ledger.check(month: try m("2022-07"), rules: rules)
    #expect(after.people.first { $0.name == "王某" }?.counted == .zero)
  }

  @Test("Voiding twice is refused")
  func twice() throws {
    let (ledger, _, id) = try ledgerWithTrip()
    try ledger.voidTrip(id: id, reason: "重复登记", stamp: testStamp)
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.voidTrip(id: id, reason: "再次作废", stamp: testStamp)
    }
    // The time is named on the office's clock, not as stored
    #expect(error.text(.en).contains("trip \(id) was already voided on 2022-08-01 09:00 (reason: 重复登记); nothing to do"))
    #expect(error.text(.zh).contains("已于 2022-08-01 09:00 作废"))
    #expect(try ledger.trips().first?.voiding?.reason == "重复登记")
  }

  @Test("Voiding a trip that does not exist is refused")
  func missing() throws {
    let (ledger, _, _) = try ledgerWithTrip()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.voidTrip(id: 999, reason: "重复登记", stamp: testStamp)
    }
    #expect(error.text(.en).contains("there is no trip 999"))
    #expect(error.text(.zh).contains("没有编号为 999 的外出记录"))
  }

  @Test("Voiding without a reason is refused")
  func noReason() throws {
    let (ledger, _, id) = try ledgerWithTrip()
    let error = try #require(throws: ZhaoshangError.self) {
      try ledger.voidTrip(id: id, reason: "  ", stamp: testStamp)
    }
    expectProblem(error, field: .reason, code: .reasonMissing, en: "the reason is empty", zh: "作废原因不能为空")
    #expect(try ledger.trips().first?.isVoid == false)
  }

  @Test("Importing a file again after one of its trips was voided does not bring the trip back")
  func reimportAfterVoid() throws {
    // Given a unit's file recorded, then one of its trips voided after checking
    let (ledger, rules) = try rosteredLedger()
    let batch = [
      located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-13"), line: 2),
      located(try trip("朱坝街道", "刘某", "2022-07-05"), line: 3),
    ]
    let first = try ledger.recordTrips(batch, rules: rules, today: today, stamp: testStamp)
    let id = try #require(first.added.first?.id)
    try ledger.voidTrip(id: id, reason: "经核查当日在区内参加会议，未外出", stamp: testStamp)
    // When the unit sends the same file again
    let again = try ledger.recordTrips(batch, rules: rules, today: today, stamp: testStamp)
    // Then nothing is added (the README: "a trip identical to one already recorded is skipped ... so importing
    // a file twice adds nothing"), and the voided days still do not count
    #expect(again.added.isEmpty)
    #expect(again.alreadyPresent.count == 2)
    #expect(try ledger.trips().count == 2)
    let report = try ledger.check(month: try m("2022-07"), rules: rules)
    #expect(report.people.first { $0.name == "王某" }?.counted == .zero)
  }
}

@Suite("The database schema")
struct SchemaTests {
  /// A raw database with the ledger's schema, one head and one trip.
  func database() throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    let queue = try DatabaseQueue(configuration: configuration)
    try Schema.migrator.migrate(queue)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO head (id, unit, name) VALUES (1, '朱坝街道', '王某')")
      try db.execute(
        sql: """
          INSERT INTO post (head_id, role, from_date, recorded_by, recorded_at)
          VALUES (1, '党工委书记', '2021-09-01', 't', 't')
          """)
      try db.execute(
        sql: """
          INSERT INTO trip (id, head_id, start_date, end_date, kind, destination, recorded_by, recorded_at)
          VALUES (1, 1, '2022-07-04', '2022-07-06', 'visit', '上海', 't', 't')
          """)
    }
    return queue
  }

  func refusal(_ queue: DatabaseQueue, _ sql: String) throws -> DatabaseError {
    try #require(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: sql) } }
  }

  @Test("Deleting a trip or a post is refused by trigger")
  func noDeletion() throws {
    let queue = try database()
    #expect(try refusal(queue, "DELETE FROM trip").message == "trips are never deleted: void them instead")
    #expect(try refusal(queue, "DELETE FROM post").message == "posts are never deleted: end them instead")
    #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trip") } == 1)
  }

  @Test("A voided trip cannot change")
  func voidIsFinal() throws {
    let queue = try database()
    try queue.write { db in
      try db.execute(sql: "UPDATE trip SET void_reason = '重复', voided_by = 't', voided_at = 't' WHERE id = 1")
    }
    #expect(
      try refusal(queue, "UPDATE trip SET destination = '南京' WHERE id = 1").message == "a voided trip cannot change")
    #expect(
      try refusal(queue, "UPDATE trip SET void_reason = NULL WHERE id = 1").message == "a voided trip cannot change")
  }

  @Test(
    "CHECK constraints refuse impossible rows",
    arguments: [
      "UPDATE trip SET start_date = '2022-02-32' WHERE id = 1",
      "UPDATE trip SET end_date = '2022-07-01' WHERE id = 1",
      "UPDATE trip SET start_date = '2022/07/04' WHERE id = 1",
      "UPDATE trip SET destination = '' WHERE id = 1",
      "UPDATE trip SET companies = '{}' WHERE id = 1",
      "UPDATE trip SET void_reason = '重复' WHERE id = 1",
      "UPDATE post SET to_date = '2021-08-31'",
      "INSERT INTO head (unit, name) VALUES ('朱坝街道', '王某')",
      "INSERT INTO head (unit, name) VALUES ('', '某某')",
      "INSERT INTO post (head_id, role, recorded_by, recorded_at) VALUES (99, '局长', 't', 't')",
    ])
  func constraints(sql: String) throws {
    let queue = try database()
    let error = try refusal(queue, sql)
    #expect(error.resultCode == .SQLITE_CONSTRAINT)
  }

  @Test("A date that does not exist (30 February) is refused by the schema")
  func impossibleDateRow() throws {
    let queue = try database()
    let error = try refusal(queue, "UPDATE trip SET start_date = '2022-02-30' WHERE id = 1")
    #expect(error.resultCode == .SQLITE_CONSTRAINT)
  }

  @Test("A same-day trip from noon to noon is refused by the schema")
  func emptyTripRow() throws {
    let queue = try database()
    let error = try refusal(
      queue, "UPDATE trip SET end_date = start_date, starts_afternoon = 1, ends_morning = 1 WHERE id = 1")
    #expect(error.resultCode == .SQLITE_CONSTRAINT)
  }
}

@Suite("Storage errors")
struct StorageErrorTests {
  @Test("Opening a ledger that does not exist is refused without creating it")
  func missingLedger() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("nowhere.sqlite").path
      let error = try #require(throws: ZhaoshangError.self) { try Ledger.open(at: path) }
      #expect(error.text(.en).contains("no ledger at \(path); run `zhaoshang init`"))
      #expect(error.text(.zh).contains("找不到台账数据库"))
      #expect(!FileManager.default.fileExists(atPath: path))
    }
  }

  @Test("A file that is not a database is named as such")
  func notADatabase() throws {
    try withTemporaryFolder { folder in
      // Given a text file where the ledger should be
      let path = folder.appendingPathComponent("roster.sqlite").path
      try Data(String(repeating: "unit,name,role,from,to\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
      // When it is opened as a ledger
      let error = try #require(throws: ZhaoshangError.self) { try Ledger.open(at: path) }
      // Then it is refused (exit 65), saying it is not a ledger, and left as it was
      #expect(
        error.text(.en)
          == "\(path) is not a zhaoshang ledger (it is not a database file at all) and was left untouched; check the file --db names"
      )
      guard case .refused = error else {
        Issue.record("a file that is no ledger is refused input (exit 65), not a storage failure")
        return
      }
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 200 * 23)
    }
  }

  @Test(
    "SQLite's errors become sentences a clerk can act on",
    arguments: [
      (ResultCode.SQLITE_BUSY, "is held by another program for too long"),
      (.SQLITE_READONLY, "cannot open or write the ledger at db.sqlite"),
      (.SQLITE_NOTADB, "db.sqlite is not a zhaoshang ledger"),
      (.SQLITE_FULL, "a disk error while writing db.sqlite"),
      (.SQLITE_CONSTRAINT, "the ledger refused the change"),
      (.SQLITE_ERROR, "the ledger at db.sqlite failed"),
    ])
  func translation(code: ResultCode, fragment: String) {
    let error = Ledger.translate(DatabaseError(resultCode: code), path: "db.sqlite")
    #expect(error.text(.en).contains(fragment))
    #expect(!error.text(.zh).isEmpty)
  }
}
