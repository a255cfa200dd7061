import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("The demo and the shipped files")
struct DemoTests {
  static let expectedShort = [
    "朱坝街道", "黄集街道", "住建局", "文旅局", "财政局", "人社局", "教体局", "城管局", "审计局", "残联", "医保局", "古堰景区", "应急管理局", "生态环境局",
  ]

  @Test("The demo finds exactly the 14 short units; every other unit complies")
  func shortUnits() throws {
    // When the shipped example is checked
    let report = try Demo.run(language: .zh)
    // Then July 2022 is judged by the default rules
    #expect(report.month == (try m("2022-07")))
    #expect(report.rules.title == "洪泽区“招商引资突破年”活动实施方案")
    // And exactly these units are short, in the rule file's order
    #expect(report.shortUnits.map(\.unit) == Self.expectedShort)
    // And every other unit complies: none is vacant, and nothing needs a warning
    #expect(report.units.count == 27)
    let others = report.units.filter { !Self.expectedShort.contains($0.unit) }
    #expect(others.count == 13)
    #expect(others.allSatisfy { $0.status == .compliant })
    #expect(report.warnings.isEmpty)
    #expect(report.shortUnits.allSatisfy { $0.explanationDue == CivilDate(year: 2022, month: 8, day: 5) })
  }

  @Test("The demo counts the example's special cases")
  func specialCases() throws {
    let report = try Demo.run(language: .en)
    func head(_ unit: String, _ name: String) throws -> HeadResult {
      try #require(report.people.first { $0.unit == unit && $0.name == name })
    }
    // 共和镇 changed 镇长 mid-month: both are prorated, and both comply
    #expect(try head("共和镇", "郭某").required == DayCount(days: 5))
    #expect(try head("共和镇", "郭某").counted == DayCount(days: 5))
    #expect(try head("共和镇", "马某").required == DayCount(halves: 11))
    #expect(try head("共和镇", "马某").counted == DayCount(halves: 11))
    // 工信局's voided trip of 25 July does not count
    #expect(try head("工信局", "宋某").counted == DayCount(days: 12))
    // A trip from 29 July to 2 August counts three days in July
    #expect(try head("高良涧街道", "李某").counted == DayCount(days: 3 + 4 + 3 + 3))
    // A trip from 29 June counts two days in July
    #expect(try head("岔河镇", "黄某").counted == DayCount(days: 2 + 4 + 3 + 3))
    // Video negotiations do not count: 财政局's only trip is one
    #expect(try head("住建局", "唐某").counted == .zero)
    #expect(try head("财政局", "于某").counted == .zero)
    // 西顺河镇's 周某 left at noon on 4 July
    #expect(try head("西顺河镇", "周某").counted == DayCount(halves: 5 + 8 + 6 + 4))
  }

  @Test("The demo's notice begins as the README shows")
  func notice() throws {
    let text = try OwingRenderer(language: .zh).render(try Demo.run(language: .zh), as: .notice)
    #expect(text.hasPrefix("7月份外出招商天数未达要求的单位：朱坝街道（党工委书记王某外出1天，应外出10天；办事处主任刘某外出1天，应外出10天）、"))
    #expect(text.hasSuffix("。请以上单位于8月5日前向区委区政府作出情况说明。\n"))
  }

  @Test(
    "The embedded files equal the files on disk byte for byte",
    arguments: [
      "rules/default.toml", "examples/hongze-2022-07/roster.csv", "examples/hongze-2022-07/trips.csv",
      "examples/hongze-2022-07/voids.csv",
    ])
  func shippedFiles(path: String) throws {
    let embedded = try #require(
      [
        "rules/default.toml": ShippedFiles.defaultRules,
        "examples/hongze-2022-07/roster.csv": ShippedFiles.exampleRoster,
        "examples/hongze-2022-07/trips.csv": ShippedFiles.exampleTrips,
        "examples/hongze-2022-07/voids.csv": ShippedFiles.exampleVoids,
      ][path])
    let onDisk = try Data(contentsOf: Fixture.packageRoot.appendingPathComponent(path))
    #expect(
      Data(embedded.utf8) == onDisk,
      "\(path) differs from its embedded copy: run scripts/embed-shipped-files.py")
  }
}
