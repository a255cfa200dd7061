import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("The year summary and runs of short months")
struct SummaryTests {
  let rules: RuleBook
  let everyoneButGongxin: [(String, String)]

  init() throws {
    rules = try MonthCycle.rules()
    everyoneButGongxin = MonthCycle.roster.filter { $0.0 != "工信局" }.map { ($0.0, $0.1) }
  }

  /// A ledger where 工信局 goes out `days[month]` days and every other head 10 days, month by month.
  func ledger(gongxinDays: [(String, Int)]) throws -> Ledger {
    let ledger = try Ledger.inMemory()
    try MonthCycle.addRoster(to: ledger, rules: rules, from: "2021-01-01")
    for (text, days) in gongxinDays {
      let month = try MonthCycle.month(text)
      try MonthCycle.record(ledger, rules: rules, month: month, days: 10, heads: everyoneButGongxin)
      try MonthCycle.record(ledger, rules: rules, month: month, days: days, heads: [("工信局", "王某")])
    }
    return ledger
  }

  /// Given 工信局 short March to May, fine in June, short July and August, when 2022 is summarised, then the
  /// longest run is 3 and May is marked for escalation.
  @Test func findsTheLongestRunAndEscalation() throws {
    // Given
    let ledger = try ledger(gongxinDays: [
      ("2022-03", 1), ("2022-04", 1), ("2022-05", 1), ("2022-06", 10), ("2022-07", 1), ("2022-08", 1),
    ])

    // When
    let summary = try ledger.summary(year: 2022, rules: rules, today: try MonthCycle.date("2022-09-15"))

    // Then: the ledger began in March; September is not over
    #expect(summary.months.map(\.iso) == ["2022-03", "2022-04", "2022-05", "2022-06", "2022-07", "2022-08"])
    let gongxin = try #require(summary.units.first { $0.unit == "工信局" })
    #expect(gongxin.monthsAssessed == 6)
    #expect(gongxin.monthsShort == 5)
    #expect(gongxin.longestShortRun == 3)
    #expect(gongxin.personDays == DayCount(days: 15))
    #expect(gongxin.escalatedIn == [try MonthCycle.month("2022-05")])
    let head = try #require(summary.heads.first { $0.name == "王某" })
    #expect(head.monthsShort == 5)
    #expect(head.longestShortRun == 3)
    #expect(head.countedDays == DayCount(days: 15))
    #expect(summary.units.filter { $0.unit != "工信局" }.allSatisfy { $0.monthsShort == 0 && !$0.escalated })
    #expect(!summary.units.contains { $0.unit == "统计局" })
    #expect(summary.units.map(\.unit) == ["甲镇", "乙镇", "丙街道", "商务局", "工信局", "文旅局"])
  }

  /// Given a run from November into January, when the new year is summarised, then January escalates but the
  /// year's longest run counts January only.
  @Test func aRunCarriedFromLastYearEscalatesInJanuary() throws {
    // Given
    let ledger = try ledger(gongxinDays: [("2022-11", 1), ("2022-12", 2), ("2023-01", 1)])

    // When
    let summary = try ledger.summary(year: 2023, rules: rules, today: try MonthCycle.date("2023-02-10"))

    // Then
    let gongxin = try #require(summary.units.first { $0.unit == "工信局" })
    #expect(gongxin.escalatedIn == [try MonthCycle.month("2023-01")])
    #expect(gongxin.longestShortRun == 1)
    #expect(gongxin.monthsShort == 1)
  }

  /// Given a month missing between two short ones, when runs are counted, then the gap ends the run.
  @Test func aGapEndsARun() throws {
    // Given
    let ledger = try ledger(gongxinDays: [("2022-03", 1), ("2022-04", 1), ("2022-06", 1)])
    let reports = try ["2022-03", "2022-04", "2022-06"].map { text in
      try ledger.check(month: try MonthCycle.month(text), rules: rules)
    }

    // When
    let runs = ShortRuns.ending(reports)
    let upToApril = ShortRuns.ending(Array(reports.prefix(2)))

    // Then: May had no trips for anyone, so it is short for all; but given only these reports, June starts afresh
    #expect(runs == ["工信局": 1])
    #expect(upToApril == ["工信局": 2])
  }

  /// Given a closed month later amended, when summarised, then the frozen result counts unless --current.
  @Test func closedMonthsCountAsFrozen() throws {
    // Given
    let ledger = try ledger(gongxinDays: [("2022-03", 1), ("2022-04", 1)])
    let april = try MonthCycle.month("2022-04")
    try ledger.close(month: april, rules: rules, today: try MonthCycle.date("2022-05-02"), stamp: MonthCycle.stamp)
    try MonthCycle.record(
      ledger, rules: rules, month: april, days: 6, heads: [("工信局", "王某")],
      amendment: Amendment(reason: "补登", command: "log"))

    // When
    let frozen = try ledger.summary(year: 2022, rules: rules, today: try MonthCycle.date("2022-05-10"))
    let current = try ledger.summary(year: 2022, rules: rules, today: try MonthCycle.date("2022-05-10"), current: true)

    // Then
    #expect(frozen.units.first { $0.unit == "工信局" }?.monthsShort == 2)
    #expect(current.units.first { $0.unit == "工信局" }?.monthsShort == 1)
    #expect(current.units.first { $0.unit == "工信局" }?.personDays == DayCount(days: 7))
  }

  /// Given a summary, when rendered as a table and CSV, then the unit and head rows carry every figure.
  @Test func rendersUnitsThenHeads() throws {
    // Given
    let ledger = try ledger(gongxinDays: [("2022-03", 1), ("2022-04", 1), ("2022-05", 1)])
    let summary = try ledger.summary(year: 2022, rules: rules, today: try MonthCycle.date("2022-06-01"))

    // When
    let table = try SummaryRenderer(language: .zh).render(summary, as: .table)
    let csv = try SummaryRenderer(language: .en).render(summary, as: .csv)

    // Then
    #expect(table.hasPrefix("2022年外出招商年度汇总（3—5月）\n"))
    #expect(table.contains("约谈（2022-05）"))
    #expect(csv.contains("2022,unit,工信局,dept,,,3,3,3,3,2022-05\r\n"))
    #expect(csv.contains("2022,head,工信局,,王某,局长,3,3,3,3,\r\n"))
    #expect(csv.contains("2022,unit,甲镇,town,,,3,0,60,0,\r\n"))
  }

  /// Given a year the ledger knows nothing of, when summarised, then the table says there is nothing to summarise.
  @Test func anEmptyYearSaysSo() throws {
    // Given
    let ledger = try ledger(gongxinDays: [("2022-03", 1)])

    // When
    let summary = try ledger.summary(year: 2021, rules: rules, today: try MonthCycle.date("2022-06-01"))

    // Then
    #expect(summary.months.isEmpty)
    #expect(
      try SummaryRenderer(language: .en).render(summary, as: .table)
        == "nothing to summarise for 2021: the ledger holds no month of it that is over (or closed) and has a rule file in force.\n"
    )
  }
}
