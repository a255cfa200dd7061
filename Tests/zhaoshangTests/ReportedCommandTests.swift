import Foundation
import Testing

/// `zhaoshang reported`: a unit declares its month reported (报送), and the office lists who has.
@Suite("reported")
struct ReportedCommandTests {
  @Test("A unit reports its month, then the listing shows who has and who has not; the audit trail has it")
  func reportAndList() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    // When 朱坝街道 reports July
    let done = try workspace.succeed(["reported", "--unit", "朱坝街道", "--month", "2022-07"])
    #expect(done.stdout.contains("recorded: 朱坝街道 has reported 2022-07."), "\(done.stdout)")
    // Then the listing names it reported and the others not
    let listing = try workspace.succeed(["reported", "--month", "2022-07"])
    #expect(listing.stdout.contains("1 reported (0 of them did not go out), 26 not reported"), "\(listing.stdout)")
    let json = try workspace.succeed(["reported", "--month", "2022-07", "--format", "json"]).stdout
    #expect(json.contains(#""reported" : true"#) && json.contains(#""reported" : false"#))
    // A second report is refused, and the trail records the first
    let again = try workspace.run(["reported", "--unit", "朱坝街道", "--month", "2022-07", "--none"])
    #expect(again.status != 0)
    #expect(again.stderr.contains("already reported 2022-07"), "\(again.stderr)")
    let history = try workspace.succeed(["history", "--unit", "朱坝街道"]).stdout
    #expect(history.contains("month reported"), "\(history)")
    try workspace.succeed(["verify"])
  }

  @Test("--none without --unit is refused with an example")
  func noneNeedsUnit() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let result = try workspace.run(["reported", "--month", "2022-07", "--none"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--none and --amend need --unit"), "\(result.stderr)")
  }

  @Test("check warns loudly of a month not begun, and of a month with no trips")
  func futureAndEmptyMonthsWarn() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let future = try workspace.succeed(["check", "--month", "2099-01"]).stdout
    #expect(future.hasPrefix("!! WARNING: 2099-01 has not begun"), "\(future)")
    let empty = try workspace.succeed(["check", "--month", "2022-10"]).stdout
    #expect(empty.contains("!! WARNING: 2022-10 has no trips at all"), "\(empty)")
    let bulletin = try workspace.succeed(["bulletin", "--month", "2099-01"]).stdout
    #expect(bulletin.hasPrefix("!! WARNING: 2099-01 has not begun"), "\(bulletin)")
  }
}
