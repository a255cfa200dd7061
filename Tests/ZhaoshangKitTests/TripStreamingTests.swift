import Foundation
import Testing

@testable import ZhaoshangKit

/// `Ledger.forEachTrip` hands over, batch by batch as it reads them, the very trips `Ledger.trips` lists.
@Suite("Trips listed as they are read")
struct TripStreamingTests {
  @Test func streamedTripsAreTheListedOnesAcrossBatches() throws {
    // Given more trips than one batch holds, some void, one waiting for review and one returned
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    let stamp = testStamp
    try ledger.addPosts(
      [Located(try post("朱坝街道", "王某")), Located(try post("住建局", "唐某", role: "局长"))], rules: rules, stamp: stamp)
    var trips: [Located<Trip>] = []
    for index in 0..<(Ledger.streamingBatch * 2 + 321) {
      let day = 1 + index % 28
      trips.append(
        Located(
          try trip(
            index % 2 == 0 ? "朱坝街道" : "住建局", index % 2 == 0 ? "王某" : "唐某",
            "2022-\(index % 3 == 0 ? "06" : "07")-\(day < 10 ? "0" : "")\(day)", destination: "城市\(index)",
            voided: index % 97 == 0)))
    }
    try ledger.recordTrips(trips, rules: rules, today: try d("2022-08-31"), stamp: stamp)
    let unit = ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道")
    let waiting = try ledger.recordTrips(
      [Located(try trip("朱坝街道", "王某", "2022-07-20", destination: "待审"))], rules: rules,
      today: try d("2022-08-31"), stamp: stamp.by(unit))
    let returned = try ledger.recordTrips(
      [Located(try trip("朱坝街道", "王某", "2022-07-21", destination: "退回"))], rules: rules,
      today: try d("2022-08-31"), stamp: stamp.by(unit))
    _ = try ledger.returnTrip(
      id: try #require(returned.added.first?.id), reason: "缺少附件", stamp: stamp.by(ActingUser.office("督考员")))

    // When / Then every filter streams what it lists, statuses and reasons included
    for (month, unitName) in [(nil, nil), (try m("2022-07"), nil), (try m("2022-06"), "住建局")] as [(Month?, String?)] {
      var streamed: [Trip] = []
      try ledger.forEachTripPage(in: month, unit: unitName, passes: 1) { streamed += $1 }
      #expect(streamed == (try ledger.trips(in: month, unit: unitName)))
    }
    var all: [Trip] = []
    try ledger.forEachTripPage(passes: 1) { all += $1 }
    #expect(all.count > Ledger.streamingBatch * 2)
    #expect(all.contains { $0.id == waiting.added.first?.id && $0.review == .submitted })
    #expect(all.contains { $0.review == .returned && $0.returnReason == "缺少附件" })
  }
}
