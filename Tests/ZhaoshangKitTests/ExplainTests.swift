import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("rules show: the rules in plain words")
struct RuleExplainTests {
  func defaultRules() throws -> RuleSet {
    try #require(try RuleFileParser.loadBook(at: WorkingFixture.defaultRulePath).ruleSets.first)
  }

  @Test("In Chinese, every tier, minimum, unit, kind and the deadline are named")
  func defaultZh() throws {
    // Given the shipped default rules
    let rules = try defaultRules()
    // When they are explained for July 2022
    let text = RuleExplainer(language: .zh).explain(rules, month: try m("2022-07"))
    let lines = text.split(separator: "\n").map(String.init)
    // Then the file, its title and when it applies come first
    #expect(lines.first == "规则文件：\(WorkingFixture.defaultRulePath)（sha256 \(rules.source.sha256.prefix(12))）")
    #expect(lines.contains("名称：洪泽区“招商引资突破年”活动实施方案"))
    #expect(lines.contains("生效：自 2022-01-01 起，适用于2022年7月"))
    // And how days are counted, prorated, and what leave does
    #expect(lines.contains("计算方式：按自然日计算，每天分上午、下午两个半天计算。"))
    #expect(lines.contains { $0.hasPrefix("折算：当月只有部分时间在任的，应外出天数按在任天数占当月天数的比例折算") })
    #expect(lines.contains("请假：请假、学习的天数不计为外出天数，并从在任天数中扣除后再折算。"))
    // And every kind, saying whether it counts
    #expect(lines.contains("外出类型：外出招商（visit）计入；视频洽谈（video）不计入；线上签约（online）不计入。"))
    // And the deadline for explanations
    #expect(lines.contains("情况说明：未达标单位须于次月5日前向区委区政府作出情况说明。"))
    // And every tier with its minimum and all its units
    #expect(lines.contains("考核档次："))
    for tier in rules.tiers {
      #expect(
        lines.contains(
          "  \(tier.title)（\(tier.id)）：每月外出招商不少于\(tier.minDays)天。单位：\(tier.units.joined(separator: "、"))。"),
        "\(tier.id)")
    }
    #expect(rules.tiers.map(\.minDays) == [10, 10, 5])
    for unit in rules.units { #expect(text.contains(unit), "\(unit)") }
    #expect(text.hasSuffix("\n"))
  }

