import Foundation
import Testing
import ZhaoshangKit

/// `zhaoshang review`: the office's review from the command line.
@Suite("review command")
struct ReviewCommandTests {
  /// The example's ledger with two trips 朱坝街道's clerk submitted on the web.
  static func withSubmittedTrips() throws -> (Workspace, [Int64]) {
    let workspace = try Workspace.hongze()
    let ledger = try Ledger.open(at: workspace.file("zhaoshang.sqlite").path)
    let rules = try RuleFileParser.loadBook(at: workspace.file("rules").path)
    let clerk = Stamp(
      actor: ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道"), at: "2022-07-20T09:00:00+08:00", command: "web")
    var ids: [Int64] = []
    for day in ["2022-07-25", "2022-07-26"] {
      let date = try #require(CivilDate(iso: day))
      let outcome = try ledger.recordTrips(
        [Located(Trip(unit: "朱坝街道", name: "王某", start: date, end: date, destination: "南京"))], rules: rules,
        today: try #require(CivilDate(iso: "2022-07-31")), stamp: clerk)
      ids += outcome.added.compactMap(\.id)
    }
    return (workspace, ids)
  }

  @Test func listApproveAndReturn() throws {
    let (workspace, ids) = try Self.withSubmittedTrips()
    defer { workspace.remove() }
    let before = try workspace.check()
    #expect(try workspace.trips().filter { $0.status == "submitted" }.map(\.id) == ids)
    let listed = try workspace.succeed(["review"]).stdout
    #expect(listed.contains("南京") && listed.contains("2022-07-25"))

    try workspace.succeed(["review", "approve", String(ids[0])])
    let returned = try workspace.succeed(["review", "return", String(ids[1]), "--reason", "请附行程单"])
    #expect(returned.stdout.contains("请附行程单"))
    #expect(try workspace.succeed(["review"]).stdout.contains("no trips are waiting"))
    #expect(try workspace.trips().first { $0.id == ids[1] }?.status == "returned")

    // One more day counts for 王某; the check's JSON shows pending days beside counted ones
    let after = try workspace.check()
    #expect(try after.person("朱坝街道", "王某").counted_days == before.person("朱坝街道", "王某").counted_days + 1)
    #expect(try before.person("朱坝街道", "王某").pending_days == 2)
    #expect(try after.person("朱坝街道", "王某").pending_days == 0)
    #expect(try workspace.succeed(["verify"]).stdout.contains("verified"))
  }

  @Test func closeRefusesAMonthWithPendingTripsUnlessForced() throws {
    let (workspace, _) = try Self.withSubmittedTrips()
    defer { workspace.remove() }
    let refused = try workspace.run(["close", "--month", "2022-07"])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("waiting for review"))
    try workspace.succeed(["close", "--month", "2022-07", "--force"])
  }
}
