import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// Many clerks submitting at the same moment: every submission is recorded once, and the audit trail holds.
@Suite("Concurrent submissions")
struct ConcurrentSubmissionTests {
  /// Trip `index` (1...50) takes one half of a June day: mornings for odd, afternoons for even indexes, so the
  /// fifty trips of one head neither repeat nor overlap each other.
  static func trip(_ index: Int) -> String {
    let day = String(format: "2022-06-%02d", (index + 1) / 2)
    let (from, to) = index % 2 == 1 ? (day, "\(day) 上午") : ("\(day) 下午", day)
    return #"{"names": ["王某"], "from": "\#(from)", "to": "\#(to)", "destination": "南京\#(index)"}"#
  }

  @Test func fiftySubmissionsAtOnceAreAllRecordedAndTheTrailVerifies() async throws {
    // Given a unit's token and a ledger holding the example
    let harness = try WebHarness()
    let token = try harness.ledger.issueToken(login: "zhuba", stamp: Stamp.now(by: "测试员"))
    let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
    let before = try harness.tripCount()

    // When fifty trips are posted at the same time
    let statuses = try await harness.test { client in
      try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
        for index in 1...50 {
          group.addTask {
            try await client.send("/api/v1/trips", method: .post, headers: headers, body: Self.trip(index)).status
          }
        }
        return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
      }
    }

    // Then each was answered 201, each is recorded once as submitted, and verify passes
    #expect(statuses.count == 50)
    #expect(statuses.allSatisfy { $0 == .created })
    #expect(try harness.tripCount() == before + 50)
    let pending = try harness.ledger.pendingTrips().filter { $0.destination.hasPrefix("南京") }
    #expect(Set(pending.map(\.destination)).count == 50)
    #expect(try harness.ledger.verify().isClean)
  }
}
