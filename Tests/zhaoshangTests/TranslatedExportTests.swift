import Foundation
import Testing

/// Exports a clerk opens in Excel speak the clerk's language, headers and words alike, and still import back.
@Suite("exports in the chosen language")
struct TranslatedExportTests {
  @Test func theCheckAsCSVIsChineseUnderChinese() throws {
    // Given the example's July
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July's check is written as CSV in Chinese and in English
    let chinese = try ledger.succeed(["check", "--month", "2022-07", "--format", "csv", "--lang", "zh"]).stdout
    let english = try ledger.succeed(["check", "--month", "2022-07", "--format", "csv", "--lang", "en"]).stdout

    // Then the Chinese file has Chinese headers and words, no `town,…,false,short`
    let lines = chinese.split(whereSeparator: \.isNewline)
    #expect(lines.first == "月份,单位,类别,姓名,职务,在任天数,应外出天数,已外出天数,差额天数,是否达标,单位情况,说明截止日期")
    let zhuba = try #require(lines.first { $0.contains("朱坝街道,镇街党政主要负责人,王某") })
    #expect(zhuba.contains(",否,未达标,"), "\(zhuba)")
    #expect(!chinese.contains("false") && !chinese.contains("short") && !chinese.contains(",town,"))
    // And the English file keeps the identifiers scripts read
    #expect(english.hasPrefix("month,unit,tier,name,role,days_in_post"))
    #expect(english.contains("朱坝街道,town,王某") && english.contains("false,short"))
  }

  @Test func theTripListingInChineseImportsBackUnchanged() throws {
    // Given the example's trips listed as CSV in Chinese
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let listed = try ledger.succeed(["trips", "--format", "csv", "--lang", "zh"]).stdout

    // Then the headers are the importer's Chinese names and the kinds are the rule file's titles
    #expect(listed.hasPrefix("单位,姓名,开始日期,结束日期,目的地,事由,拜访企业,类型,天数,编号,作废原因"))
    #expect(listed.contains(",外出招商,") && listed.contains(",视频洽谈,"))
    #expect(!listed.contains(",visit,") && !listed.contains(",video,"))

    // When the listing is imported into a fresh ledger with the same roster
    let copy = try Workspace.initialised()
    defer { copy.remove() }
    try copy.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    try copy.write("外出.csv", listed)
    try copy.succeed(["import", "trips", "外出.csv"])

    // Then July's check is the same as the original's
    let (original, imported) = (try ledger.check(), try copy.check())
    #expect(imported.people.map(\.counted_days) == original.people.map(\.counted_days))
    #expect(imported.units.map(\.status) == original.units.map(\.status))
  }

  @Test func owingSummaryAndReportsAsCSVAreChineseUnderChinese() throws {
    // Given the example's July, in which 14 units fell short
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When owing, the year summary and the units' reports are written as CSV in Chinese
    let owing = try ledger.succeed(["owing", "--month", "2022-07", "--format", "csv", "--lang", "zh"]).stdout
    let summary = try ledger.succeed(["summary", "--year", "2022", "--format", "csv", "--lang", "zh"]).stdout

    // Then their headers and words are Chinese
    #expect(owing.hasPrefix("单位,姓名,职务,应外出天数,已外出天数,差额天数,说明截止日期"), "\(owing)")
    #expect(summary.hasPrefix("年度,类别,单位,单位类别,姓名,职务,考核月数"), "\(summary)")
    #expect(summary.contains("2022,单位,朱坝街道") && summary.contains("2022,个人,朱坝街道"))

    // And the list of units' reports likewise
    let reported = try ledger.succeed(["reported", "--month", "2022-07", "--format", "csv", "--lang", "zh"]).stdout
    #expect(reported.hasPrefix("月份,单位,档次,报送情况,报送人,报送时间"), "\(reported)")
    #expect(reported.contains("2022-07,朱坝街道,镇街党政主要负责人,未报送,,") && !reported.contains("not_reported"))
  }
}
