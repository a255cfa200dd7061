import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("The monthly bulletin")
struct BulletinTests {
  /// Given the published July 2022 bulletin's trips, when it is rebuilt, then it matches row for row.
  @Test func rebuildsThePublishedBulletinRowForRow() throws {
    // Given
    let rules = try MonthCycle.rules()
    let ledger = try MonthCycle.julyLedger(rules: rules)

    // When
    let bulletin = try ledger.bulletinStanding(month: try MonthCycle.month("2022-07"), rules: rules).bulletin()

    // Then: the published table, in its order (乙镇 and 商务局 tie on 13 days; the rule file lists 乙镇 first)
    let published: [(Int, String, Int, String, [String], UnitStatus)] = [
      (1, "甲镇", 2, "20.5", ["上海", "苏州", "深圳"], .compliant),
      (2, "乙镇", 2, "13", ["南京", "杭州"], .short),
      (3, "商务局", 1, "13", ["广州"], .compliant),
      (4, "丙街道", 2, "12.5", ["宁波"], .short),
      (5, "工信局", 1, "2.5", ["无锡"], .short),
      (6, "文旅局", 0, "0", [], .short),
    ]
    #expect(bulletin.rows.count == published.count)
    for (row, expected) in zip(bulletin.rows, published) {
      #expect(row.rank == expected.0)
      #expect(row.unit == expected.1)
      #expect(row.peopleOut == expected.2)
      #expect(row.personDays.description == expected.3)
      #expect(row.destinations == expected.4)
      #expect(row.status == expected.5)
    }
    #expect(bulletin.totalPeopleOut == 8)
    #expect(bulletin.totalPersonDays.description == "61.5")
    #expect(
      bulletin.figures == MonthFigures(unitsAssessed: 6, headsOut: 8, personDays: DayCount(halves: 123), trips: 10))
    #expect(bulletin.vacantUnits == ["统计局"])
    #expect(bulletin.shortUnits.map(\.unit) == ["乙镇", "丙街道", "工信局", "文旅局"])
    #expect(bulletin.explanationDue == (try MonthCycle.date("2022-08-05")))
  }

  /// Given the rebuilt bulletin, when written as CSV, then every row, the 未外出 row and the 合计 row are as published.
  @Test func csvHoldsTheTableAndTheTotal() throws {
    // Given
    let rules = try MonthCycle.rules()
    let bulletin = try MonthCycle.julyLedger(rules: rules).bulletinStanding(
      month: try MonthCycle.month("2022-07"), rules: rules
    ).bulletin()

    // When
    let csv = try BulletinRenderer(language: .zh).render(bulletin, as: .csv)

    // Then
    #expect(
      csv.components(separatedBy: "\r\n") == [
        "序号,单位,外出人数,外出天数,去向,是否达标",
        "1,甲镇,2,20.5,上海、苏州、深圳,是",
        "2,乙镇,2,13,南京、杭州,否",
        "3,商务局,1,13,广州,是",
        "4,丙街道,2,12.5,宁波,否",
        "5,工信局,1,2.5,无锡,否",
        "6,文旅局,0,0,未外出,否",
        ",合计,8,61.5,,",
        "",
      ])
  }

  /// Given the rebuilt bulletin, when written as text, then it reads as a district office publishes it.
  @Test func textHasTitleHeadlineShortUnitsAndRequirement() throws {
    // Given
    let rules = try MonthCycle.rules()
    let bulletin = try MonthCycle.julyLedger(rules: rules).bulletinStanding(
      month: try MonthCycle.month("2022-07"), rules: rules
    ).bulletin()

    // When
    let text = try BulletinRenderer(language: .zh).render(bulletin, as: .text)

    // Then
    let lines = text.components(separatedBy: "\n")
    #expect(lines.first == "2022年7月外出招商情况通报")
    #expect(
      text.contains(
        "本月考核单位6个，外出负责人8人，外出招商61.5天；今年以来（7月）累计外出招商10人次、61.5天。"))
    #expect(text.contains("　　乙镇：镇长李某外出3天，应外出10天。"))
    #expect(text.contains("　　丙街道：党工委书记周某外出6天，应外出10天；办事处主任吴某外出6.5天，应外出10天。"))
    #expect(text.contains("　　工信局：局长王某外出2.5天，应外出5天。"))
    #expect(text.contains("　　文旅局：局长冯某未外出，应外出5天。"))
    #expect(text.contains("请以上未达标单位于2022年8月5日前向区委区政府作出书面情况说明。"))
    #expect(text.contains("注：统计局本月没有在任的考核对象，未列入考核。"))
    // The table aligns by display width: every row of it is as wide as its header's dashes allow.
    let tableRows = lines.filter { $0.hasPrefix("   ") || $0.hasPrefix("序号") }
    #expect(tableRows.contains { $0.contains("文旅局") && $0.contains("未外出") })
    let total = try #require(lines.first { $0.contains("合计") })
    #expect(total.contains("8") && total.hasSuffix("61.5"))
  }

  /// Given a unit short three months running, when the third month's bulletin is built, then it is marked 约谈.
  @Test func marksUnitsShortThreeMonthsRunningForEscalation() throws {
    // Given: 工信局 goes out 1 day in May, June and July; everyone else meets the quota
    let rules = try MonthCycle.rules()
    let ledger = try Ledger.inMemory()
    try MonthCycle.addRoster(to: ledger, rules: rules)
    let others = MonthCycle.roster.filter { $0.0 != "工信局" }.map { ($0.0, $0.1) }
    for text in ["2022-05", "2022-06", "2022-07"] {
      let month = try MonthCycle.month(text)
      try MonthCycle.record(ledger, rules: rules, month: month, days: 10, heads: others)
      try MonthCycle.record(ledger, rules: rules, month: month, days: 1, heads: [("工信局", "王某")])
    }

    // When
    let june = try ledger.bulletinStanding(month: try MonthCycle.month("2022-06"), rules: rules).bulletin()
    let july = try ledger.bulletinStanding(month: try MonthCycle.month("2022-07"), rules: rules).bulletin()

    // Then
    #expect(june.escalatedUnits.isEmpty)
    #expect(july.escalatedUnits.map(\.unit) == ["工信局"])
    #expect(july.shortUnits.first?.shortRun == 3)
    #expect(july.rows.first { $0.unit == "工信局" }?.escalate == true)
    let text = try BulletinRenderer(language: .zh).render(july, as: .text)
    #expect(text.contains("工信局（连续3个月未达标，予以约谈）：局长王某外出1天，应外出5天。"))
    #expect(text.contains("工信局已连续3个月及以上未达标，由区委区政府约谈其主要负责人。"))
    #expect(try BulletinRenderer(language: .zh).render(july, as: .csv).contains("否（约谈）"))
    // The year so far starts with May, the ledger's first month.
    #expect(july.yearToDate.from == (try MonthCycle.month("2022-05")))
    #expect(july.yearToDate.trips == 27)
  }

  /// Given a month where every unit met its quota, when written, then it says so and asks for no explanation.
  @Test func aMonthWithNoShortfallAsksForNothing() throws {
    // Given
    let rules = try MonthCycle.rules()
    let ledger = try Ledger.inMemory()
    try MonthCycle.addRoster(to: ledger, rules: rules)
    try MonthCycle.record(
      ledger, rules: rules, month: try MonthCycle.month("2022-07"), days: 10, heads: MonthCycle.roster.map { ($0.0, $0.1) })

    // When
    let bulletin = try ledger.bulletinStanding(month: try MonthCycle.month("2022-07"), rules: rules).bulletin()
    let text = try BulletinRenderer(language: .zh).render(bulletin, as: .text)

    // Then
    #expect(bulletin.shortUnits.isEmpty)
    #expect(text.contains("本月各考核单位外出招商天数均达到要求。"))
    #expect(!text.contains("三、有关要求"))
  }

  /// Given a unit name with markup in it, when written as HTML, then the page escapes it and carries no script.
  @Test func htmlIsOneEscapedSelfContainedPage() throws {
    // Given
    let row = BulletinRow(
      rank: 1, unit: "<b>甲&镇</b>", tier: "town", peopleOut: 1, personDays: DayCount(halves: 3),
      destinations: ["\"上海\""], status: .compliant, escalate: false)
    let bulletin = Bulletin(
      month: try MonthCycle.month("2022-07"), rulesTitle: "办法<script>",
      figures: MonthFigures(
        unitsAssessed: 1, headsOut: 1, personDays: DayCount(halves: 3), trips: 1),
      yearToDate: YearToDate(
        from: try MonthCycle.month("2022-01"), through: try MonthCycle.month("2022-07"), trips: 9,
        personDays: DayCount(days: 20)),
      rows: [row], shortUnits: [], explanationDue: try MonthCycle.date("2022-08-05"), escalateAfter: nil, vacantUnits: [])

    // When
    let html = try BulletinRenderer(language: .zh).render(bulletin, as: .html)

    // Then
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<title>2022年7月外出招商情况通报</title>"))
    #expect(html.contains("&lt;b&gt;甲&amp;镇&lt;/b&gt;"))
    #expect(html.contains("&quot;上海&quot;"))
    #expect(html.contains("办法&lt;script&gt;"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("http"))
    #expect(html.contains("<td class=\"number\">1.5</td>"))
    #expect(html.contains("今年以来（1—7月）累计外出招商9人次、20天"))
  }

  /// Given the rebuilt bulletin, when written as Markdown and in English, then the table and the figures carry over.
  @Test func markdownAndEnglish() throws {
    // Given
    let rules = try MonthCycle.rules()
    let bulletin = try MonthCycle.julyLedger(rules: rules).bulletinStanding(
      month: try MonthCycle.month("2022-07"), rules: rules
    ).bulletin()

    // When
    let markdown = try BulletinRenderer(language: .zh).render(bulletin, as: .markdown)
    let english = try BulletinRenderer(language: .en).render(bulletin, as: .text)

    // Then
    #expect(markdown.hasPrefix("# 2022年7月外出招商情况通报\n"))
    #expect(markdown.contains("| 6 | 文旅局 | 0 | 0 | 未外出 | 否 |"))
    #expect(markdown.contains("|  | 合计 | 8 | 61.5 |  |  |"))
    #expect(english.hasPrefix("Bulletin on investment promotion trips, 2022-07\n"))
    #expect(english.contains("6 units assessed, 8 heads out, 61.5 person-days"))
    #expect(english.contains("The units above are to submit a written explanation to the district by 2022-08-05."))
  }

  /// Given a bulletin, when encoded as JSON and read back, then nothing is lost (closed months store it so).
  @Test func jsonRoundTrips() throws {
    // Given
    let rules = try MonthCycle.rules()
    let bulletin = try MonthCycle.julyLedger(rules: rules).bulletinStanding(
      month: try MonthCycle.month("2022-07"), rules: rules
    ).bulletin()

    // When
    let decoded = try FrozenJSON.decode(Bulletin.self, from: try FrozenJSON.encode(bulletin))
    let json = try BulletinRenderer(language: .en).render(bulletin, as: .json)

    // Then
    #expect(decoded == bulletin)
    #expect(json.contains("\"person_days\" : 61.5") || json.contains("\"person_days\": 61.5"))
  }
}