  @Test("In English, every tier, minimum, unit, kind and the deadline are named")
  func defaultEn() throws {
    let rules = try defaultRules()
    let text = RuleExplainer(language: .en).explain(rules, month: try m("2022-07"))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "Rule file: \(WorkingFixture.defaultRulePath) (sha256 \(rules.source.sha256.prefix(12)))")
    #expect(lines.contains("Title: 洪泽区“招商引资突破年”活动实施方案"))
    #expect(lines.contains("In force from 2022-01-01, in force for 2022-07"))
    #expect(lines.contains("Counting: every calendar day; each day counts as two halves, morning and afternoon."))
    #expect(
      lines.contains { $0.hasPrefix("Prorating: a head in post for part of a month owes a share of the minimum") })
    #expect(
      lines.contains("Leave: days on leave never count as days out, and come out of the days in post before prorating.")
    )
    #expect(
      lines.contains(
        "Trip kinds: visit (visit) counts; video negotiation (video) does not count; online signing (online) does not count."
      ))
    #expect(
      lines.contains(
        "Explanations: units short of their quota explain themselves by day 5 of the following month."))
    #expect(lines.contains("Tiers:"))
    for tier in rules.tiers {
      #expect(
        lines.contains(
          "  \(tier.title) (\(tier.id)): at least \(tier.minDays) days out each month. Units: \(tier.units.joined(separator: ", "))."
        ), "\(tier.id)")
    }
  }

  @Test("Working mode names the calendar, its years and the local days off, in both languages")
  func workingMode() throws {
    // Given the working-mode fixture: calendar cn with 2019 and 2022, one local day off
    let rules = try WorkingFixture.ruleSet()
    let en = RuleExplainer(language: .en).explain(rules, month: nil)
    let zh = RuleExplainer(language: .zh).explain(rules, month: nil)
    // Then the counting line says working days, the calendar and that prorating uses working days
    #expect(en.contains("Counting: working days only (calendar cn, years 2019"))
    #expect(en.contains("with public holidays and weekend working days, plus 1 local days off"))
    #expect(en.contains("prorating uses the month's working days too"))
    #expect(zh.contains("计算方式：只计工作日（按工作日历 cn，已有 2019"))
    #expect(zh.contains("另有本地放假 1 天"))
    #expect(zh.contains("应外出天数也按当月工作日折算"))
    // And the kinds of the file, a new one under its id in English
    #expect(
      en.contains("Trip kinds: visit (visit) counts; video negotiation (video) does not count; forum (forum) counts."))
    #expect(zh.contains("外出类型：外出招商（visit）计入；视频洽谈（video）不计入；招商推介会（forum）计入。"))
    // And no month is named when none was asked for
    #expect(en.contains("In force from 2019-01-01\n"))
    #expect(zh.contains("生效：自 2019-01-01 起\n"))
    // And the shipped calendar's years read as one span
    let shipped = try WorkingFixture.rules(.working)
    #expect(RuleExplainer(language: .en).explain(shipped, month: nil).contains("years 2019–2026"))
  }

  @Test("The years of a calendar with a gap are not shown as one unbroken span")
  func calendarYearsWithGap() throws {
    // Given the fixture's calendar: 2019 and 2022 only, so 2020 and 2021 months are refused
    let rules = try WorkingFixture.ruleSet()
    #expect(throws: ZhaoshangError.self) { try rules.requireCalendar(for: try m("2020-05")) }
    let en = RuleExplainer(language: .en).explain(rules, month: nil)
    // Then the explanation must not claim the years between
    #expect(!en.contains("2019–2022"))
  }

  @Test("No prorating and leave that does not lower the days required are said plainly")
  func noProrating() throws {
    let rules = try WorkingFixture.rules(.natural, prorate: false, prorateLeave: false)
    let en = RuleExplainer(language: .en).explain(rules, month: nil)
    let zh = RuleExplainer(language: .zh).explain(rules, month: nil)
    #expect(en.contains("Prorating: none; a head in post at all owes the full minimum."))
    #expect(en.contains("Leave: days on leave never count as days out, but do not lower the days required."))
    #expect(zh.contains("折算：不折算，当月在任即须达到全部天数。"))
    #expect(zh.contains("请假：请假、学习的天数不计为外出天数，但不减少应外出天数。"))
    #expect(en.contains("  镇街党政主要负责人 (town): at least 10 days out each month. Units: 朱坝街道, 黄集街道, 共和镇."))
    #expect(en.contains("  其他有项目招引任务的部门负责人 (task): at least 5 days out each month. Units: 住建局, 残联."))
  }

  @Test("A file's notes (counted_kinds superseded) are shown")
  func notes() throws {
    let rules = try #require(try RuleFileParser.loadBook(at: Fixture.path("rules/history/2023.toml")).ruleSets.first)
    let en = RuleExplainer(language: .en).explain(rules, month: nil)
    let zh = RuleExplainer(language: .zh).explain(rules, month: nil)
    #expect(en.contains("Note: "))
    #expect(en.contains("counted_kinds is superseded by [kinds.*] tables"))
    #expect(zh.contains("注意："))
    #expect(zh.contains("counted_kinds 已由 [kinds.*] 表取代"))
    #expect(
      en.contains(
        "Trip kinds: visit (visit) counts; video negotiation (video) counts; online signing (online) does not count."))
    #expect(en.contains("by day 10 of the following month"))
  }
}

@Suite("check --explain: how each head's days came about")
struct CheckExplainTests {
  /// The cells of a table row (cells are at least two spaces apart).
  func cells(_ row: String) -> [String] {
    row.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The row of `date` in a section of the explanation.
  func row(_ date: String, in section: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    let line = try #require(
      section.split(separator: "\n").first { $0.hasPrefix(date) }, "no row for \(date)", sourceLocation: sourceLocation)
    return cells(String(line))
  }

