import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// The office's review (审核) of trips a unit submits: only approved trips count, every step is audited.
@Suite("Trip review")
struct ReviewTests {
  static let zhuba = ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道")
  static let office = ActingUser.office("督考员")
  static let viewer = ActingUser(login: "leader", role: .viewer)

  /// A ledger with 王某 of 朱坝街道 and 郭某 of 共和镇 in post all of 2022.
  static func ledger() throws -> Ledger {
    let ledger = try Ledger.inMemory()
    try ledger.addPosts(
      [Located(try post("朱坝街道", "王某", from: "2022-01-01")), Located(try post("共和镇", "郭某", from: "2022-01-01"))],
      rules: try TestRules.book(), stamp: testStamp)
    return ledger
  }

  static func submit(_ ledger: Ledger, _ trip: Trip, as actor: ActingUser = zhuba) throws -> Int64 {
    let outcome = try ledger.recordTrips(
      [Located(trip)], rules: try TestRules.book(), today: try d("2022-08-31"), stamp: testStamp.by(actor))
    return try #require(outcome.added.first?.id)
  }

  static func person(_ report: CheckReport, _ name: String) throws -> HeadResult {
    try #require(report.people.first { $0.name == name })
  }

  @Test func aUnitsTripWaitsForReviewAndCountsOnlyOnceApproved() throws {
    // Given a trip 朱坝街道 submitted, 3 days
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06"))

    // Then it is pending: listed as submitted, shown as pending days, not counted
    #expect(try ledger.trips(in: m("2022-07")).first?.review == .submitted)
    var report = try ledger.check(month: m("2022-07"), rules: TestRules.book())
    #expect(try Self.person(report, "王某").counted == .zero)
    #expect(try Self.person(report, "王某").pending == DayCount(days: 3))
    #expect(try CheckRenderer(language: .en).render(report, as: .json).contains("\"pending_days\" : 3"))
    #expect(try ledger.pendingTrips().map(\.id) == [id])

    // When the office approves it
    try ledger.approveTrips(ids: [id], stamp: testStamp.by(Self.office))

    // Then it counts and is pending no more
    report = try ledger.check(month: m("2022-07"), rules: TestRules.book())
    #expect(try Self.person(report, "王某").counted == DayCount(days: 3))
    #expect(try Self.person(report, "王某").pending == .zero)
    #expect(try ledger.pendingTrips().isEmpty)
  }

  @Test func theOfficesOwnTripsCountAtOnce() throws {
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"), as: Self.office)
    #expect(try ledger.trips().first { $0.id == id }?.review == .approved)
    #expect(try ledger.pendingTrips().isEmpty)
    let report = try ledger.check(month: m("2022-07"), rules: TestRules.book())
    #expect(try Self.person(report, "王某").counted == DayCount(days: 1))
  }

  @Test func aReturnedTripShowsTheReasonCountsNothingAndCanBeResubmittedOrWithdrawn() throws {
    // Given a submitted trip the office returned
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"))
    try ledger.returnTrip(id: id, reason: "目的地与行程单不符", stamp: testStamp.by(Self.office))

    // Then the unit sees the reason, and the trip counts neither as counted nor as pending
    let returned = try ledger.trip(id: id, as: Self.zhuba)
    #expect(returned.review == .returned)
    #expect(returned.returnReason == "目的地与行程单不符")
    let report = try ledger.check(month: m("2022-07"), rules: TestRules.book())
    #expect(try Self.person(report, "王某").counted == .zero)
    #expect(try Self.person(report, "王某").pending == .zero)

    // When the unit resubmits it, it is pending again; when it withdraws it, it is withdrawn for good
    #expect(try ledger.resubmitTrip(id: id, stamp: testStamp.by(Self.zhuba)).review == .submitted)
    #expect(try ledger.withdrawTrip(id: id, stamp: testStamp.by(Self.zhuba)).review == .withdrawn)
    #expect(throws: ZhaoshangError.self) { try ledger.approveTrips(ids: [id], stamp: testStamp.by(Self.office)) }
  }

  @Test func aWithdrawnTripEnteredAgainIsSubmittedAnewNotSkippedAsAlreadyRecorded() throws {
    // Given a trip the unit submitted and then withdrew
    let ledger = try Self.ledger()
    let withdrawn = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06"))
    _ = try ledger.withdrawTrip(id: withdrawn, stamp: testStamp.by(Self.zhuba))
    // When the unit enters the same trip again
    let again = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06"))
    // Then it is a new trip waiting for review, and the withdrawn one stays withdrawn
    #expect(again != withdrawn)
    #expect(try ledger.trip(id: again, as: Self.zhuba).review == .submitted)
    #expect(try ledger.trip(id: withdrawn, as: Self.zhuba).review == .withdrawn)
  }

  @Test func aCorrectionSubmitsTheNewTripAndWithdrawsTheReturnedOneTogether() throws {
    // Given a returned trip
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04", destination: "上海"))
    try ledger.returnTrip(id: id, reason: "目的地写错", stamp: testStamp.by(Self.office))
    let rules = try TestRules.book()
    let clerk = testStamp.by(Self.zhuba)

    // When the unit sends back the same trip as a "correction", it is refused and nothing changes
    let same = [Located(try trip("朱坝街道", "王某", "2022-07-04", destination: "上海"))]
    #expect(
      errorKind { try ledger.correctTrip(id: id, with: same, rules: rules, today: try d("2022-08-31"), stamp: clerk) }
        == "conflict")
    #expect(try ledger.trip(id: id, as: Self.zhuba).review == .returned)
    #expect(try ledger.trips().count == 1)

