import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// Closing and reopening a month from the office's page.
@Suite("Closing in the browser")
struct WebClosingTests {
  @Test func theOfficeClosesAndReopensAMonthAndOthersCannot() async throws {
    let harness = try WebHarness()
    let id = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    try await harness.test { client in
      for login in ["zhuba", "leader"] {
        let session = try await client.logIn(login)
        let reply = try await client.post("/office/close", [("month", "2022-07"), ("force", "1")], session: session)
        #expect(reply.status == .forbidden, "\(login)")
      }
      #expect(try harness.ledger.closes().isEmpty)
      let office = try await client.logIn("office")
      // A trip still pending and the month not over: refused unless forced
      let refused = try await client.post("/office/close", [("month", "2022-07")], session: office)
      #expect(refused.status == .conflict)
      let closed = try await client.post("/office/close", [("month", "2022-07"), ("force", "1")], session: office)
      #expect(closed.status == .seeOther)
      let page = try await client.get("/office?month=2022-07", session: office)
      #expect(page.body.contains("/office/reopen"))
      // Approving into the closed month is a conflict, shown as such
      let approve = try await client.post("/office/review/approve", [("ids[]", "\(id)")], session: office)
      #expect(approve.status == .conflict)
      let reopened = try await client.post(
        "/office/reopen", [("month", "2022-07"), ("reason", "补登")], session: office)
      #expect(reopened.status == .seeOther)
      #expect(try harness.ledger.closes().first?.reopening != nil)
      #expect(try harness.ledger.verify().isClean)
    }
  }
}
