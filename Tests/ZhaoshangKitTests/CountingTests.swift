import Foundation
import Testing

@testable import ZhaoshangKit

/// The counting rules of the policy, one by one, through `MonthlyCheck.run`.
@Suite("Counting days")
struct CountingTests {
  /// Runs July 2022's check for one head of 朱坝街道 (in post all month unless told otherwise).
  func julyResult(
    trips: [Trip], post head: Post? = nil, rules: RuleSet? = nil, month text: String = "2022-07",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> HeadResult {
    let head = try head ?? post("朱坝街道", "王某")
    let report = MonthlyCheck.run(
      month: try m(text), rules: try rules ?? TestRules.set(), posts: [head], trips: trips)
    return try #require(report.people.first, "the head was not assessed", sourceLocation: sourceLocation)
  }

  // MARK: Rule 1: halves

  @Test("A trip covers whole days from start to end inclusive")
  func wholeDays() throws {
    #expect((try trip("朱坝街道", "王某", "2022-07-04")).length == DayCount(days: 1))
    #expect((try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06")).length == DayCount(days: 3))
    #expect((try trip("朱坝街道", "王某", "2022-07-30", "2022-08-02")).length == DayCount(days: 4))
  }

  @Test("A PM start loses the morning, an AM end loses the afternoon")
  func halfDays() throws {
    #expect((try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true)).length == DayCount(halves: 5))
    #expect((try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", am: true)).length == DayCount(halves: 5))
    #expect((try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true, am: true)).length == DayCount(days: 2))
    #expect((try trip("朱坝街道", "王某", "2022-07-04", pm: true)).length == DayCount(halves: 1))
    #expect((try trip("朱坝街道", "王某", "2022-07-04", am: true)).length == DayCount(halves: 1))
  }

  @Test("Leaving at noon and back by noon on the same day covers nothing")
  func emptyTrip() throws {
    let nothing = try trip("朱坝街道", "王某", "2022-07-04", pm: true, am: true)
    #expect(nothing.halves == nil)
    #expect(nothing.length == .zero)
  }

  @Test("Half-day indices: the morning is 2 x ordinal, the afternoon the next")
  func halfIndices() throws {
    let date = try d("2022-07-04")
    let afternoonOnly = try trip("朱坝街道", "王某", "2022-07-04", pm: true)
    #expect(afternoonOnly.halves == (date.ordinal * 2 + 1)...(date.ordinal * 2 + 1))
    let morningOnly = try trip("朱坝街道", "王某", "2022-07-04", am: true)
    #expect(morningOnly.halves == (date.ordinal * 2)...(date.ordinal * 2))
  }

  @Test("Half days are counted in the month: a PM start and an AM end give 2.5 of 3 days")
  func halvesInCheck() throws {
    let result = try julyResult(trips: [
      trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true),
      trip("朱坝街道", "王某", "2022-07-11", "2022-07-13", am: true),
    ])
    #expect(result.counted == DayCount(days: 5))
  }

  // MARK: Rule 2: counted days

  @Test("Overlapping trips never count twice")
  func overlaps() throws {
    // Given two trips sharing 6-8 July, and a trip recorded twice
    let result = try julyResult(trips: [
      trip("朱坝街道", "王某", "2022-07-04", "2022-07-08"),
      trip("朱坝街道", "王某", "2022-07-06", "2022-07-10"),
      trip("朱坝街道", "王某", "2022-07-20"),
      trip("朱坝街道", "王某", "2022-07-20", destination: "南京"),
    ])
    // Then 4-10 July count 7 days and the 20th once
    #expect(result.counted == DayCount(days: 8))
  }

  @Test("A half day shared by an AM end and a PM start counts once, a whole day inside another counts nothing")
  func halfOverlaps() throws {
    let result = try julyResult(trips: [
      trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", am: true),
      trip("朱坝街道", "王某", "2022-07-06", "2022-07-08", pm: true),
      trip("朱坝街道", "王某", "2022-07-07"),
    ])
    // 4, 5 whole, 6 morning + afternoon, 7, 8 whole
    #expect(result.counted == DayCount(days: 5))
  }

  @Test("A trip across the month's start counts only its days in the month")
  func acrossMonthStart() throws {
    let trips = [try trip("朱坝街道", "王某", "2022-06-29", "2022-07-02")]
    #expect((try julyResult(trips: trips)).counted == DayCount(days: 2))
    #expect((try julyResult(trips: trips, month: "2022-06")).counted == DayCount(days: 2))
  }

  @Test("A trip across the month's end counts in each month for its own days")
  func acrossMonthEnd() throws {
    let trips = [try trip("朱坝街道", "王某", "2022-07-30", "2022-08-02", am: true)]
    #expect((try julyResult(trips: trips)).counted == DayCount(days: 2))
    #expect((try julyResult(trips: trips, month: "2022-08")).counted == DayCount(halves: 3))
    #expect((try julyResult(trips: trips, month: "2022-09")).counted == .zero)
  }