  /// 共和镇 in July 2022: 郭某 until the 15th, 马某 from the 16th with leave on the 18th and 19th, a counted trip,
  /// a void trip and a video negotiation.
  func julyOfGonghe() throws -> (posts: [Post], trips: [Trip], leaves: [Leave]) {
    let posts = [
      try post("共和镇", "郭某", role: "镇长", from: "2020-09-01", to: "2022-07-15"),
      try post("共和镇", "马某", role: "镇长", from: "2022-07-16"),
    ]
    var trips = [
      try trip("共和镇", "马某", "2022-07-20", "2022-07-22"),
      try trip("共和镇", "马某", "2022-07-25", voided: true),
      try trip("共和镇", "马某", "2022-07-26", kind: "video"),
      try trip("共和镇", "郭某", "2022-07-04"),
    ]
    for index in trips.indices { trips[index].id = Int64(7 + index) }
    let leaves = [try leave("共和镇", "马某", "2022-07-18", "2022-07-19")]
    return (posts, trips, leaves)
  }

  @Test("In English: per-day lines, leave and not-in-post reasons, ignored trips, the formula with D and A")
  func naturalEn() throws {
    // Given 共和镇 in July 2022, natural counting with prorate_leave
    let (posts, trips, leaves) = try julyOfGonghe()
    let rules = try WorkingFixture.rules(.natural, prorateLeave: true)
    // When the unit is explained
    let text = CheckExplainer(language: .en).explain(
      unit: "共和镇", month: try m("2022-07"), rules: rules, posts: posts, trips: trips, leaves: leaves)
    let sections = text.components(separatedBy: "\n\n")
    #expect(sections.count == 2)
    let ma = try #require(sections.last)
    // Then 马某's section opens with the post and the tier's minimum
    #expect(ma.hasPrefix("共和镇 马某 (in post: 镇长 2022-07-16 to now; 镇街党政主要负责人, at least 10 days a month)"))
    #expect(
      cells(try #require(ma.split(separator: "\n").dropFirst().first).description) == [
        "date", "day", "counts", "morning", "afternoon", "why",
      ])
    // And has one line per day of the month
    #expect(ma.split(separator: "\n").filter { $0.hasPrefix("2022-07-") }.count == 31)
    // And says why each day does or does not count
    #expect(try row("2022-07-15", in: ma) == ["2022-07-15", "Fri", "no", "not in post"])
    #expect(try row("2022-07-16", in: ma) == ["2022-07-16", "Sat", "yes"])
    #expect(try row("2022-07-18", in: ma) == ["2022-07-18", "Mon", "no", "leave: 党校学习"])
    #expect(try row("2022-07-20", in: ma) == ["2022-07-20", "Wed", "yes", "#7", "#7"])
    #expect(try row("2022-07-25", in: ma) == ["2022-07-25", "Mon", "yes"])
    // And names the trips that do not count, and why
    #expect(ma.contains("not counted #8 (2022-07-25 to 2022-07-25, 上海): void: 重复登记"))
    #expect(ma.contains("not counted #9 (2022-07-26 to 2022-07-26, 上海): kind video does not count"))
    // And gives the totals and the formula: A = 16 days in post less 2 on leave
    #expect(ma.contains("Counted: 6 counting halves, ÷ 2 = 3 days."))
    #expect(
      ma.contains(
        "Required: days that count in the month D = 31, of them in post A = 14, required ceil(2 × 10 × 14 / 31) / 2 = 5 days."
      ))
    #expect(ma.contains("Result: short by 2 days."))
    // And 郭某's section has his own days: A = 15, ceil(300 / 31) / 2 = 5, one day out
    let guo = try #require(sections.first)
    #expect(guo.hasPrefix("共和镇 郭某 (in post: 镇长 2020-09-01 to 2022-07-15;"))
    #expect(try row("2022-07-04", in: guo) == ["2022-07-04", "Mon", "yes", "#10", "#10"])
    #expect(try row("2022-07-16", in: guo) == ["2022-07-16", "Sat", "no", "not in post"])
    #expect(guo.contains("required ceil(2 × 10 × 15 / 31) / 2 = 5 days."))
    #expect(guo.contains("Result: short by 4 days."))
    // And the totals are the check's own
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: rules, posts: posts, trips: trips, leaves: leaves)
    #expect(report.people.map(\.required) == [DayCount(days: 5), DayCount(days: 5)])
    #expect(report.people.map(\.counted) == [DayCount(days: 1), DayCount(days: 3)])
  }

  @Test("In Chinese: the same explanation in Chinese words")
  func naturalZh() throws {
    let (posts, trips, leaves) = try julyOfGonghe()
    let rules = try WorkingFixture.rules(.natural, prorateLeave: true)
    let text = CheckExplainer(language: .zh).explain(
      unit: "共和镇", month: try m("2022-07"), rules: rules, posts: posts, trips: trips, leaves: leaves)
    let ma = try #require(text.components(separatedBy: "\n\n").last)
    #expect(ma.hasPrefix("共和镇 马某（任职：镇长 2022-07-16 至 今；镇街党政主要负责人，每月不少于10天）"))
    #expect(
      cells(try #require(ma.split(separator: "\n").dropFirst().first).description) == [
        "日期", "星期", "计入", "上午", "下午", "说明",
      ])
    #expect(try row("2022-07-15", in: ma) == ["2022-07-15", "周五", "否", "不在任"])
    #expect(try row("2022-07-19", in: ma) == ["2022-07-19", "周二", "否", "请假：党校学习"])
    #expect(try row("2022-07-21", in: ma) == ["2022-07-21", "周四", "是", "#7", "#7"])
    #expect(ma.contains("不计入 #8（2022-07-25 至 2022-07-25，上海）：已作废：重复登记"))
    #expect(ma.contains("不计入 #9（2022-07-26 至 2022-07-26，上海）：类型「视频洽谈」不计入"))
    #expect(ma.contains("已外出：计入的半天共 6 个，÷ 2 = 3 天。"))
    #expect(ma.contains("应外出：当月计入天数 D = 31，在任计入天数 A = 14，应外出 ceil(2 × 10 × 14 / 31) / 2 = 5 天。"))
    #expect(ma.contains("结论：未达标，差 2 天。"))
  }

  @Test("Working mode: holidays, weekends and weekend working days are given as reasons; D is the working days")
  func workingOctober() throws {
    // Given 王某 in post all of October 2022 and a trip from 30 September to 9 October, under the working fixture
    let rules = try WorkingFixture.ruleSet()
    var away = try trip("朱坝街道", "王某", "2022-09-30", "2022-10-09")
    away.id = 3
    let posts = [try post("朱坝街道", "王某")]
    let en = CheckExplainer(language: .en).explain(
      unit: "朱坝街道", month: try m("2022-10"), rules: rules, posts: posts, trips: [away], leaves: [])
    // Then holidays and weekends do not count, and say why
    #expect(
      try row("2022-10-01", in: en) == ["2022-10-01", "Sat", "no", "#3", "#3", "public holiday (working days only)"])
    #expect(
      try row("2022-10-03", in: en) == ["2022-10-03", "Mon", "no", "#3", "#3", "public holiday (working days only)"])
    #expect(try row("2022-10-15", in: en) == ["2022-10-15", "Sat", "no", "weekend (working days only)"])
    // And the worked weekend counts, saying so
    #expect(try row("2022-10-08", in: en) == ["2022-10-08", "Sat", "yes", "#3", "#3", "weekend working day"])
    #expect(try row("2022-10-10", in: en) == ["2022-10-10", "Mon", "yes"])
    // And the totals: 2 days of 18 working days, in post all of them
    #expect(en.contains("Counted: 4 counting halves, ÷ 2 = 2 days."))
    #expect(
      en.contains(
        "Required: days that count in the month D = 18, of them in post A = 18, required = 10 days (in post all month, or no prorating)."
      ))
    #expect(en.contains("Result: short by 8 days."))
    // And in Chinese
    let zh = CheckExplainer(language: .zh).explain(
      unit: "朱坝街道", month: try m("2022-10"), rules: rules, posts: posts, trips: [away], leaves: [])
    #expect(try row("2022-10-01", in: zh) == ["2022-10-01", "周六", "否", "#3", "#3", "法定节假日（只计工作日）"])
    #expect(try row("2022-10-09", in: zh) == ["2022-10-09", "周日", "是", "#3", "#3", "调休上班"])
    #expect(try row("2022-10-16", in: zh) == ["2022-10-16", "周日", "否", "周末（只计工作日）"])
    #expect(zh.contains("应外出：当月计入天数 D = 18，在任计入天数 A = 18，应外出 = 10 天（全月在任或不折算）。"))
  }

  @Test("Working mode with prorating and leave: A counts working days in post, less working days on leave")
  func workingProrated() throws {
    // Given 马某 in post from Saturday 16 July 2022 and on leave on Monday the 18th, under the working fixture
    let rules = try WorkingFixture.ruleSet()
    let posts = [try post("共和镇", "马某", role: "镇长", from: "2022-07-16")]
    let leaves = [try leave("共和镇", "马某", "2022-07-18")]
    let en = CheckExplainer(language: .en).explain(
      unit: "共和镇", month: try m("2022-07"), rules: rules, posts: posts, trips: [], leaves: leaves)
    // Then A = 10 working days in post less 1 on leave, D = 21: ceil(180 / 21) / 2 = 4.5
    #expect(
      en.contains(
        "Required: days that count in the month D = 21, of them in post A = 9, required ceil(2 × 10 × 9 / 21) / 2 = 4.5 days."
      ))
    #expect(try row("2022-07-16", in: en) == ["2022-07-16", "Sat", "no", "weekend (working days only)"])
    #expect(try row("2022-07-18", in: en) == ["2022-07-18", "Mon", "no", "leave: 党校学习"])
    #expect(try row("2022-07-01", in: en) == ["2022-07-01", "Fri", "no", "not in post"])
    let head = try onlyHead(month: "2022-07", rules: rules, posts: posts, leaves: leaves)
    #expect(head.required == DayCount(halves: 9))
  }

  @Test("A head in post only on days that do not count is shown but not assessed")
  func notAssessed() throws {
    let rules = try WorkingFixture.ruleSet()
    let posts = [try post("朱坝街道", "王某", from: "2022-09-25", to: "2022-10-07")]
    let en = CheckExplainer(language: .en).explain(
      unit: "朱坝街道", month: try m("2022-10"), rules: rules, posts: posts, trips: [], leaves: [])
    #expect(en.contains("No counting day in post this month: not assessed."))
    #expect(!en.contains("Required:"))
    let zh = CheckExplainer(language: .zh).explain(
      unit: "朱坝街道", month: try m("2022-10"), rules: rules, posts: posts, trips: [], leaves: [])
    #expect(zh.contains("当月没有计入的在任日，不予考核。"))
  }

  @Test("A unit with nobody in post, or not in the rules, is said to have nobody assessed")
  func nobody() throws {
    let rules = try WorkingFixture.rules(.natural)
    let posts = [try post("朱坝街道", "王某")]
    let vacant = CheckExplainer(language: .en).explain(
      unit: "黄集街道", month: try m("2022-07"), rules: rules, posts: posts, trips: [], leaves: [])
    #expect(vacant == "黄集街道 has nobody assessed in 2022-07 (not in the rules, or nobody in post).\n")
    let unknown = CheckExplainer(language: .zh).explain(
      unit: "统计局", month: try m("2022-07"), rules: rules, posts: [try post("统计局", "某某")], trips: [], leaves: [])
    #expect(unknown == "统计局 在2022年7月没有考核对象（不在规则中，或无人在任）。\n")
  }
}
