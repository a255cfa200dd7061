import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("One order of units everywhere")
struct UnitOrderTests {
  /// A rule file listing 黄集街道 before 朱坝街道 and 残联 before 住建局: the reverse of their code points.
  func report(朱坝: Int, 黄集: Int) throws -> CheckReport {
    let town = Tier(id: "town", title: "镇街党政主要负责人", minDays: 10, units: ["黄集街道", "朱坝街道"])
    let task = Tier(id: "task", title: "其他有项目招引任务的部门负责人", minDays: 5, units: ["残联", "住建局"])
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-01", "2022-07-\(String(format: "%02d", 朱坝))"),
      try trip("黄集街道", "陈某", "2022-07-01", "2022-07-\(String(format: "%02d", 黄集))"),
    ]
    return MonthlyCheck.run(
      month: try m("2022-07"), rules: try TestRules.set(tiers: [town, task]),
      posts: [
        try post("朱坝街道", "王某"), try post("黄集街道", "陈某"), try post("残联", "袁某", role: "理事长"),
        try post("住建局", "唐某", role: "局长"),
      ], trips: trips)
  }

  /// Given units with equal days, when the bulletin ranks them, then they keep the rule file's order.
  @Test func equalDaysKeepTheRuleFilesOrder() throws {
    // Given: 黄集街道 and 朱坝街道 both out 3 days; 残联 and 住建局 both 0
    let report = try report(朱坝: 3, 黄集: 3)

    // When
    let bulletin = Bulletin.build(report: report, trips: [], earlierThisYear: nil, previousShortRuns: [:])

    // Then
    #expect(bulletin.rows.map(\.unit) == ["黄集街道", "朱坝街道", "残联", "住建局"])
    #expect(bulletin.shortUnits.map(\.unit) == ["黄集街道", "朱坝街道", "残联", "住建局"])
  }

  /// Given 朱坝街道 listed after 黄集街道 but out more days, when the bulletin and the notice are written, then
  /// the table ranks 朱坝街道 first while section 二, the notice and the owing table all list the short units in
  /// the rule file's order.
  @Test func noticeListsShortUnitsAsTheBulletinDoes() throws {
    // Given
    let report = try report(朱坝: 4, 黄集: 2)
    let bulletin = Bulletin.build(report: report, trips: [], earlierThisYear: nil, previousShortRuns: [:])

    // When
    let notice = OwingRenderer(language: .zh).notice(report)
    let owingTable = OwingRenderer(language: .zh).rows(report).map { $0[0] }

    // Then
    let order = bulletin.shortUnits.map(\.unit)
    #expect(bulletin.rows.map(\.unit) == ["朱坝街道", "黄集街道", "残联", "住建局"])
    #expect(order == ["黄集街道", "朱坝街道", "残联", "住建局"])
    let positions = order.compactMap { notice.range(of: $0)?.lowerBound }
    #expect(positions.count == order.count)
    #expect(positions == positions.sorted())
    #expect(owingTable == order)
  }

  /// Given a unit the rule file does not list, when ranked among equals, then it comes after the listed ones.
  @Test func unlistedUnitsComeLast() {
    let order = UnitOrder(units: ["乙", "甲"])
    let ranked = order.ranked(["丙", "甲", "乙"], unit: { $0 }, days: { _ in .zero })
    #expect(ranked == ["乙", "甲", "丙"])
  }
}