  @Test("A trip across the year end counts in December and January")
  func acrossYearEnd() throws {
    let trips = [try trip("朱坝街道", "王某", "2022-12-31", "2023-01-01", pm: true)]
    #expect((try julyResult(trips: trips, month: "2022-12")).counted == DayCount(halves: 1))
    #expect((try julyResult(trips: trips, month: "2023-01")).counted == DayCount(days: 1))
  }

  @Test("Only days inside the time in post count: a head who took office on 16 July")
  func tenureStart() throws {
    // Given a head in post from 16 July and a trip from the 14th to the 18th
    let result = try julyResult(
      trips: [trip("朱坝街道", "王某", "2022-07-14", "2022-07-18")], post: post("朱坝街道", "王某", from: "2022-07-16"))
    // Then only the 16th to the 18th count
    #expect(result.counted == DayCount(days: 3))
    #expect(result.daysInPost == 16)
  }

  @Test("Only days inside the time in post count: a head who left on 15 July")
  func tenureEnd() throws {
    let result = try julyResult(
      trips: [trip("朱坝街道", "王某", "2022-07-14", "2022-07-18")], post: post("朱坝街道", "王某", to: "2022-07-15"))
    #expect(result.counted == DayCount(days: 2))
    #expect(result.daysInPost == 15)
  }

  @Test("Trips of a namesake in another unit do not count")
  func namesakes() throws {
    let result = try julyResult(trips: [trip("黄集街道", "王某", "2022-07-04", "2022-07-08")])
    #expect(result.counted == .zero)
  }

  @Test("Void trips do not count")
  func voids() throws {
    let result = try julyResult(trips: [
      trip("朱坝街道", "王某", "2022-07-04", "2022-07-08", voided: true),
      trip("朱坝街道", "王某", "2022-07-11"),
    ])
    #expect(result.counted == DayCount(days: 1))
  }

