import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("A head with two posts in one unit in one month")
struct TwoPostsTests {
  /// 郭某 of 共和镇: 镇长 until `until`, then 党委书记 from `from`.
  func guo(until: String = "2022-07-15", from: String = "2022-07-16") throws -> [Post] {
    [
      try post("共和镇", "郭某", role: "镇长", from: "2020-09-01", to: until),
      try post("共和镇", "郭某", role: "党委书记", from: from),
    ]
  }

  @Test("Posts are grouped per person and unit, in roster order; posts outside the month are left out")
  func grouping() throws {
    let posts = [
      try post("共和镇", "郭某", role: "镇长", from: "2020-09-01", to: "2022-07-15"),
      try post("朱坝街道", "王某"),
      try post("共和镇", "马某", role: "副镇长", to: "2022-06-30"),  // ended before July
      try post("共和镇", "郭某", role: "党委书记", from: "2022-07-16"),
      try post("黄集街道", "郭某", role: "党工委书记", from: "2022-07-01"),  // same name, another unit
      try post("共和镇", "马某", role: "镇长", from: "2022-08-01"),  // begins after July
    ]
    let groups = MonthlyCheck.postsByHead(posts, in: try m("2022-07"))
    #expect(groups.map { $0.map(\.unit) } == [["共和镇", "共和镇"], ["朱坝街道"], ["黄集街道"]])
    #expect(groups.map { $0.map(\.role) } == [["镇长", "党委书记"], ["党工委书记"], ["党工委书记"]])
    // And in June 马某's first post is there and 郭某 has one
    let june = MonthlyCheck.postsByHead(posts, in: try m("2022-06"))
    #expect(june.map { $0.map(\.name) } == [["郭某"], ["王某"], ["马某"]])
  }

  @Test("Roles are joined with 、 in the order held, each once")
  func roles() throws {
    let reversed = Array(try guo().reversed())
    #expect(MonthlyCheck.roles(of: reversed) == "镇长、党委书记")
    let back = try guo() + [try post("共和镇", "郭某", role: "镇长", from: "2022-07-25")]
    #expect(MonthlyCheck.roles(of: back) == "镇长、党委书记")
    #expect(MonthlyCheck.roles(of: [try post("共和镇", "郭某", role: "镇长")]) == "镇长")
  }

  @Test("A role change mid-month is one head, held to the full month, with the days of both posts")
  func continuousChange() throws {
    // Given 郭某, 镇长 until 15 July and 党委书记 from the 16th, with trips in both posts and one across the change
    let trips = [
      try trip("共和镇", "郭某", "2022-07-04", "2022-07-05"),
      try trip("共和镇", "郭某", "2022-07-14", "2022-07-18"),
      try trip("共和镇", "郭某", "2022-07-25", "2022-07-27"),
    ]
    // When July is checked
    let head = try onlyHead(month: "2022-07", rules: try TestRules.set(), posts: try guo(), trips: trips)
    // Then there is one head, in both roles, in post all month: 10 days, not two prorated shares
    #expect(head.name == "郭某")
    #expect(head.role == "镇长、党委书记")
    #expect(head.daysInPost == 31)
    #expect(head.required == DayCount(days: 10))
    // And every trip counts once: 2 + 5 + 3
    #expect(head.counted == DayCount(days: 10))
    #expect(head.compliant)
  }

  @Test("With a gap between the posts, A is the union of the days in post and days in the gap do not count")
  func gap() throws {
    // Given 镇长 1-10 July and 党委书记 from 21 July: 10 + 11 = 21 days in post
    let posts = [
      try post("共和镇", "郭某", role: "镇长", from: "2022-07-01", to: "2022-07-10"),
      try post("共和镇", "郭某", role: "党委书记", from: "2022-07-21"),
    ]
    let trips = [
      try trip("共和镇", "郭某", "2022-07-09", "2022-07-12"),  // 9 and 10 July in post
      try trip("共和镇", "郭某", "2022-07-15"),  // in the gap
      try trip("共和镇", "郭某", "2022-07-21"),
    ]
    let head = try onlyHead(month: "2022-07", rules: try TestRules.set(), posts: posts, trips: trips)
    // Then ceil(2 x 10 x 21 / 31) / 2 = ceil(13.5) / 2 = 7
    #expect(head.daysInPost == 21)
    #expect(head.required == DayCount(days: 7))
    #expect(head.counted == DayCount(days: 3))
    // And in working mode the union is of working days: 6 (1, 4-8 July) + 7 (21, 22, 25-29 July) of 21
    let working = try onlyHead(month: "2022-07", rules: try WorkingFixture.rules(.working), posts: posts, trips: trips)
    #expect(working.daysInPost == 13)
    #expect(working.required == DayCount(halves: 13))
    // And of the trips' days in post, 9 and 10 July are a weekend: only the 21st counts
    #expect(working.counted == DayCount(days: 1))
  }

