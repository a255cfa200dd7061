import Foundation
import Testing

@testable import ZhaoshangKit

/// Complete and unfinished months: units report their month (报送), a short unit that has not reported is 未报送
/// until the due day, a month not over is shown so far, an empty or future month and an empty roster warn, and
/// a trip running into a month does not make it one of the ledger's.
@Suite("Month completeness: reports, 未报送, so far, empty and future months")
struct MonthCompletenessTests {
  let rules: RuleBook
  let july: Month

  init() throws {
    rules = try MonthCycle.rules()
    july = try MonthCycle.month("2022-07")
  }

  private func check(_ ledger: Ledger, _ month: Month, today: String) throws -> CheckReport {
    try ledger.standing(month: month, rules: rules, today: try d(today)).report()
  }

  private func text(_ report: CheckReport, _ format: ReportFormat = .table) throws -> String {
    try CheckRenderer(language: .en).render(report, as: format)
  }

  // MARK: 未报送 until the due day

  @Test("A short unit that has not reported is 未报送 until the due day, owes nothing until then, and is short after")
  func notReportedUntilTheDueDay() throws {
    // Given July's ledger, where some unit is short by the raw check, and nobody has reported
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let short = try #require(try ledger.check(month: july, rules: rules).shortUnits.first?.unit)
    // When it is read on 3 August, before the due day (the 5th)
    let early = try check(ledger, july, today: "2022-08-03")
    // Then the unit is not reported, not short, and owes no explanation yet
    #expect(early.units.first { $0.unit == short }?.status == .notReported)
    #expect(!early.shortUnits.contains { $0.unit == short })
    #expect(try text(early).contains("not reported"))
    let owedEarly = try ledger.owing(month: july, rules: rules, asOf: try d("2022-08-03")).owed
    #expect(!owedEarly.contains { $0.unit == short })
    #expect(
      try OwingRenderer(language: .en).render(early, as: .table).contains("not reported ("), "the owing list names it")
    #expect(
      !(try ledger.openExplanations(rules: rules, today: try d("2022-08-03"), asOf: try d("2022-08-03")))
        .contains { $0.unit == short && $0.month == july })
    // When the due day has passed, still without a report
    let late = try check(ledger, july, today: "2022-08-06")
    // Then it is short, and owes its explanation
    #expect(late.units.first { $0.unit == short }?.status == .short)
    #expect(try ledger.owing(month: july, rules: rules, asOf: try d("2022-08-06")).owed.contains { $0.unit == short })
    #expect(try text(late).contains("units that did not report by 2022-08-05"))
  }

  @Test("A unit's account cannot report another unit's month, by naming it or with a zero report")
  func aUnitReportsOnlyItsOwnMonth() throws {
    // Given 甲镇's clerk
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let clerk = Stamp(actor: ActingUser(login: "jiazhen", role: .unit, unit: "甲镇"), at: "2022-08-01T01:00:00Z")

    // When it reports 乙镇's July, as reported and as 未外出
    for none in [false, true] {
      let refused = MonthCycle.messages {
        try ledger.reportMonth(
          unit: "乙镇", month: july, nothingToReport: none, rules: rules, today: try d("2022-08-02"), stamp: clerk)
      }

      // Then it is refused, naming whose month it may report, and 乙镇 stays unreported
      #expect(refused?.zh.contains("只能报送本单位的月份") == true, "\(String(describing: refused))")
    }
    #expect(try ledger.completeness(month: july, rules: rules, today: try d("2022-08-02")).report(of: "乙镇") == nil)
  }

  @Test("A unit that reports before the due day is judged at once: short is short")
  func reportedBeforeTheDueDayIsShort() throws {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let short = try #require(try ledger.check(month: july, rules: rules).shortUnits.first?.unit)
    try ledger.reportMonth(
      unit: short, month: july, nothingToReport: false, rules: rules, today: try d("2022-08-02"),
      stamp: MonthCycle.stamp)
    let report = try check(ledger, july, today: "2022-08-03")
    #expect(report.units.first { $0.unit == short }?.status == .short)
    #expect(report.completeness?.report(of: short) != nil)
  }

  // MARK: 未外出

  @Test("A 未外出 report counts as reported, and the unit stays short of its quota, which the output says")
  func zeroReportIsReportedAndShort() throws {
    // Given 文旅局, whose head only had a video call in July (a kind that does not count)
    let ledger = try MonthCycle.julyLedger(rules: rules)
    // When it reports that it did not go out, before the due day
    let report = try ledger.reportMonth(
      unit: "文旅局", month: july, nothingToReport: true, rules: rules, today: try d("2022-08-02"),
      stamp: MonthCycle.stamp)
    #expect(report.nothingToReport)
    let marked = try check(ledger, july, today: "2022-08-03")
    // Then it is reported (not 未报送) and still short, and every output says why
    #expect(marked.units.first { $0.unit == "文旅局" }?.status == .short)
    #expect(marked.completeness?.unreported(in: marked).contains("文旅局") == false)
    let table = try text(marked)
    #expect(table.contains("short (reported: did not go out)"), "\(table)")
    #expect(
      table.contains("文旅局 reported that it did not go out (a zero report): reported, but the required days stand"))
    let zh = try CheckRenderer(language: .zh).render(marked, as: .table)
    #expect(zh.contains("未达标（报送未外出）"))
    #expect(try ledger.owing(month: july, rules: rules, asOf: try d("2022-08-03")).owed.contains { $0.unit == "文旅局" })
  }

  @Test("未外出 beside a counted trip of the month is refused, naming the trips")
  func zeroReportBesideTripsIsRefused() throws {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let message = MonthCycle.messages {
      try ledger.reportMonth(
        unit: "商务局", month: july, nothingToReport: true, rules: rules, today: try d("2022-08-02"),
        stamp: MonthCycle.stamp)
    }
    #expect(message?.en.contains("商务局 has 1 trip recorded in 2022-07") == true, "\(String(describing: message))")
    #expect(message?.zh.contains("不能报送未外出") == true)
    #expect(try ledger.monthReports(month: july).isEmpty)
  }

  // MARK: Writing a report

  @Test(
    "A report is audited, once per unit and month, refused before the month begins and in a closed month unless amended"
  )
  func reportIsAWriteLikeAnyOther() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // A close stores the rule file's SHA-256, which must look like one.
      let rules = try TestRules.book(sha256: String(repeating: "a", count: 64))
      let july = try m("2022-07")
      let today = try d("2022-08-02")
      // When 朱坝街道 reports July
      try fixture.ledger.reportMonth(
        unit: "朱坝街道", month: july, nothingToReport: false, rules: rules, today: today, stamp: fixture.stamp)
      // Then one month.report event vouches for it, and verify is clean
      let events = try fixture.ledger.history(unit: "朱坝街道").filter { $0.action == .monthReported }
      #expect(events.count == 1)
      #expect(events.first?.unit == "朱坝街道")
      #expect(try fixture.verify().isClean)
      // A second report of the same month is refused
      #expect(
        errorKind {
          try fixture.ledger.reportMonth(
            unit: "朱坝街道", month: july, nothingToReport: true, rules: rules, today: today, stamp: fixture.stamp)
        } == "conflict")
      // Another unit's account cannot report for 朱坝街道; a viewer cannot report at all
      let other = Stamp(actor: ActingUser(login: "zhujian", role: .unit, unit: "住建局"), at: fixture.stamp.at)
      #expect(
        errorKind {
          try fixture.ledger.reportMonth(
            unit: "黄集街道", month: july, nothingToReport: false, rules: rules, today: today, stamp: other)
        } == "forbidden")
      // A month not begun is refused; a unit the rules do not name is refused
      #expect(
        errorKind {
          try fixture.ledger.reportMonth(
            unit: "住建局", month: try m("2022-09"), nothingToReport: false, rules: rules, today: today,
            stamp: fixture.stamp)
        } == "refused")
      #expect(
        errorKind {
          try fixture.ledger.reportMonth(
            unit: "不存在局", month: july, nothingToReport: false, rules: rules, today: today, stamp: fixture.stamp)
        } == "invalid")
      // A closed month takes a report only as an amendment
      try fixture.ledger.close(month: july, rules: rules, today: today, force: false, stamp: fixture.stamp)
      #expect(
        errorKind {
          try fixture.ledger.reportMonth(
            unit: "住建局", month: july, nothingToReport: false, rules: rules, today: today, stamp: fixture.stamp)
        } == "conflict")
      try fixture.ledger.reportMonth(
        unit: "住建局", month: july, nothingToReport: false, rules: rules, today: today, stamp: fixture.stamp,
        amendment: Amendment(reason: "补报", command: "reported --unit 住建局 --month 2022-07"))
      #expect(try fixture.ledger.amendments(month: july).count == 1)
      #expect(try fixture.verify().isClean)
      // And a report changed behind the tool's back is named by verify
      try fixture.tamper("UPDATE month_report SET nothing_to_report = 1 WHERE unit = '朱坝街道'")
      let found = try fixture.verify().disagreements.map { $0.text(.en) }
      #expect(found.contains { $0.hasPrefix("month report 1 differs from what event") }, "\(found)")
    }
  }

  // MARK: So far, empty and future months

  @Test("A month not over is shown so far, with the days left, in the table, the JSON and the bulletin")
  func soFarWithDaysLeft() throws {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let report = try check(ledger, july, today: "2022-07-20")
    #expect(report.completeness?.phase == .underway(daysLeft: 11))
    let table = try text(report)
    #expect(table.contains("so far, as of 2022-07-20 (11 days left)"), "\(table)")
    #expect(table.contains("!! WARNING: 2022-07 is not over"))
    #expect(try CheckRenderer(language: .zh).render(report, as: .table).contains("截至2022年7月20日（本月还剩 11 天）"))
    let json = try text(report, .json)
    #expect(json.contains(#""month_state" : "so_far""#) && json.contains(#""days_left" : 11"#), "\(json)")
    // Nobody is short so far: every unit below its quota has still to report
    #expect(report.shortUnits.isEmpty)
    let bulletin = try ledger.bulletinStanding(month: july, rules: rules, today: try d("2022-07-20")).bulletin()
    let printed = try BulletinRenderer(language: .en).render(bulletin, as: .text)
    #expect(printed.contains("(so far, as of 2022-07-20 (11 days left))"), "\(printed)")
    #expect(!printed.contains("Every assessed unit met"))
  }

  @Test("A month with no trips at all warns loudly: a line in text, a banner in HTML, a field in JSON")
  func emptyMonthWarns() throws {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let september = try m("2022-09")
    let report = try check(ledger, september, today: "2022-10-20")
    #expect(try text(report).contains("!! WARNING: 2022-09 has no trips at all"))
    #expect(try text(report, .html).contains(#"<div class="banner" role="alert">"#))
    #expect(try text(report, .json).contains(#""has_trips" : false"#))
    let bulletin = try ledger.bulletinStanding(month: september, rules: rules, today: try d("2022-10-20")).bulletin()
    #expect(
      try BulletinRenderer(language: .en).render(bulletin, as: .text).contains(
        "!! WARNING: 2022-09 has no trips at all"))
    #expect(try BulletinRenderer(language: .zh).render(bulletin, as: .html).contains("没有任何外出记录"))
  }

  @Test("A month not begun warns loudly in the check, the bulletin and owing")
  func futureMonthWarns() throws {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let september = try m("2022-09")
    let report = try check(ledger, september, today: "2022-07-20")
    #expect(report.completeness?.phase == .future)
    #expect(try text(report).contains("!! WARNING: 2022-09 has not begun"))
    #expect(try text(report, .json).contains(#""month_state" : "future""#))
    let bulletin = try ledger.bulletinStanding(month: september, rules: rules, today: try d("2022-07-20")).bulletin()
    let printed = try BulletinRenderer(language: .en).render(bulletin, as: .text)
    #expect(printed.hasPrefix("!! WARNING: 2022-09 has not begun"), "\(printed)")
    #expect(try BulletinRenderer(language: .en).render(bulletin, as: .html).contains(#"class="banner""#))
    let owing = try ledger.owing(month: september, rules: rules, asOf: try d("2022-07-20"))
    #expect(
      try OwingRenderer(language: .en).render(try owing.standing.report(), as: .table).contains("2022-09 has not begun")
    )
  }

  @Test("An empty roster never reads as every unit meeting its quota")
  func emptyRoster() throws {
    let ledger = try Ledger.inMemory()
    let report = try check(ledger, july, today: "2022-08-10")
    let table = try text(report)
    #expect(table.contains("no unit was assessed (the roster is empty)"), "\(table)")
    let bulletin = try ledger.bulletinStanding(month: july, rules: rules, today: try d("2022-08-10")).bulletin()
    let printed = try BulletinRenderer(language: .en).render(bulletin, as: .text)
    #expect(!printed.contains("Every assessed unit met"), "\(printed)")
    #expect(printed.contains("the roster is empty"))
    let owing = OwingRenderer(language: .en)
    #expect(!(try owing.render(report, as: .table)).contains("met its days out"))
    #expect(!(try owing.render(report, as: .notice)).contains("met its days out"))
    #expect(try owing.render(report, as: .notice).contains("zhaoshang import roster"))
    #expect(try text(report, .json).contains(#""roster_empty" : true"#))
  }

  @Test("One vacant unit's check (check --unit) does not call the roster empty")
  func vacantUnitAloneIsNotAnEmptyRoster() throws {
    // Given July's ledger, where 统计局 has nobody on the roster, read for 统计局 alone
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let alone = try check(ledger, july, today: "2022-08-10").scoped(to: "统计局")
    // Then nothing says the roster is empty
    #expect(!(try text(alone)).contains("roster is empty"))
    #expect(try text(alone, .json).contains(#""roster_empty" : false"#))
  }

  // MARK: Months of the ledger

  @Test("A trip running into August does not make August a month of the ledger; a trip starting in it does")
  func spillOverTripDoesNotMakeAMonth() throws {
    // Given July's ledger with one trip that starts on 30 July and ends on 2 August
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.recordTrips(
      [Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-30", "2022-08-02", "北京"))], rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp)
    let august = try m("2022-08")
    let today = try d("2022-12-01")
    // Then neither owing --open nor the summary know August
    let open = try ledger.openExplanations(rules: rules, today: today, asOf: today)
    #expect(!open.contains { $0.month == august }, "\(open.map { "\($0.month) \($0.unit)" })")
    #expect(open.contains { $0.month == july })
    let summary = try ledger.summary(year: 2022, rules: rules, today: today)
    #expect(summary.months == [july], "\(summary.months)")
    // When a trip starts in August, August is one of the ledger's
    try ledger.recordTrips(
      [Located(try MonthCycle.trip("乙镇", "孙某", "2022-08-10", "2022-08-11", "南京"))], rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp)
    #expect(try ledger.summary(year: 2022, rules: rules, today: today).months == [july, august])
    // And a month under way is not, though a trip starts in it
    #expect(try ledger.summary(year: 2022, rules: rules, today: try d("2022-08-20")).months == [july])
  }

  @Test("A month a unit reported is one of the ledger's once it has ended, though no trip starts in it")
  func reportedMonthIsAMonth() throws {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let september = try m("2022-09")
    try ledger.reportMonth(
      unit: "统计局", month: september, nothingToReport: true, rules: rules, today: try d("2022-09-30"),
      stamp: MonthCycle.stamp)
    let months = try ledger.summary(year: 2022, rules: rules, today: try d("2022-12-01")).months
    #expect(months == [july, september], "\(months)")
  }
}
