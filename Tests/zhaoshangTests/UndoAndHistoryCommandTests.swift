import Foundation
import Testing

/// `unvoid`, the note on a trip that repeats a voided one, `history` of a unit, head and month, and the times and
/// actors it shows: run on the shipped example through the real binary.
@Suite("unvoid and history, on the command line")
struct UndoAndHistoryCommandTests {
  /// One event of `history --format json`.
  struct EventRow: Decodable {
    let id: Int64
    let at: String
    let time: String
    let by: String
    let by_os_login: Bool
    let action: String
    let unit: String?
    let name: String?
    let command: String
  }

  private func events(_ workspace: Workspace, _ filter: [String]) throws -> [EventRow] {
    let result = try workspace.succeed(["history", "--format", "json"] + filter)
    return try JSONDecoder().decode([EventRow].self, from: Data(result.stdout.utf8))
  }

  private let lateTrip = [
    "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-28", "--destination", "南京", "--by", "张三",
  ]

  /// Logs the late trip and returns its id, from the confirmation `recorded #N: ...`.
  private func logLateTrip(_ workspace: Workspace) throws -> Int64 {
    let logged = try workspace.succeed(lateTrip).stdout
    let id = logged.split(separator: "#").dropFirst().first?.prefix { $0.isNumber }
    return try #require(id.flatMap { Int64($0) }, "\(logged)")
  }

  @Test("A voided trip logged again says which void it repeats and how to undo it; unvoid makes it count again")
  func unvoidRoundTrip() throws {
    // Given the example, with a trip logged and then voided by mistake
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let id = try logLateTrip(workspace)
    try workspace.succeed(["void", String(id), "--reason", "重复登记"])
    // When the same trip is logged again
    let again = try workspace.succeed(lateTrip + ["--lang", "zh"])
    // Then it is not added, and the clerk is told it repeats the voided trip and to run unvoid
    #expect(again.stderr.contains("与已作废的第 \(id) 条外出记录相同，未再登记"), "\(again.stderr)")
    #expect(again.stderr.contains("zhaoshang unvoid \(id) --reason"), "\(again.stderr)")
    #expect(again.stdout.contains("与一条已作废的记录相同"), "\(again.stdout)")
    // When the void is undone
    let undone = try workspace.succeed(["unvoid", String(id), "--reason", "误作废", "--by", "李四"]).stdout
    // Then the trip counts again under a new id, the voided one stays listed, and both steps are in its history
    let trips = try workspace.trips(["--unit", "朱坝街道", "--month", "2022-07"])
    let restored = try #require(trips.first { $0.id > id && $0.destination == "南京" && $0.start == "2022-07-28" })
    #expect(undone.contains("undid the void of #\(id), restored as #\(restored.id)"), "\(undone)")
    #expect(restored.void_reason == nil && restored.recorded_by == "李四")
    #expect(trips.first { $0.id == id }?.void_reason == "重复登记")
    let history = try events(workspace, ["--trip", String(id)])
    #expect(history.map(\.action) == ["trips.add", "trip.void", "trip.unvoid"], "\(history.map(\.action))")
    #expect(history.last?.by == "李四")
    // And a second undo, or a repeat now, adds nothing and says why
    let twice = try workspace.run(["unvoid", String(id), "--reason", "误作废"])
    #expect(twice.status != 0 && twice.stderr.contains("already undone"), "\(twice.stderr)")
    let repeated = try workspace.succeed(lateTrip)
    #expect(!repeated.stderr.contains("voided"), "\(repeated.stderr)")
    #expect(try workspace.succeed(["verify"]).stdout.contains("verified"))
  }

