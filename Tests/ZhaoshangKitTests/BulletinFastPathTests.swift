import Foundation
import Testing

@testable import ZhaoshangKit

/// The ledger builds a bulletin from the kept month tallies of the year's months (`MonthTallyQuery`),
/// and from the frozen results of closed months. These tests hold it to the definition it replaced: every month
/// checked from the full trips (`MonthlyCheck.run` over `Trip` values), its 人次 and destinations counted from
/// those trips, the year to date summed from the months' figures in force, and the runs of short months counted
/// by `ShortRuns` over the months' results in force.
@Suite("The bulletin's fast path")
struct BulletinFastPathTests {
  /// The bulletin of `month` by the definition, from the ledger's trips, leave, roster and closes.
  static func definition(_ month: Month, ledger: Ledger, rules: RuleBook) throws -> Bulletin {
    let posts = try ledger.posts()
    let trips = try ledger.trips()
    let leaves = try ledger.leaves()
    let closes = Dictionary(
      try ledger.closes().filter { $0.reopening == nil }.map { ($0.month, $0) }, uniquingKeysWith: { $1 })
    let ends = trips.map { Month(containing: $0.end) } + Array(closes.keys)
    let first = try #require(ends.min())
    let last = try #require(ends.max())
    func today(_ month: Month) throws -> CheckReport {
      MonthlyCheck.run(
        month: month, rules: try rules.ruleSet(for: month), posts: posts, trips: trips, leaves: leaves)
    }
    func known(_ month: Month) -> Bool {
      first <= month && month <= last && ((try? rules.ruleSet(for: month)) != nil || closes[month] != nil)
    }
    func inForce(_ month: Month) throws -> CheckReport? {
      if let closed = closes[month] { return closed.report }
      return known(month) ? try today(month) : nil
    }
    var earlier: [(Month, MonthFigures)] = []
    var cursor = try #require(Month(year: month.year, month: 1))
    while cursor < month {
      if let closed = closes[cursor] {
        earlier.append((cursor, closed.bulletin.figures))
      } else if known(cursor) {
        let report = try today(cursor)
        earlier.append((cursor, MonthFigures.of(report, trips: trips)))
      }
      cursor = cursor.next
    }
    // Every month in force up to the one before, oldest first; a month nothing is known of ends every run.
    var reports: [CheckReport] = []
    cursor = first
    while cursor < month {
      if let report = try inForce(cursor) { reports.append(report) } else { reports = [] }
      cursor = cursor.next
    }
    let runs = reports.last?.month == month.previous ? ShortRuns.ending(reports) : [:]
    return Bulletin.build(
      report: try today(month), trips: trips, earlierThisYear: YearToDate.summing(earlier), previousShortRuns: runs)
  }

  static let zhuba = ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道")
  static let office = ActingUser.office("督考员")

  /// The generated ledger of overlapping trips (June to August 2022), with leave, trips in every review status,
  /// and June closed, then amended, so that its frozen figures differ from today's.
  static func generatedLedger() throws -> (Ledger, RuleBook) {
    let generated = try ImportEquivalenceTests.Case()
    let path = try generated.write()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ledger = try generated.ledger()
    let stamp = ImportEquivalenceTests.Case.stamp
    let today = ImportEquivalenceTests.Case.today
    _ = try ledger.importTrips(rules: generated.rules, today: today, stamp: stamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
    try ledger.addLeave(
      [
        Located(Leave(unit: "商务局", name: "王某", from: try d("2022-07-04"), to: try d("2022-07-15"), reason: "病假")),
        Located(Leave(unit: "残联", name: "李某", from: try d("2022-06-27"), to: try d("2022-07-03"), reason: "年假")),
      ], rules: generated.rules, stamp: stamp)
    func submit(_ start: String, _ end: String, _ destination: String) throws -> Int64 {
      let outcome = try ledger.recordTrips(
        [Located(try trip("朱坝街道", "王某", start, end, destination: destination))], rules: generated.rules, today: today,
        stamp: stamp.by(zhuba))
      return try #require(outcome.added.first?.id)
    }
    // Waiting, returned, withdrawn and approved: only the last counts, and only it may name a destination.
    _ = try submit("2022-07-20", "2022-07-29", "待审城市")
    let returned = try submit("2022-08-01", "2022-08-12", "退回城市")
    _ = try ledger.returnTrip(id: returned, reason: "缺少附件", stamp: stamp.by(office))
    let withdrawn = try submit("2022-07-30", "2022-08-02", "撤回城市")
    _ = try ledger.withdrawTrip(id: withdrawn, stamp: stamp.by(zhuba))
    let approved = try submit("2022-07-31", "2022-08-03", "批准城市")
    _ = try ledger.approveTrips(ids: [approved], stamp: stamp.by(office))

    let june = try m("2022-06")
    _ = try ledger.close(month: june, rules: generated.rules, today: today, stamp: stamp)
    let juneTrip = try #require(
      try ledger.trips(in: june).first { $0.isCounted && Month(containing: $0.end) == june && $0.kind == "visit" })
    try ledger.voidTrip(
      id: try #require(juneTrip.id), reason: "核查", stamp: stamp,
      amendment: Amendment(reason: "核查更正", command: "void"))
    return (ledger, generated.rules)
  }