  @Test("Kinds the rule file does not count (video, online) do not count")
  func uncountedKinds() throws {
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-04", "2022-07-05", kind: "video"),
      try trip("朱坝街道", "王某", "2022-07-11", kind: "online"),
      try trip("朱坝街道", "王某", "2022-07-20", kind: "visit"),
    ]
    // Given the default: visits only
    #expect((try julyResult(trips: trips)).counted == DayCount(days: 1))
    // Given a rule file counting video negotiations too
    let rules = try TestRules.set(counted: ["visit", "video"])
    #expect((try julyResult(trips: trips, rules: rules)).counted == DayCount(days: 3))
  }

  @Test("A head out of post all month is not assessed")
  func notInPost() throws {
    let posts = [
      try post("朱坝街道", "王某", to: "2022-06-30"),
      try post("朱坝街道", "刘某", role: "办事处主任", from: "2022-08-01"),
      try post("朱坝街道", "张某", role: "办事处主任"),
    ]
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: [])
    #expect(report.people.map(\.name) == ["张某"])
  }

  // MARK: Rule 3: required days

  @Test(
    "Required days: min_days in full, or ceil(2 x min x A / D) / 2 when prorating",
    arguments: [
      // (min, A, D, prorate, required halves)
      (10, 16, 31, true, 11),  // in post from 16 July: 5.5 days
      (10, 31, 31, true, 20),  // whole month
      (10, 16, 31, false, 20),  // not prorated
      (10, 15, 31, true, 10),  // 9.68 halves rounds up to 5 days
      (10, 1, 31, true, 1),  // one day in post still owes half a day
      (5, 15, 30, true, 5),  // exactly half: 2.5 days, no rounding
      (10, 14, 28, true, 10),  // exactly half of February
      (0, 16, 31, true, 0),
      (0, 31, 31, false, 0),
    ])
  func required(minDays: Int, daysInPost: Int, daysInMonth: Int, prorate: Bool, halves: Int) {
    #expect(
      DayCounter.required(minDays: minDays, daysInPost: daysInPost, daysInMonth: daysInMonth, prorate: prorate)
        == DayCount(halves: halves))
  }

  @Test("Known answer: in post from 2022-07-16, min 10, July requires 5.5 days")
  func knownAnswer() throws {
    let result = try julyResult(trips: [], post: post("朱坝街道", "马某", role: "镇长", from: "2022-07-16"))
    #expect(result.daysInPost == 16)
    #expect(result.required == DayCount(halves: 11))
    #expect(result.required.description == "5.5")
  }

  @Test("Without prorating, a part-month head owes the full minimum")
  func noProrating() throws {
    let result = try julyResult(
      trips: [], post: post("朱坝街道", "马某", from: "2022-07-16"), rules: TestRules.set(prorate: false))
    #expect(result.required == DayCount(days: 10))
  }

  @Test("A head who left mid-month owes a prorated share: 15 of 31 days in a 5-day tier")
  func proratedLeaver() throws {
    let result = try julyResult(trips: [], post: post("住建局", "唐某", role: "局长", to: "2022-07-15"))
    // ceil(2 x 5 x 15 / 31) = ceil(4.84) = 5 halves
    #expect(result.required == DayCount(halves: 5))
  }

  // MARK: Rule 4: compliance

  @Test("Compliant when counted equals required, short by the difference otherwise")
  func compliance() throws {
    let head = try post("朱坝街道", "马某", from: "2022-07-16")
    // Given exactly 5.5 days out against 5.5 required
    let exact = try julyResult(
      trips: [
        trip("朱坝街道", "马某", "2022-07-18", "2022-07-20"), trip("朱坝街道", "马某", "2022-07-26", "2022-07-28", pm: true),
      ],
      post: head)
    #expect(exact.counted == DayCount(halves: 11))
    #expect(exact.compliant)
    #expect(exact.shortfall == .zero)
    // Given 5 days out against 5.5 required
    let short = try julyResult(
      trips: [trip("朱坝街道", "马某", "2022-07-18", "2022-07-20"), trip("朱坝街道", "马某", "2022-07-27", "2022-07-28")],
      post: head)
    #expect(!short.compliant)
    #expect(short.shortfall == DayCount(halves: 1))
  }

  @Test("More days than required is compliant with no shortfall")
  func overCompliance() throws {
    let result = try julyResult(
      trips: [trip("住建局", "唐某", "2022-07-01", "2022-07-10")], post: post("住建局", "唐某", role: "局长"))
    #expect(result.compliant)
    #expect(result.shortfall == .zero)
    #expect(result.required == DayCount(days: 5))
  }

  @Test("Unit statuses: short if any head is short, compliant if all comply, vacant with a warning if nobody")
  func unitStatuses() throws {
    // Given 朱坝街道 with one compliant and one short head, 黄集街道 all compliant, 共和镇 and 残联 with nobody
    // in post in July, and 住建局 compliant
    let posts = [
      try post("朱坝街道", "王某"),
      try post("朱坝街道", "刘某", role: "办事处主任"),
      try post("黄集街道", "陈某"),
      try post("共和镇", "郭某", role: "镇长", to: "2022-06-30"),
      try post("住建局", "唐某", role: "局长"),
    ]
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-01", "2022-07-10"),
      try trip("朱坝街道", "刘某", "2022-07-04"),
      try trip("黄集街道", "陈某", "2022-07-11", "2022-07-20"),
      try trip("住建局", "唐某", "2022-07-11", "2022-07-15"),
    ]
    // When July is checked
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: trips)
    // Then every unit of the rule file has a status, in the file's order
    let statuses = Dictionary(uniqueKeysWithValues: report.units.map { ($0.unit, $0.status) })
    #expect(report.units.map(\.unit) == ["朱坝街道", "黄集街道", "共和镇", "住建局", "残联"])
    #expect(statuses["朱坝街道"] == .short)
    #expect(statuses["黄集街道"] == .compliant)
    #expect(statuses["共和镇"] == .vacant)
    #expect(statuses["住建局"] == .compliant)
    #expect(statuses["残联"] == .vacant)
    #expect(report.shortUnits.map(\.unit) == ["朱坝街道"])
    // And each vacant unit is named in a warning
    #expect(report.warnings.count == 2)
    #expect(report.warnings.contains { $0.en.contains("unit \"共和镇\" had nobody in post in 2022-07") })
    #expect(report.warnings.contains { $0.zh.contains("单位「残联」2022年7月没有在任的考核对象") })
  }

  @Test("People out and person-days add up each unit's counted days")
  func unitTotals() throws {
    let posts = [
      try post("朱坝街道", "王某"), try post("朱坝街道", "刘某", role: "办事处主任"), try post("朱坝街道", "张某", role: "副书记"),
    ]
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true),
      try trip("朱坝街道", "刘某", "2022-07-04"),
    ]
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: trips)
    let unit = try #require(report.units.first { $0.unit == "朱坝街道" })
    #expect(unit.peopleOut == 2)
    #expect(unit.personDays == DayCount(halves: 7))
  }

  @Test("A roster unit the rule file does not list is named in a warning and not assessed")
  func unassessedRosterUnit() throws {
    let posts = [try post("朱坝街道", "王某"), try post("统计局", "曾某", role: "局长"), try post("统计局", "钱某", role: "副局长")]
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: [])
    #expect(!report.people.contains { $0.unit == "统计局" })
    #expect(!report.units.contains { $0.unit == "统计局" })
    let named = report.warnings.filter { $0.en.contains("\"统计局\"") }
    #expect(named.count == 1)
    #expect(named.first?.en.contains("is not in the rule file in force for 2022-07") == true)
    #expect(named.first?.en.contains("rules/test.toml") == true)
    #expect(named.first?.zh.contains("花名册中的单位「统计局」不在 2022年7月 适用的规则文件中") == true)
  }

  @Test("People are listed in the rule file's unit order")
  func peopleOrder() throws {
    let posts = [
      try post("住建局", "唐某", role: "局长"), try post("黄集街道", "陈某"), try post("朱坝街道", "王某"),
      try post("朱坝街道", "刘某", role: "办事处主任"),
    ]
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: [])
    #expect(report.people.map(\.name) == ["王某", "刘某", "陈某", "唐某"])
    #expect(report.people(of: "朱坝街道").map(\.name) == ["王某", "刘某"])
  }

  // MARK: Rule 5: explanation due

  @Test(
    "The explanation is due on explanation_due_day of the next month",
    arguments: [
      ("2022-07", 5, "2022-08-05"), ("2022-12", 5, "2023-01-05"), ("2022-01", 28, "2022-02-28"),
      ("2023-12", 1, "2024-01-01"),
    ])
  func explanationDue(month: String, day: Int, due: String) throws {
    let rules = try TestRules.set(dueDay: day)
    #expect(rules.explanationDue(for: try m(month)) == (try d(due)))
  }

  @Test("Only short units carry the due date")
  func dueOnlyWhenShort() throws {
    let posts = [try post("朱坝街道", "王某"), try post("黄集街道", "陈某")]
    let trips = [try trip("黄集街道", "陈某", "2022-07-01", "2022-07-10")]
    let report = MonthlyCheck.run(
      month: try m("2022-07"), rules: try TestRules.set(dueDay: 10), posts: posts, trips: trips)
    let due = Dictionary(uniqueKeysWithValues: report.units.map { ($0.unit, $0.explanationDue) })
    #expect(due["朱坝街道"] == (try d("2022-08-10")))
    #expect(due["黄集街道"] == .some(nil))
    #expect(due["共和镇"] == .some(nil))
    #expect(report.explanationDue == (try d("2022-08-10")))
  }
}