  @Test("In the ledger, a role change is one row in the check, beside the unit's other head")
  func inLedger() throws {
    // Given the roster of 共和镇: 郭某 镇长 until 15 July, 马某 镇长 from the 16th; 郭某 becomes 党委书记 on the 16th
    let (ledger, rules) = try rosteredLedger()
    try ledger.addPosts(
      [located(try post("共和镇", "郭某", role: "党委书记", from: "2022-07-16"), line: 2)], rules: rules, stamp: testStamp)
    try ledger.recordTrips(
      [
        located(try trip("共和镇", "郭某", "2022-07-04", "2022-07-08"), line: 2),
        located(try trip("共和镇", "郭某", "2022-07-18", "2022-07-22"), line: 3),
      ], rules: rules, today: today, stamp: testStamp)
    // When July is checked
    let report = try ledger.check(month: try m("2022-07"), rules: rules)
    let gonghe = report.people(of: "共和镇")
    // Then 共和镇 has two heads: 郭某 once, in both roles, and 马某 prorated
    #expect(gonghe.map(\.name) == ["郭某", "马某"])
    #expect(gonghe.map(\.role) == ["镇长、党委书记", "镇长"])
    #expect(gonghe.map(\.required) == [DayCount(days: 10), DayCount(halves: 11)])
    #expect(gonghe.first?.counted == DayCount(days: 10))
    let unit = try #require(report.units.first { $0.unit == "共和镇" })
    #expect(unit.personDays == DayCount(days: 10))
    #expect(unit.peopleOut == 1)
    // And the rendered check shows him on one row, roles joined
    let csv = try CheckRenderer(language: .zh).render(report, as: .csv)
    #expect(csv.split(separator: "\n").filter { $0.contains("郭某") }.count == 1)
    #expect(csv.contains("镇长、党委书记"))
    let table = try CheckRenderer(language: .zh).render(report, as: .table)
    #expect(table.contains("镇长、党委书记"))
  }

  @Test("The same name in two units is two heads")
  func twoUnits() throws {
    let posts = [try post("共和镇", "郭某", role: "镇长"), try post("黄集街道", "郭某", role: "党工委书记")]
    let trips = [try trip("共和镇", "郭某", "2022-07-04"), try trip("黄集街道", "郭某", "2022-07-05", "2022-07-06")]
    let report = MonthlyCheck.run(month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: trips)
    #expect(report.people.map(\.unit) == ["黄集街道", "共和镇"])
    #expect(report.people.map(\.counted) == [DayCount(days: 2), DayCount(days: 1)])
    #expect(report.people.allSatisfy { $0.required == DayCount(days: 10) })
  }

  @Test("check --explain shows both posts of the head, and the days of neither as not in post")
  func explained() throws {
    let posts = [
      try post("共和镇", "郭某", role: "镇长", from: "2022-07-01", to: "2022-07-10"),
      try post("共和镇", "郭某", role: "党委书记", from: "2022-07-21"),
    ]
    let en = CheckExplainer(language: .en).explain(
      unit: "共和镇", month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: [], leaves: [])
    #expect(en.hasPrefix("共和镇 郭某 (in post: 镇长 2022-07-01 to 2022-07-10; 党委书记 2022-07-21 to now;"))
    #expect(!en.contains("\n\n"), "one section, not two")
    let rows = en.split(separator: "\n").filter { $0.hasPrefix("2022-07-") }
    #expect(rows.count == 31)
    #expect(rows.filter { $0.hasSuffix("not in post") }.count == 10)
    #expect(en.contains("D = 31, of them in post A = 21, required ceil(2 × 10 × 21 / 31) / 2 = 7 days."))
    let zh = CheckExplainer(language: .zh).explain(
      unit: "共和镇", month: try m("2022-07"), rules: try TestRules.set(), posts: posts, trips: [], leaves: [])
    #expect(zh.hasPrefix("共和镇 郭某（任职：镇长 2022-07-01 至 2022-07-10；党委书记 2022-07-21 至 今；"))
  }
}
