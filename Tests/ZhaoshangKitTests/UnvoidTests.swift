import Foundation
import Testing

@testable import ZhaoshangKit

/// Undoing a mistaken void: a restored copy that counts, the voided trip left as it was, both audited.
@Suite("unvoid: undoing a void")
struct UnvoidTests {
  /// July's fixture, and the id of its voided 合肥 trip (乙镇 李某, 7 days).
  private func voidedJuly() throws -> (Ledger, RuleBook, Int64) {
    let rules = try MonthCycle.rules()
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let voided = try ledger.trips(unit: "乙镇", name: "李某").first { $0.destination == "合肥" }
    return (ledger, rules, try #require(voided?.id))
  }

  private func counted(_ ledger: Ledger, _ rules: RuleBook) throws -> DayCount? {
    try ledger.check(month: try m("2022-07"), rules: rules).people.first { $0.name == "李某" }?.counted
  }

  @Test("An undone void counts again as a new trip; the voided trip stays void; both steps are in the trail")
  func roundTrip() throws {
    // Given the 合肥 trip voided
    let (ledger, rules, id) = try voidedJuly()
    let before = try counted(ledger, rules)
    // When its void is undone
    let restoration = try ledger.unvoidTrip(id: id, reason: "误作废", stamp: MonthCycle.stamp)
    // Then a copy with a new id counts its 7 days, and the voided trip is unchanged
    let restored = restoration.restored
    #expect(restored.id != id && !restored.isVoid && restored.destination == "合肥")
    #expect(restored.start == restoration.voided.start && restored.end == restoration.voided.end)
    let trips = try ledger.trips(unit: "乙镇", name: "李某")
    #expect(trips.first { $0.id == id }?.voiding?.reason == "重复登记")
    #expect(try counted(ledger, rules) == (before ?? DayCount(halves: 0)) + DayCount(halves: 14))
    // And the trip's history ends with the undoing, the reason given, and the ledger verifies
    let last = try #require(try ledger.history(trip: id).last)
    #expect(last.action == .tripUnvoided && last.detail.contains("误作废"), "\(last.detail)")
    #expect(try ledger.history(trip: try #require(restored.id)).map(\.action) == [.tripUnvoided])
    #expect(try ledger.verify().isClean)
  }

  @Test("A void is undone once; a trip that is not void, or does not exist, is refused")
  func refusals() throws {
    let (ledger, _, id) = try voidedJuly()
    let restored = try ledger.unvoidTrip(id: id, reason: "误作废", stamp: MonthCycle.stamp).restored
    let again = MonthCycle.messages { try ledger.unvoidTrip(id: id, reason: "误作废", stamp: MonthCycle.stamp) }
    #expect(again?.zh.contains("恢复为第 \(restored.id ?? 0) 条") == true, "\(String(describing: again))")
    let live = MonthCycle.messages {
      try ledger.unvoidTrip(id: restored.id ?? 0, reason: "误作废", stamp: MonthCycle.stamp)
    }
    #expect(live?.en.contains("is not void, so there is nothing to undo") == true, "\(String(describing: live))")
    let missing = MonthCycle.messages { try ledger.unvoidTrip(id: 9999, reason: "误作废", stamp: MonthCycle.stamp) }
    #expect(missing?.en.contains("there is no trip 9999") == true)
    let empty = MonthCycle.messages { try ledger.unvoidTrip(id: id, reason: " ", stamp: MonthCycle.stamp) }
    #expect(empty?.zh.contains("撤销作废的原因不能为空") == true)
    // And the restored copy can be voided again, and that void undone in turn
    try ledger.voidTrip(id: restored.id ?? 0, reason: "确属重复", stamp: MonthCycle.stamp)
    let second = try ledger.unvoidTrip(id: restored.id ?? 0, reason: "并非重复", stamp: MonthCycle.stamp)
    #expect(!second.restored.isVoid)
    #expect(try ledger.verify().isClean)
  }

  @Test("A trip voided while it waited for review is not brought back counting: the unit submits it again")
  func voidedBeforeReview() throws {
    // Given a trip 甲镇's clerk submitted, which the office voided before reviewing it
    let (ledger, rules, _) = try voidedJuly()
    let clerk = Stamp(actor: ActingUser(login: "jiazhen", role: .unit, unit: "甲镇"), at: "2022-07-20T01:00:00Z")
    let date = try d("2022-07-26")
    let submitted = try ledger.recordTrips(
      [Located(Trip(unit: "甲镇", name: "钱某", start: date, end: date, destination: "南京"))], rules: rules,
      today: MonthCycle.today, stamp: clerk
    ).added
    let id = try #require(submitted.first?.id)
    try ledger.voidTrip(id: id, reason: "单位报错", stamp: MonthCycle.stamp)

    // When the office undoes that void
    let refused = MonthCycle.messages { try ledger.unvoidTrip(id: id, reason: "误作废", stamp: MonthCycle.stamp) }

    // Then it is refused, saying why and what to do, and no copy was written
    #expect(refused?.zh.contains("从未审核通过") == true, "\(String(describing: refused))")
    #expect(refused?.zh.contains("请让单位重新报送这次外出") == true)
    #expect(try ledger.trips(unit: "甲镇", name: "钱某").filter { $0.start == date && !$0.isVoid }.isEmpty)
  }

  @Test("In a closed month the undoing is refused, and with an amendment recorded as one")
  func closedMonth() throws {
    // Given July closed after the void
    let (ledger, rules, id) = try voidedJuly()
    try ledger.close(month: try m("2022-07"), rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)
    // When the void is undone without an amendment
    let refused = MonthCycle.messages { try ledger.unvoidTrip(id: id, reason: "误作废", stamp: MonthCycle.stamp) }
    // Then it is refused and nothing is written
    #expect(refused?.en.contains("is closed") == true, "\(String(describing: refused))")
    #expect(try ledger.trips(unit: "乙镇", name: "李某").filter { $0.destination == "合肥" }.count == 1)
    // When it comes with an amendment, it is written and the amendment names the command
    try ledger.unvoidTrip(
      id: id, reason: "误作废", stamp: MonthCycle.stamp,
      amendment: Amendment(reason: "误作废", command: "unvoid \(id)"))
    #expect(try ledger.amendments(month: try m("2022-07")).map(\.command) == ["unvoid \(id)"])
    #expect(try ledger.verify().isClean)
  }

  @Test("verify names a restoration changed, deleted or slipped in behind the tool's back")
  func tamperedRestoration() throws {
    try withTemporaryFolder { folder in
      // Given trip 3 voided and then restored (as trip 4)
      let fixture = try AuditedLedger(folder: folder)
      try fixture.ledger.unvoidTrip(id: 3, reason: "误作废", stamp: fixture.stamp)
      #expect(try fixture.verify().isClean)
      // When the restoration's reason is changed, and a second restoration is slipped in
      try fixture.tamper("UPDATE trip_restoration SET reason = '改过' WHERE id = 1")
      try fixture.tamper(
        """
        INSERT INTO trip_restoration (voided_trip_id, restored_trip_id, reason, recorded_by, recorded_at)
        VALUES (1, 2, '伪造', 'x', 'y')
        """)
      // Then verify names both
      let found = try fixture.verify().disagreements.map { $0.text(.en) }
      #expect(found.contains { $0.hasPrefix("restoration 1 differs from what event") }, "\(found)")
      #expect(found.contains("restoration 2 was not recorded by any event: it was written outside zhaoshang"))
    }
  }

  @Test("A trip repeating a voided one is skipped with a warning naming the void to undo; after unvoid, silently")
  func repeatOfVoided() throws {
    // Given the 合肥 trip voided
    let (ledger, rules, id) = try voidedJuly()
    let again = try MonthCycle.trip("乙镇", "李某", "2022-07-25", "2022-07-31", "合肥")
    // When it is recorded again
    let outcome = try ledger.recordTrips(
      [Located(again, location: "7月.csv:9", excerpt: "乙镇,李某")], rules: rules, today: MonthCycle.today,
      stamp: MonthCycle.stamp)
    // Then nothing is added, and the warning says which void it repeats and what to do
    #expect(outcome.added.isEmpty && outcome.alreadyPresent.count == 1)
    let warning = try #require(outcome.warnings.first)
    #expect(warning.code == .tripRepeatsVoided && warning.location == "7月.csv:9")
    #expect(warning.explanation(.zh).hasPrefix("与已作废的第 \(id) 条外出记录相同，未再登记；如那次作废有误，请督考办撤销对第 \(id) 条的作废"))
    #expect(warning.explanation(.en).contains("repeats trip \(id), which was voided"))
    // When the void is undone and the trip recorded once more, it is a plain repeat
    try ledger.unvoidTrip(id: id, reason: "误作废", stamp: MonthCycle.stamp)
    let after = try ledger.recordTrips([Located(again)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)
    #expect(after.added.isEmpty && after.warnings.isEmpty)
  }
}
