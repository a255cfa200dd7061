import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// The unit's trip form reads dates and half days as the import and the command line do.
@Suite("The trip form reads what clerks write")
struct TripFormInputTests {
  @Test func aMorningStartWithNoEndIsSentAsAMorningOnlyTrip() async throws {
    // Given a unit's clerk logged in (today is 2022-07-20)
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")

      // When the form is sent with a start written 2022年7月18日 上午 and no end
      let reply = try await client.post(
        "/unit/trips",
        [("heads[]", "王某"), ("from", "2022年7月18日 上午"), ("to", ""), ("kind", "visit"), ("destination", "南京")],
        session: zhuba)

      // Then one trip of the morning of the 18th waits for review
      #expect(reply.status == .ok, "\(reply.body.prefix(2000))")
      let pending = try harness.ledger.pendingTrips(unit: "朱坝街道").filter { $0.destination == "南京" }
      #expect(pending.count == 1)
      #expect(pending.first?.endsMorning == true)
      #expect(pending.first?.length == DayCount(halves: 1))
    }
  }

  @Test func aDateWithoutItsYearIsRefusedBesideTheStartField() throws {
    // Given a draft whose start is written without its year
    var draft = TripDraft(from: "7月18日", to: "")
    draft.heads = ["王某"]
    draft.destination = "南京"
    // When it is made into trips
    guard case .failure(let failure) = draft.trips(unit: "朱坝街道") else {
      Issue.record("a date without its year was accepted")
      return
    }
    // Then the problem stands beside the start field and says to write the year
    let problem = try #require(failure.problems.first)
    #expect(problem.field == "from")
    #expect(problem.message.en.contains("the date \"7月18日\" has no year; write it in full, such as 2022年7月18日"))
  }
}
