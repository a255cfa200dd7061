import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// /api/v1 with Bearer tokens: the same rules as the pages.
@Suite("API")
struct APITests {
  static func token(_ harness: WebHarness, _ login: String) throws -> HTTPFields {
    let token = try harness.ledger.issueToken(login: login, stamp: Stamp.now(by: "测试员"))
    return [.authorization: "Bearer \(token)", .contentType: "application/json"]
  }

  static let trip =
    #"{"names": ["王某"], "from": "2022-07-18 下午", "to": "2022-07-19", "destination": "南京", "companies": ["甲公司"]}"#

  @Test func aUnitPostsATripThatWaitsForTheOfficeWhichApprovesIt() async throws {
    let harness = try WebHarness()
    let zhuba = try Self.token(harness, "zhuba")
    let office = try Self.token(harness, "office")
    try await harness.test { client in
      let created = try await client.send("/api/v1/trips", method: .post, headers: zhuba, body: Self.trip)
      #expect(created.status == .created)
      #expect(created.body.contains(#""status":"submitted""#))
      let id = try #require(harness.ledger.pendingTrips().first?.id)
      #expect(try harness.ledger.trip(id: id, as: .office("x")).startsAfternoon)

      let check = try await client.send("/api/v1/check?month=2022-07", method: .get, headers: zhuba)
      #expect(check.status == .ok)
      #expect(check.body.contains("\"pending_days\" : 1.5"))
      #expect(!check.body.contains("共和镇"))

      let approved = try await client.send("/api/v1/trips/\(id)/approve", method: .post, headers: office)
      #expect(approved.status == .ok)
      #expect(approved.body.contains(#""status":"approved""#))
      #expect(try harness.ledger.verify().isClean)
      #expect(try harness.ledger.history(trip: id).contains { $0.by == "zhuba" })
    }
  }

  @Test func aUnitsTokenReachesOnlyItsUnit() async throws {
    let harness = try WebHarness()
    let theirs = try harness.record(as: "gonghe", unit: "共和镇", name: "何某", start: "2022-07-18")
    let mine = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    let zhuba = try Self.token(harness, "zhuba")
    try await harness.test { client in
      let before = try harness.tripCount()
      let other = #"{"unit": "共和镇", "names": ["何某"], "from": "2022-07-20", "destination": "南京"}"#
      let reply1 = try await client.send("/api/v1/trips", method: .post, headers: zhuba, body: other)
      #expect(reply1.status == .forbidden)
      #expect(try harness.tripCount() == before)

      let listing = try await client.send("/api/v1/trips?month=2022-07", method: .get, headers: zhuba)
      #expect(listing.body.contains("朱坝街道") && !listing.body.contains("共和镇"))

      let reply2 = try await client.send("/api/v1/trips/\(theirs)/approve", method: .post, headers: zhuba)
      #expect(reply2.status == .notFound)
      let reply3 = try await client.send("/api/v1/trips/\(mine)/approve", method: .post, headers: zhuba)
      #expect(reply3.status == .forbidden)
      let returned = try await client.send(
        "/api/v1/trips/\(mine)/return", method: .post, headers: zhuba, body: #"{"reason": "x"}"#)
      #expect(returned.status == .forbidden)
      #expect(try harness.ledger.pendingTrips().compactMap(\.id).sorted() == [theirs, mine].sorted())
    }
  }

  @Test func aViewersTokenChangesNothing() async throws {
    let harness = try WebHarness()
    let leader = try Self.token(harness, "leader")
    try await harness.test { client in
      let before = try harness.tripCount()
      let body = #"{"unit": "朱坝街道", "names": ["王某"], "from": "2022-07-20", "destination": "南京"}"#
      let reply4 = try await client.send("/api/v1/trips", method: .post, headers: leader, body: body)
      #expect(reply4.status == .forbidden)
      #expect(try harness.tripCount() == before)
      let reply5 = try await client.send("/api/v1/check?month=2022-07", method: .get, headers: leader)
      #expect(reply5.status == .ok)
    }
  }

  @Test func errorsSayWhichFieldAndWhy() async throws {
    let harness = try WebHarness()
    let zhuba = try Self.token(harness, "zhuba")
    try await harness.test { client in
      let malformed = try await client.send("/api/v1/trips", method: .post, headers: zhuba, body: "{not json")
      #expect(malformed.status == .badRequest)
      let missing = try await client.send("/api/v1/trips", method: .post, headers: zhuba, body: #"{"names": []}"#)
      #expect(missing.status == .badRequest)
      #expect(missing.body.contains(#""field":"from""#))
      let invalid = try await client.send(
        "/api/v1/trips", method: .post, headers: zhuba,
        body: #"{"names": ["王某"], "from": "2022-02-30", "destination": ""}"#)
      #expect(invalid.status == .unprocessableContent)
      #expect(invalid.body.contains(#""field":"from""#) && invalid.body.contains(#""field":"destination""#))
      let unknown = try await client.send(
        "/api/v1/trips/999999/approve", method: .post, headers: try Self.token(harness, "office"))
      #expect(unknown.status == .notFound)
    }
  }

  @Test func approvingIntoAClosedMonthIs409() async throws {
    let harness = try WebHarness()
    let id = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    _ = try harness.ledger.close(
      month: Demo.month, rules: harness.rules, today: DemoServer.today, force: true, stamp: Stamp.now(by: "测试员"))
    let office = try Self.token(harness, "office")
    try await harness.test { client in
      let reply = try await client.send("/api/v1/trips/\(id)/approve", method: .post, headers: office)
      #expect(reply.status == .conflict)
      #expect(reply.body.contains(#""code":"trip.closedMonth""#))
    }
  }

  @Test func theOpenAPIDocumentServedIsTheOneCommitted() async throws {
    let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")
    let text = try String(contentsOf: committed, encoding: .utf8)
    let harness = try WebHarness()
    try await harness.test { client in
      let reply = try await client.get("/api/v1/openapi.json")
      #expect(reply.status == .ok)
      #expect(reply.body == text)
      #expect(reply.body.contains(#""openapi": "3.1.0""#))
    }
  }
}
