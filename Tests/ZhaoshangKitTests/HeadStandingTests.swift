import Testing

@testable import ZhaoshangKit

/// What a unit's home page shows of each head: days left and the warning (预警).
@Suite("Head standing")
struct HeadStandingTests {
  static func person(counted: Double, pending: Double = 0, required: Double = 10) throws -> HeadResult {
    HeadResult(
      unit: "朱坝街道", tier: TestRules.town, name: "王某", role: "书记", daysInPost: 31,
      required: DayCount(halves: Int(required * 2)), counted: DayCount(halves: Int(counted * 2)),
      pending: DayCount(halves: Int(pending * 2)))
  }

  @Test func daysLeftCountTodayAndWarnWhenTheyCannotOrOnlyJustMakeUpTheShortfall() throws {
    let july = try m("2022-07")
    // 20 July: 12 days left, today included
    let relaxed = HeadStanding(try Self.person(counted: 4), month: july, today: try d("2022-07-20"))
    #expect(relaxed.daysLeft == 12)
    #expect(relaxed.warning == nil)
    // 6 days needed, 7 left: only just
    #expect(HeadStanding(try Self.person(counted: 4), month: july, today: try d("2022-07-25")).warning == .tight)
    // 6 needed, 3 left: cannot
    #expect(HeadStanding(try Self.person(counted: 4), month: july, today: try d("2022-07-29")).warning == .cannotMeet)
    // pending days that would cover it: no warning
    #expect(
      HeadStanding(try Self.person(counted: 4, pending: 6), month: july, today: try d("2022-07-29")).warning == nil)
    // after the month: nothing left
    #expect(HeadStanding(try Self.person(counted: 10), month: july, today: try d("2022-08-02")).daysLeft == 0)
  }
}