  /// Given the generated ledger, when each month's bulletin is built, then it is the definition's, today's and
  /// the frozen one's alike, and the closed June's frozen figures (not today's) enter the year to date.
  @Test func generatedLedgerGivesTheDefinitionsBulletin() throws {
    // Given
    let (ledger, rules) = try Self.generatedLedger()
    let june = try #require(try ledger.closes().first)

    // When / Then
    for month in try [m("2022-06"), m("2022-07"), m("2022-08"), m("2022-09")] {
      let fast = try ledger.bulletinStanding(month: month, rules: rules).bulletin(current: true)
      #expect(fast == (try Self.definition(month, ledger: ledger, rules: rules)), "\(month.iso)")
    }
    let august = try ledger.bulletinStanding(month: m("2022-08"), rules: rules).bulletin()
    let julyFigures = try ledger.bulletinStanding(month: m("2022-07"), rules: rules).bulletin().figures
    #expect(august.yearToDate.trips == june.bulletin.figures.trips + julyFigures.trips + august.figures.trips)
    // The amendment changed June since it was frozen, so the frozen figures are what the sum above checks.
    let juneToday = try ledger.bulletinStanding(month: m("2022-06"), rules: rules).bulletin(current: true)
    #expect(juneToday.figures.trips == june.bulletin.figures.trips - 1)
    // Only the approved trip among those a unit sent names its destination.
    let destinations = try ledger.bulletinStanding(month: m("2022-08"), rules: rules).bulletin().rows
      .flatMap(\.destinations)
    #expect(destinations.contains("批准城市"))
    #expect(!destinations.contains { ["待审城市", "退回城市", "撤回城市"].contains($0) })
    #expect(august.shortUnits.contains { $0.shortRun > 1 })
  }

  @Test("A unit's destinations come in the order its trips left: by day, a morning before an afternoon, then entry")
  func destinationsInTheOrderTripsLeft() throws {
    // Given 朱坝街道's trips of August 2022 entered out of order: a long trip that left in July, two trips leaving
    // the afternoon of 10 August (苏州 entered before 无锡), one leaving that morning, and one place written two
    // ways that are the same text (an é composed, then decomposed)
    let generated = try ImportEquivalenceTests.Case()
    let ledger = try generated.ledger()
    let entries: [(String, String?, Bool, String)] = [
      ("2022-08-21", nil, false, "Caf\u{E9}"), ("2022-08-20", nil, false, "Cafe\u{301}"),
      ("2022-08-10", nil, true, "苏州"), ("2022-08-10", nil, true, "无锡"), ("2022-08-10", nil, false, "南京"),
      ("2022-07-10", "2022-08-05", false, "杭州"),
    ]
    for (start, end, afternoon, destination) in entries {
      try ledger.recordTrips(
        [Located(try trip("朱坝街道", "王某", start, end, pm: afternoon, destination: destination))],
        rules: generated.rules, today: ImportEquivalenceTests.Case.today, stamp: ImportEquivalenceTests.Case.stamp)
    }

    // When August's bulletin is built
    let august = try m("2022-08")
    let bulletin = try ledger.bulletinStanding(month: august, rules: generated.rules).bulletin(current: true)

    // Then the unit's destinations are in that order, the place written two ways once, as first met
    let row = try #require(bulletin.rows.first { $0.unit == "朱坝街道" })
    #expect(row.destinations == ["杭州", "南京", "苏州", "无锡", "Cafe\u{301}"])
    #expect(bulletin == (try Self.definition(august, ledger: ledger, rules: generated.rules)))
  }

  /// Given the generated ledger, when July is closed, then the frozen bulletin is the definition's.
  @Test func closingFreezesTheDefinitionsBulletin() throws {
    let (ledger, rules) = try Self.generatedLedger()
    let july = try m("2022-07")
    let expected = try Self.definition(july, ledger: ledger, rules: rules)

    let closed = try ledger.close(
      month: july, rules: rules, today: ImportEquivalenceTests.Case.today, force: true,
      stamp: ImportEquivalenceTests.Case.stamp)

    #expect(closed.bulletin == expected)
  }

  /// Given the demo ledger, when July and August 2022 are published, then the bulletins are the definition's.
  @Test func demoLedgerGivesTheDefinitionsBulletin() throws {
    let (ledger, rules) = try Demo.load()
    for month in try [m("2022-07"), m("2022-08")] {
      let fast = try ledger.bulletinStanding(month: month, rules: rules).bulletin()
      #expect(fast == (try Self.definition(month, ledger: ledger, rules: rules)), "\(month.iso)")
    }
  }
}

