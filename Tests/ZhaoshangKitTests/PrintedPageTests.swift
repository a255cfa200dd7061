import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("Pages printed on A4")
struct PrintedPageTests {
  /// 岔河镇: 赵某 out 13 of 10 days, 黄某 out 8 of 10, so the unit is short although its heads sum to 21 / 20.
  func unitFullOnlyWhenSummed() throws -> CheckReport {
    let rules = try TestRules.set(tiers: [Tier(id: "town", title: "镇街党政主要负责人", minDays: 10, units: ["岔河镇"])])
    return MonthlyCheck.run(
      month: try m("2022-07"), rules: rules,
      posts: [try post("岔河镇", "赵某"), try post("岔河镇", "黄某", role: "镇长")],
      trips: [
        try trip("岔河镇", "赵某", "2022-07-01", "2022-07-13"), try trip("岔河镇", "黄某", "2022-07-01", "2022-07-08"),
      ])
  }

  /// Given a unit whose heads sum past the unit's total, when the check page is drawn, then its bar is its short
  /// head's 8 of 10, never the sum 21 / 20.
  @Test func chartDrawsEachUnitByItsWeakestHead() throws {
    // Given
    let report = try unitFullOnlyWhenSummed()

    // When
    let html = try CheckRenderer(language: .zh).render(report, as: .html)

    // Then
    #expect(html.contains("黄某 8 / 10 未达标"))
    #expect(!html.contains("21 / 20"))
  }

  /// Given any check, when printed, then the page names the rules by title and date, never a path or hash.
  @Test func namesTheRulesNotTheirFile() throws {
    // Given
    let report = try smallReport()

    // When
    let html = try CheckRenderer(language: .zh).render(report, as: .html)

    // Then
    #expect(html.contains("依据《测试规则》（2022年1月1日起施行）"))
    #expect(!html.contains("rules/test.toml"))
    #expect(!html.contains("0123abcd"))
    #expect(!html.contains("sha256"))
  }

  /// Given the check page, when laid out, then names never wrap, each unit's rows stay on one page, and headings
  /// keep with what follows them.
  @Test func tableIsLaidOutForA4() throws {
    // Given
    let report = try smallReport()

    // When
    let html = try CheckRenderer(language: .zh).render(report, as: .html)

    // Then
    #expect(html.contains("<td class=\"name\">王某</td>"))
    #expect(html.contains("td.name { white-space: nowrap; }"))
    #expect(html.contains("tbody.unit"))
    #expect(html.contains("break-after: avoid"))
    #expect(html.contains("@page { size: A4;"))
    #expect(html.contains("<col style="))
    // The tier is a row above its units, so the long tier title takes no column of its own.
    #expect(html.contains("<tr class=\"tier\"><th colspan=\"8\">镇街党政主要负责人（每月应外出 10 天）</th></tr>"))
  }

  /// Given the bulletin and the check, when printed from the browser, then each page is numbered at its foot in the
  /// page's language, as a document issued on paper must be.
  @Test func printedPagesAreNumbered() throws {
    // Given
    let report = try smallReport()

    // When
    let chinese = try CheckRenderer(language: .zh).render(report, as: .html)
    let english = try CheckRenderer(language: .en).render(report, as: .html)

    // Then
    #expect(chinese.contains("@bottom-center { content: \"第 \" counter(page) \" 页\";"))
    #expect(english.contains("@bottom-center { content: \"Page \" counter(page);"))
  }
}
