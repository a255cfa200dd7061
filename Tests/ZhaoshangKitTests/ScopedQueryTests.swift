import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// A unit's listings and check are scoped in the query: they must hold exactly what the whole ledger's hold for
/// that unit, no more and no less.
@Suite("Scoped queries")
struct ScopedQueryTests {
  /// The shipped example, with a trip waiting for review and a returned one in each of three units, so the
  /// review steps the check reads are scoped too.
  static func ledger() throws -> (Ledger, RuleBook) {
    let (ledger, rules) = try Demo.load()
    let office = testStamp.by(.office("督考员"))
    let posts = Dictionary(grouping: try ledger.posts(on: try d("2022-07-11")), by: \.unit)
    for unit in posts.keys.sorted().prefix(3) {
      let name = try #require(posts[unit]?.first?.name)
      let actor = ActingUser(login: "clerk-\(unit)", role: .unit, unit: unit)
      let submitted = try ledger.recordTrips(
        [
          Located(try trip(unit, name, "2022-07-11", "2022-07-12")),
          Located(try trip(unit, name, "2022-07-14", "2022-07-15")),
        ], rules: rules, today: try d("2022-07-20"), stamp: testStamp.by(actor))
      let returned = try #require(submitted.added.last?.id)
      try ledger.returnTrip(id: returned, reason: "目的地写错", stamp: office)
    }
    return (ledger, rules)
  }

  @Test func everyUnitsScopedCheckIsTheWholeChecksShareOfIt() throws {
    // Given the example ledger with trips in review
    let (ledger, rules) = try Self.ledger()
    let whole = try ledger.check(month: Demo.month, rules: rules)
    #expect(whole.people.contains { $0.pending > .zero })

    // Then for every unit, the check scoped in the query is the whole check scoped afterwards
    for unit in rules.allUnits {
      let scoped = try ledger.check(month: Demo.month, rules: rules, unit: unit)
      #expect(scoped == whole.scoped(to: unit), "\(unit)")
      #expect(scoped.people.allSatisfy { $0.unit == unit })
      #expect(scoped.units.map(\.unit) == [unit])
    }
  }

  @Test func everyUnitsListingsAreTheWholeListingsShareOfThem() throws {
    // Given the example ledger with trips in review
    let (ledger, rules) = try Self.ledger()
    let trips = try ledger.trips(in: Demo.month)
    let leaves = try ledger.leaves(in: Demo.month)
    let allLeave = try ledger.leaves()
    let pending = try ledger.pendingTrips()
    #expect(!pending.isEmpty)

    // Then each unit's listing is the whole listing filtered to the unit
    for unit in rules.allUnits {
      #expect(try ledger.trips(in: Demo.month, unit: unit) == trips.filter { $0.unit == unit }, "\(unit)")
      #expect(try ledger.leaves(in: Demo.month, unit: unit) == leaves.filter { $0.unit == unit }, "\(unit)")
      #expect(try ledger.pendingTrips(unit: unit) == pending.filter { $0.unit == unit }, "\(unit)")
    }
    for leave in allLeave.prefix(5) {
      #expect(
        try ledger.leaves(unit: leave.unit, name: leave.name)
          == allLeave.filter { $0.unit == leave.unit && $0.name == leave.name })
    }
  }

  @Test func theChecksQueryFindsEachTripsReviewByItsIndexNotByReadingTheTable() throws {
    // Given the example ledger with trips in review
    let (ledger, _) = try Self.ledger()

    for scoped in [false, true] {
      // When SQLite explains how it runs the check's query, whole or for one unit
      let unit: [String] = scoped ? ["朱坝街道"] : []
      let arguments =
        ["2022-06-17", "2022-07-31", "2022-07-01", "visit"] + unit + ["2022-06-17", "2022-07-01", "visit"] + unit
      let plan = try ledger.read { db in
        try Row.fetchAll(
          db, sql: "EXPLAIN QUERY PLAN " + CheckQuery.countedTripsSQL(kinds: 1, scoped: scoped),
          arguments: StatementArguments(arguments)
        ).map { row -> String in row["detail"] }
      }

      // Then each trip's review steps are looked up through trip_review_by_trip, never by scanning the table,
      // and one unit's trips are read by head
      #expect(plan.contains { $0.contains("trip_review USING") && $0.contains("trip_review_by_trip") }, "\(plan)")
      #expect(!plan.contains { $0.hasPrefix("SCAN trip_review") }, "\(plan)")
      #expect(plan.contains { $0.contains(scoped ? "trip_by_head" : "trip_by_dates") }, "\(plan)")
    }
  }
}
