import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// The month's cycle in pages: a unit reports, the office returns or approves, the unit sees its standing.
@Suite("Review flow")
struct ReviewFlowTests {
  @Test func aUnitReportsTheOfficeApprovesAndTheUnitSeesTheNewStanding() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let form = [
        ("heads[]", "王某"), ("heads[]", "刘某"), ("from", "2022-07-18"), ("to", "2022/7/19"), ("to_morning", "1"),
        ("kind", "visit"), ("destination", "南京"), ("purpose", "拜访企业"), ("companies", "甲公司;乙公司"),
      ]
      let submitted = try await client.post("/unit/trips", form, session: zhuba)
      #expect(submitted.status == .ok)
      #expect(submitted.body.contains("待审核"))
      let ids = try harness.ledger.pendingTrips(unit: "朱坝街道").compactMap(\.id)
      #expect(ids.count == 2)

      let office = try await client.logIn("office")
      let queue = try await client.get("/office/review", session: office)
      #expect(queue.body.contains("南京"))
      let approved = try await client.post(
        "/office/review/approve", ids.map { ("ids[]", "\($0)") }, session: office)
      #expect(approved.status == .ok)

      let home = try await client.get("/unit", session: zhuba)
      #expect(home.body.contains("已通过"))
      #expect(!home.body.contains("待审核</td>"))
      #expect(try harness.ledger.verify().isClean)
    }
  }

  @Test func aReturnedTripIsCorrectedAndResubmitted() async throws {
    let harness = try WebHarness()
    let id = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    try await harness.test { client in
      let office = try await client.logIn("office")
      let returned = try await client.post("/office/review/\(id)/return", [("reason", "目的地写错")], session: office)
      #expect(returned.status == .ok)

      let zhuba = try await client.logIn("zhuba")
      let reply1 = try await client.get("/unit", session: zhuba)
      #expect(reply1.body.contains("目的地写错"))
      let form = try await client.get("/unit/trips/\(id)/correct", session: zhuba)
      #expect(form.status == .ok)
      #expect(form.body.contains("value=\"上海\""))
      let corrected = try await client.post(
        "/unit/trips/\(id)/correct",
        [("heads[]", "王某"), ("from", "2022-07-18"), ("to", "2022-07-18"), ("destination", "杭州")], session: zhuba)
      #expect(corrected.status == .ok)
      let trips = try harness.ledger.trips(in: Demo.month, unit: "朱坝街道")
      #expect(trips.first { $0.id == id }?.review == .withdrawn)
      #expect(trips.contains { $0.destination == "杭州" && $0.review == .submitted })
    }
  }

  @Test func aFormWithProblemsIsShownAgainWithEveryProblemAndNothingWritten() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let before = try harness.tripCount()
      let reply = try await client.post(
        "/unit/trips", [("from", "2022-07-40"), ("destination", "<b>x</b>")], session: zhuba)
      #expect(reply.status == .unprocessableContent)
      #expect(reply.body.contains("heads") && reply.body.contains("from"))
      #expect(reply.body.contains("value=\"&lt;b&gt;x&lt;/b&gt;\""))
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func aViewerSeesTheOfficePagesWithoutAnyChangingForm() async throws {
    let harness = try WebHarness()
    _ = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    try await harness.test { client in
      let leader = try await client.logIn("leader")
      let review = try await client.get("/office/review", session: leader)
      #expect(review.status == .ok)
      #expect(review.body.contains("上海"))
      #expect(!review.body.contains("/office/review/approve") && !review.body.contains("ids[]"))
      #expect(!review.body.contains("name=\"reason\""))
    }
  }

  @Test func loggingOutEndsTheSessionInTheLedger() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let reply2 = try await client.post("/logout", session: zhuba)
      #expect(reply2.status == .seeOther)
      let reply3 = try await client.get("/unit", session: zhuba)
      #expect(reply3.status == .seeOther)
    }
  }
}
