import Testing

@testable import ZhaoshangKit

/// The closed-month rule as a pure decision over the closes in force and what a write touches: no store involved.
@Suite("The closed-month rule")
struct ClosedMonthRuleTests {
  static let june = ClosedMonthRule.Close(
    id: 1, month: Month(year: 2022, month: 6) ?? Month(containing: CivilDate(ordinal: 0)), closedBy: "督查室",
    closedAt: "2022-07-05T09:00:00+08:00")
  static let july = ClosedMonthRule.Close(
    id: 2, month: Month(year: 2022, month: 7) ?? Month(containing: CivilDate(ordinal: 0)), closedBy: "督查室",
    closedAt: "2022-08-05T09:00:00+08:00")
  static let amendment = Amendment(reason: "补登漏报的外出", command: "add trip")

  @Test func aWriteTouchingNoClosedMonthIsFree() throws {
    let amended = try ClosedMonthRule.amended(
      by: nil, closes: [Self.june, Self.july], clock: .district, touches: { $0.month == 8 })
    #expect(amended.isEmpty)
  }

  @Test func aWriteTouchingClosedMonthsWithoutAmendmentIsRefusedNamingThem() throws {
    // When a write touching June and July comes without an amendment
    let error = #expect(throws: ZhaoshangError.self) {
      try ClosedMonthRule.amended(by: nil, closes: [Self.june, Self.july], clock: .district, touches: { _ in true })
    }
    // Then it is a conflict with monthClosed, naming both months and who closed them
    guard case .conflict(let problem) = error else {
      Issue.record("expected a conflict, got \(String(describing: error))")
      return
    }
    #expect(problem.code == .monthClosed)
    #expect(problem.arguments["months"] == "2022-06,2022-07")
    #expect(problem.text(.en).contains("2022-06, 2022-07 are closed (2022-06 closed on"))
    #expect(problem.text(.zh).contains("由 督查室 封存"))
  }

  @Test func anAmendmentNamesOnlyTheClosesTheWriteTouches() throws {
    let amended = try ClosedMonthRule.amended(
      by: Self.amendment, closes: [Self.june, Self.july], clock: .district, touches: { $0.month == 7 })
    #expect(amended == [Self.july])
  }

  @Test func anAmendmentWithoutReasonIsRefusedEvenWhereNothingIsClosed() {
    let error = #expect(throws: ZhaoshangError.self) {
      try ClosedMonthRule.amended(
        by: Amendment(reason: "  ", command: "add trip"), closes: [], clock: .district, touches: { _ in false })
    }
    #expect(error?.code == .reasonMissing)
  }
}