/// A half year of the month cycle's units built to reach every branch of the bulletin's fast path: closed months
/// (one of them with no trip at all, one amended since it was frozen), a head with two posts, leave, runs of
/// short months that cross closed and open months, and a unit whose first head arrives in April.
@Suite("The bulletin's fast path over a half year")
struct BulletinHalfYearTests {
  static func ledger() throws -> (Ledger, RuleBook) {
    let rules = try MonthCycle.rules()
    let ledger = try Ledger.inMemory()
    let stamp = MonthCycle.stamp
    let today = MonthCycle.today
    try MonthCycle.addRoster(to: ledger, rules: rules)
    // 工信局's head changes post on 15 February, so February is two posts of one head; 统计局 is vacant until April.
    try ledger.addPosts(
      [
        Located(try post("统计局", "陈某", role: "局长", from: "2022-04-11")),
        Located(try post("商务局", "褚某", role: "副局长", from: "2022-01-01", to: "2022-02-14")),
        Located(try post("商务局", "褚某", role: "局长助理", from: "2022-02-15")),
      ], rules: rules, stamp: stamp)
    try ledger.addLeave(
      [Located(Leave(unit: "甲镇", name: "钱某", from: try d("2022-05-09"), to: try d("2022-05-20"), reason: "病假"))],
      rules: rules, stamp: stamp)
    let everyone = MonthCycle.roster.map { ($0.0, $0.1) } + [("统计局", "陈某"), ("商务局", "褚某")]
    // 乙镇 is short every month but June; the others go out enough.
    let goers = everyone.filter { $0.0 != "乙镇" }
    for month in ["2022-01", "2022-02", "2022-04", "2022-05", "2022-06"] {
      // 统计局's head, in post from 11 April, goes out from May.
      let going = month < "2022-05" ? goers.filter { $0.0 != "统计局" } : goers
      try MonthCycle.record(ledger, rules: rules, month: try m(month), days: 12, heads: going)
      try MonthCycle.record(
        ledger, rules: rules, month: try m(month), days: month == "2022-06" ? 12 : 2,
        heads: month == "2022-06" ? [("乙镇", "孙某"), ("乙镇", "李某")] : [("乙镇", "孙某")])
    }
    // A trip across the end of June, counted in July's 人次, and a July trip for 丙街道 only.
    try ledger.recordTrips(
      [
        Located(try MonthCycle.trip("丙街道", "周某", "2022-06-28", "2022-07-04", "宁波")),
        Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-04", "2022-07-18 AM", "上海")),
        // One destination written two ways (é as one code point, then as e and an accent): one destination.
        Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-20", "2022-07-21", "Montr\u{E9}al")),
        Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-22", "2022-07-23", "Montre\u{301}al")),
      ], rules: rules, today: today, stamp: stamp)
    // February is closed, then amended (乙镇's 孙某 went out after all); March, with no trip, is closed as it is.
    _ = try ledger.close(month: try m("2022-02"), rules: rules, today: today, stamp: stamp)
    _ = try ledger.close(month: try m("2022-03"), rules: rules, today: today, force: true, stamp: stamp)
    try ledger.recordTrips(
      [Located(try MonthCycle.trip("乙镇", "孙某", "2022-02-14", "2022-02-25", "南京"))], rules: rules, today: today,
      stamp: stamp, amendment: Amendment(reason: "补录", command: "add"))
    return (ledger, rules)
  }

  /// Given the half year, when each month's bulletin is built today and as frozen, then it is the definition's.
  @Test func everyMonthIsTheDefinitions() throws {
    // Given
    let (ledger, rules) = try Self.ledger()

    // When / Then
    for month in try ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07"].map({ try m($0) }) {
      let standing = try ledger.bulletinStanding(month: month, rules: rules)
      let expected = try BulletinFastPathTests.definition(month, ledger: ledger, rules: rules)
      #expect(try standing.bulletin(current: true) == expected, "\(month.iso)")
    }
    let june = try ledger.bulletinStanding(month: m("2022-06"), rules: rules).bulletin(current: true)
    // 乙镇 was short from January to May, through the closed February and March: a run of five, escalated.
    let may = try ledger.bulletinStanding(month: m("2022-05"), rules: rules).bulletin(current: true)
    #expect(may.shortUnits.first { $0.unit == "乙镇" }?.shortRun == 5)
    #expect(may.shortUnits.first { $0.unit == "乙镇" }?.escalate == true)
    #expect(!june.shortUnits.contains { $0.unit == "乙镇" })
    #expect(june.yearToDate.from == (try m("2022-01")))
  }
}