    // When it corrects the destination, the new trip waits for review and the old one is withdrawn
    let fixed = [Located(try trip("朱坝街道", "王某", "2022-07-04", destination: "杭州"))]
    let outcome = try ledger.correctTrip(id: id, with: fixed, rules: rules, today: try d("2022-08-31"), stamp: clerk)
    let newID = try #require(outcome.added.first?.id)
    #expect(try ledger.trip(id: id, as: Self.zhuba).review == .withdrawn)
    #expect(try ledger.trip(id: newID, as: Self.zhuba).review == .submitted)
    #expect(try ledger.verify().isClean)
  }

  @Test func aUnitCannotRecordSeeOrReviewAnotherUnitsTrips() throws {
    let ledger = try Self.ledger()
    let theirs = try Self.submit(
      ledger, try trip("共和镇", "郭某", "2022-07-04"), as: ActingUser(login: "gonghe", role: .unit, unit: "共和镇"))
    let before = try ledger.trips().count

    // A trip of another unit is refused as forbidden, nothing written
    #expect(
      errorKind {
        _ = try Self.submit(ledger, try trip("共和镇", "郭某", "2022-07-05"))
      } == "forbidden")
    #expect(try ledger.trips().count == before)

    // Its trips do not exist for this unit, and it cannot withdraw or approve them
    #expect(
      errorKind {
        _ = try ledger.trip(id: theirs, as: Self.zhuba)
      } == "notFound")
    #expect(
      errorKind {
        _ = try ledger.withdrawTrip(id: theirs, stamp: testStamp.by(Self.zhuba))
      } == "notFound")
    #expect(
      errorKind {
        _ = try ledger.approveTrips(ids: [theirs], stamp: testStamp.by(Self.zhuba))
      } == "forbidden")
    #expect(try ledger.pendingTrips().map(\.id) == [theirs])
  }

  @Test func aViewerChangesNothing() throws {
    let ledger = try Self.ledger()
    #expect(
      errorKind {
        _ = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"), as: Self.viewer)
      } == "forbidden")
    #expect(try ledger.trips().isEmpty)
  }

  @Test func onlyASubmittedTripCanBeApprovedAndApprovalIsAllOrNothing() throws {
    let ledger = try Self.ledger()
    let pending = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"))
    let approved = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-08"), as: Self.office)
    #expect(
      errorKind {
        _ = try ledger.approveTrips(ids: [pending, approved], stamp: testStamp.by(Self.office))
      } == "conflict")
    #expect(try ledger.pendingTrips().map(\.id) == [pending])
  }

  @Test func closingAMonthWithPendingTripsIsRefusedUnlessForced() throws {
    let ledger = try Self.ledger()
    _ = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"))
    #expect(
      errorKind {
        _ = try ledger.close(
          month: m("2022-07"), rules: TestRules.book(sha256: String(repeating: "0", count: 64)), today: d("2022-08-02"),
          stamp: testStamp)
      } == "conflict")
    _ = try ledger.close(
      month: m("2022-07"), rules: TestRules.book(sha256: String(repeating: "0", count: 64)), today: d("2022-08-02"),
      force: true, stamp: testStamp)
  }

  @Test func approvingATripOfAClosedMonthIsAConflict() throws {
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"))
    _ = try ledger.close(
      month: m("2022-07"), rules: TestRules.book(sha256: String(repeating: "0", count: 64)), today: d("2022-08-02"),
      force: true, stamp: testStamp)
    #expect(
      errorKind {
        _ = try ledger.approveTrips(ids: [id], stamp: testStamp.by(Self.office))
      } == "conflict")
  }

  @Test func everyStepIsAnAuditEventThatVerifyChecks() throws {
    // Given a trip submitted, returned, resubmitted and approved
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"))
    try ledger.returnTrip(id: id, reason: "请补充企业名称", stamp: testStamp.by(Self.office))
    try ledger.resubmitTrip(id: id, stamp: testStamp.by(Self.zhuba))
    try ledger.approveTrips(ids: [id], stamp: testStamp.by(Self.office))

    // Then verify passes, and history names each step, the unit's login with its unit
    #expect(try ledger.verify().isClean)
    let events = try ledger.history(trip: id)
    let actions = events.map(\.action)
    #expect(actions.filter { $0 == .tripsSubmitted }.count == 2)
    #expect(actions.contains(.tripReturned) && actions.contains(.tripsApproved))
    #expect(events.contains { $0.by == "zhuba" && $0.detail.contains("unit 朱坝街道") })

    // When a review step is changed behind the tool's back (the trigger dropped first)
    try ledger.write { db in
      try db.execute(sql: "DROP TRIGGER trip_review_never_changed")
      try db.execute(sql: "UPDATE trip_review SET status = 'approved' WHERE status = 'returned'")
    }
    // Then verify finds it
    #expect(try ledger.verify().isClean == false)
  }

  @Test func theLedgerRefusesAStepThatDoesNotFollow() throws {
    let ledger = try Self.ledger()
    let id = try Self.submit(ledger, try trip("朱坝街道", "王某", "2022-07-04"), as: Self.office)
    // An approved (office) trip cannot be returned, even by SQL
    #expect(throws: (any Error).self) {
      try ledger.write { db in
        try db.execute(
          sql: """
            INSERT INTO trip_review (trip_id, status, reason, by_login, by_role, at)
            VALUES (?, 'returned', 'x', 'x', 'office', 'now')
            """, arguments: [id])
      }
    }
  }
}