@Suite("Covering half days")
struct DayCounterTests {
  @Test("Overlapping and touching ranges are merged before counting")
  func merging() {
    #expect(DayCounter.coveredHalves([0...3, 2...5], within: 0...100) == 6)
    #expect(DayCounter.coveredHalves([0...3, 4...5], within: 0...100) == 6)
    #expect(DayCounter.coveredHalves([0...1, 4...5], within: 0...100) == 4)
    #expect(DayCounter.coveredHalves([10...20, 0...30, 12...14], within: 0...100) == 31)
    #expect(DayCounter.coveredHalves([5...5, 5...5, 5...5], within: 0...100) == 1)
  }

  @Test("Only halves inside the window count")
  func clipping() {
    #expect(DayCounter.coveredHalves([0...9], within: 4...20) == 6)
    #expect(DayCounter.coveredHalves([0...3, 30...40], within: 4...20) == 0)
    #expect(DayCounter.coveredHalves([], within: 4...20) == 0)
    #expect(DayCounter.coveredHalves([18...25, 0...5], within: 4...20) == 5)
  }

  @Test("Merged ranges, in order or not, are the halves covered, in order, apart and inside the window")
  func mergedAgainstTheHalvesCovered() {
    // Given 2,000 random lists of ranges, some in order, some not, some reaching outside the window
    var random = SeededGenerator(seed: 7)
    let window = 10...70
    for _ in 0..<2_000 {
      var ranges = (0..<Int.random(in: 0..<8, using: &random)).map { _ -> ClosedRange<Int> in
        let lower = Int.random(in: 0..<80, using: &random)
        return lower...(lower + Int.random(in: 0..<12, using: &random))
      }
      if Bool.random(using: &random) { ranges.sort { $0.lowerBound < $1.lowerBound } }

      // When they are merged within the window
      let merged = DayCounter.merged(ranges, within: window)

      // Then they cover exactly the window's halves some range covers, each once, in order and not touching
      let covered = Set(ranges.flatMap { Array($0) }).filter { window.contains($0) }
      #expect(Set(merged.flatMap { Array($0) }) == covered, "\(ranges)")
      #expect(merged.reduce(0) { $0 + $1.count } == covered.count, "\(ranges)")
      #expect(zip(merged, merged.dropFirst()).allSatisfy { $0.upperBound + 1 < $1.lowerBound }, "\(ranges)")
    }
  }
}