  @Test("unvoid in a closed month is refused unless amended, and then recorded as an amendment")
  func unvoidInClosedMonth() throws {
    // Given a trip voided, then July closed
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let id = try logLateTrip(workspace)
    try workspace.succeed(["void", String(id), "--reason", "重复登记"])
    try workspace.succeed(["close", "--month", "2022-07"])
    // When the void is undone without --amend
    let refused = try workspace.run(["unvoid", String(id), "--reason", "误作废"])
    // Then it is refused, saying how to amend, and nothing is written
    #expect(refused.status != 0, "\(refused.stdout)")
    #expect(refused.stderr.contains("--amend"), "\(refused.stderr)")
    #expect(
      try workspace.trips(["--unit", "朱坝街道"]).filter { $0.destination == "南京" && $0.start == "2022-07-28" }.count == 1)
    // When it is undone with --amend
    let amended = try workspace.succeed(["unvoid", String(id), "--reason", "误作废", "--amend"]).stdout
    // Then it is written and recorded as an amendment of July
    #expect(amended.contains("recorded as an amendment of 2022-07"), "\(amended)")
    #expect(try workspace.succeed(["verify"]).stdout.contains("verified"))
  }

  @Test("history of a unit and month lists the trip import, the roster import, the close and the reopening")
  func historyOfUnitAndMonth() throws {
    // Given the example's roster and trips imported, July closed and reopened
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    try workspace.succeed(["close", "--month", "2022-07"])
    try workspace.succeed(["reopen", "--month", "2022-07", "--reason", "重新核算"])
    // When 朱坝街道's July history is asked for
    let found = try events(workspace, ["--unit", "朱坝街道", "--month", "2022-07"])
    // Then every one of those events is listed
    let actions = found.map(\.action)
    #expect(actions == ["posts.add", "trips.add", "month.close", "month.reopen"], "\(actions)")
    #expect(found[0].command.contains("import roster") && found[1].command.contains("import trips"))
    // And a unit with no trip in the file gets the roster, the close and the reopening, not the trip import
    let other = try events(workspace, ["--unit", "人社局", "--month", "2022-07"]).map(\.action)
    #expect(other == ["posts.add", "month.close", "month.reopen"], "\(other)")
  }

  @Test("history of a head lists the roster import of their post and a trip logged with another head")
  func historyOfHead() throws {
    // Given the example's roster imported and a trip logged for 王某 and 刘某 together
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    try workspace.succeed([
      "log", "--unit", "朱坝街道", "--name", "王某", "--name", "刘某", "--from", "2022/7/4", "--to", "2022/7/6 上午",
      "--destination", "上海",
    ])
    // When 刘某's history is asked for
    let found = try events(workspace, ["--name", "刘某"])
    // Then the roster import, the example's import (which holds a trip of his) and the joint trip are listed
    #expect(found.map(\.action) == ["posts.add", "trips.add", "trips.add"], "\(found.map(\.action))")
    #expect(found.last?.command.contains("log") == true)
  }

  @Test("Times are shown in Asia/Shanghai as 2022-08-01 09:30 and kept in UTC; an OS-login actor is marked")
  func timesAndActors() throws {
    // Given a ledger written once with nobody named and once with $ZHAOSHANG_ACTOR
    let workspace = try Workspace.oneUnit(minDays: 10)
    defer { workspace.remove() }
    try workspace.succeed(
      ["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-05", "--destination", "南京"],
      env: ["ZHAOSHANG_ACTOR": "张三"])
    // When the history is read as JSON and as a table
    let found = try events(workspace, [])
    let table = try workspace.succeed(["history"]).stdout
    // Then each time is stored in UTC and shown eight hours later, to the minute
    let parser = ISO8601DateFormatter()
    let shown = DateFormatter()
    shown.locale = Locale(identifier: "en_US_POSIX")
    shown.timeZone = TimeZone(identifier: "Asia/Shanghai")
    shown.dateFormat = "yyyy-MM-dd HH:mm"
    for event in found {
      #expect(event.at.hasSuffix("Z"), "\(event.at)")
      let instant = try #require(parser.date(from: event.at))
      #expect(event.time == shown.string(from: instant))
      #expect(table.contains(event.time), "\(table)")
    }
    #expect(!table.contains("Z "), "\(table)")
    // And the roster entry made with nobody named is marked as the OS login; 张三's trip is not
    #expect(found.first?.by_os_login == true)
    #expect(found.last?.by == "张三" && found.last?.by_os_login == false)
    #expect(table.contains("(OS login)"), "\(table)")
  }

  @Test("A rule file naming an unknown time zone is refused at its line")
  func unknownTimeZone() throws {
    let workspace = try Workspace.oneUnit(minDays: 10)
    defer { workspace.remove() }
    let rules = try String(contentsOf: workspace.file("rules/default.toml"), encoding: .utf8)
    try workspace.write(
      "rules/default.toml",
      rules.replacingOccurrences(
        of: "effective_from = \"2022-01-01\"\n", with: "effective_from = \"2022-01-01\"\ntimezone = \"Asia/Shangai\"\n")
    )
    let result = try workspace.run(["rules", "check", "--lang", "zh"])
    #expect(result.status != 0)
    let output = result.stdout + result.stderr
    #expect(output.contains("default.toml:3"), "\(output)")
    #expect(output.contains("timezone 为「Asia/Shangai」，不是已知的时区名称"), "\(output)")
  }
}
