import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// The library's problems reach the web with their code and field: the form shows each beside its field, the
/// API sends `{"code", "field", "message"}`, and no command-line option is named to a browser's user.
@Suite("Problems on the web")
struct ProblemFieldTests {
  @Test func aTripStartingAfterTodayIsRefusedBesideTheStartDateField() async throws {
    // Given a unit's clerk logged in (today is 2022-07-20)
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let before = try harness.tripCount()

      // When the form is sent with a trip starting on 2022-07-25
      let reply = try await client.post(
        "/unit/trips",
        [("heads[]", "王某"), ("from", "2022-07-25"), ("to", "2022-07-26"), ("kind", "visit"), ("destination", "南京")],
        session: zhuba)

      // Then the form comes back with the problem beside the start date's field, and nothing is written
      #expect(reply.status == .unprocessableContent)
      let field = try #require(reply.body.range(of: #"name="from""#))
      let problem = try #require(reply.body.range(of: #"id="from-problem">"#))
      #expect(field.lowerBound < problem.lowerBound)
      let after = reply.body[problem.upperBound...].prefix(200)
      #expect(after.contains("开始日期 2022-07-25 晚于今天"), "\(after)")
      #expect(!reply.body.contains("--from"))
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func theAPIsProblemCarriesTheLibrarysCodeAndField() async throws {
    // Given a unit's token
    let harness = try WebHarness()
    let zhuba = try APITests.token(harness, "zhuba")
    try await harness.test { client in
      // When a trip starting after today and one of a head not on the roster are posted
      let future = #"{"names": ["王某"], "from": "2022-07-25", "destination": "南京"}"#
      let reply = try await client.send("/api/v1/trips", method: .post, headers: zhuba, body: future)
      let stranger = #"{"names": ["无名氏"], "from": "2022-07-18", "destination": "南京"}"#
      let unknown = try await client.send("/api/v1/trips", method: .post, headers: zhuba, body: stranger)

      // Then each is a 422 whose problem names the code and the field, in the API's words
      #expect(reply.status == .unprocessableContent)
      let problem = try #require(try Self.problems(reply.body).first)
      #expect(problem["code"] as? String == "date.inFuture")
      #expect(problem["field"] as? String == "from")
      #expect((problem["message"] as? String)?.contains("2022-07-25") == true)
      let missing = try #require(try Self.problems(unknown.body).first)
      #expect(missing["code"] as? String == "head.notOnRoster")
      #expect(missing["field"] as? String == "names")
    }
  }

  @Test func aRefusalsRemedyIsWordedForTheWebNotTheCommandLine() async throws {
    // Given July closed by the office
    let harness = try WebHarness()
    let office = try APITests.token(harness, "office")
    try harness.ledger.close(
      month: Demo.month, rules: harness.rules, today: try #require(CivilDate(iso: "2022-08-10")),
      stamp: Stamp.now(by: "office").by(.office("office")))
    try await harness.test { client in
      // When the office posts a July trip
      let body = #"{"unit": "朱坝街道", "names": ["王某"], "from": "2022-07-18", "destination": "南京"}"#
      let reply = try await client.send("/api/v1/trips", method: .post, headers: office, body: body)

      // Then it is a 409 coded as a closed month, saying what to do without naming a command-line option
      #expect(reply.status == .conflict)
      let problem = try #require(try Self.problems(reply.body).first)
      #expect(problem["code"] as? String == "trip.closedMonth")
      let message = try #require(problem["message"] as? String)
      #expect(message.contains("已封存") && message.contains("更正原因"), "\(message)")
      #expect(!message.contains("--"), "\(message)")
    }
  }

  @Test func anUnknownTripIsNotFoundWithoutNamingACommand() async throws {
    // Given the office's token
    let harness = try WebHarness()
    let office = try APITests.token(harness, "office")
    try await harness.test { client in
      // When it approves a trip that does not exist
      let reply = try await client.send("/api/v1/trips/999999/approve", method: .post, headers: office)

      // Then it is a 404 that says where to look in the application's words, naming no command
      #expect(reply.status == .notFound)
      let problem = try #require(try Self.problems(reply.body).first)
      #expect(problem["code"] as? String == "not_found")
      let message = try #require(problem["message"] as? String)
      #expect(message == "没有编号为 999999 的外出记录；请在外出记录列表中核对编号", "\(message)")
    }
  }

  @Test func aUnitsPagesAndAPINeverShowAnotherUnit() async throws {
    // Given trips of two units, one waiting for review
    let harness = try WebHarness()
    _ = try harness.record(as: "gonghe", unit: "共和镇", name: "何某", start: "2022-07-18")
    _ = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    let zhuba = try APITests.token(harness, "zhuba")
    let others = harness.rules.allUnits.filter { $0 != "朱坝街道" }
    try await harness.test { client in
      // When 朱坝街道's clerk reads its home page, its trips and its check
      let session = try await client.logIn("zhuba")
      let home = try await client.get("/unit", session: session)
      let trips = try await client.send("/api/v1/trips?month=2022-07", method: .get, headers: zhuba)
      let check = try await client.send("/api/v1/check?month=2022-07", method: .get, headers: zhuba)

      // Then none of them names any other unit
      for reply in [home, trips, check] {
        #expect(reply.status == .ok)
        #expect(reply.body.contains("朱坝街道"))
        for other in others { #expect(!reply.body.contains(other), "\(other)") }
      }
    }
  }

  static func problems(_ body: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
    return object?["problems"] as? [[String: Any]] ?? []
  }
}
