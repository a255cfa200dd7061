import Foundation
import GRDB
import Testing

@Suite("zhaoshang verify and history")
struct VerifyCommandTests {
  /// A ledger with one head, two trips (the second voided) and leave, all written through the binary.
  private func recordedFolder() throws -> Workspace {
    let folder = try Workspace.oneUnit(minDays: 10)
    try folder.cleaningUpOnFailure { folder in
      try folder.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "上海"])
      try folder.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-05", "--destination", "南京"])
      try folder.succeed(["void", "2", "--reason", "重复登记", "--by", "李四"])
      try folder.succeed([
        "leave", "add", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--to", "2022-07-22",
        "--reason", "党校学习",
      ])
    }
    return folder
  }

  /// Runs SQL on the folder's ledger with its triggers dropped, as someone with the sqlite3 shell could, and puts
  /// the triggers back, so that only the change is left to find.
  private func tamper(_ folder: Workspace, _ sql: String) throws {
    let queue = try DatabaseQueue(path: folder.file("zhaoshang.sqlite").path)
    try queue.write { db in
      let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
      for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger[0] as String)") }
      try db.execute(sql: sql)
      for trigger in triggers { try db.execute(sql: trigger[1] as String) }
    }
  }

  @Test func anUntouchedLedgerVerifiesWithExit0() throws {
    // Given a ledger written only through zhaoshang
    let folder = try recordedFolder()
    defer { folder.remove() }
    // When it is verified
    let result = try folder.run(["verify"])
    // Then every event chains and every row agrees
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stdout)")
    #expect(lines.last == "verified: 5 events chained, 4 rows agree with them.")
    // with the last event's hash to write down, as the ledger holds it
    let hash = try DatabaseQueue(path: folder.file("zhaoshang.sqlite").path).read { db in
      try String.fetchOne(db, sql: "SELECT hash FROM event WHERE id = 5")
    }
    #expect(lines.first == "hash of the last event (5): \(try #require(hash))")
  }

  @Test func aTripChangedBehindTheToolsBackIsNamedWithExit1() throws {
    // Given a ledger whose first trip's destination was rewritten outside zhaoshang
    let folder = try recordedFolder()
    defer { folder.remove() }
    try tamper(folder, "UPDATE trip SET destination = '北京' WHERE id = 1")
    // When it is verified, in English and in Chinese
    let english = try folder.run(["verify"])
    let chinese = try folder.run(["verify", "--lang", "zh"])
    // Then it fails with 1, naming the trip and the event that recorded it
    #expect(english.status == 1)
    #expect(
      english.stdout
        == "disagrees: trip 1 differs from what event 2 recorded: it was changed\nverification failed: 1 problem.\n")
    #expect(chinese.status == 1)
    #expect(chinese.stdout.contains("不一致：外出记录 1 与第 2 条审计记录登记的内容不同：被改动"))
    #expect(chinese.stdout.contains("审计未通过：发现 1 处问题。"))
  }

  @Test func aRewrittenEventBreaksTheChainWithExit1() throws {
    // Given a ledger whose void event was rewritten to name someone else
    let folder = try recordedFolder()
    defer { folder.remove() }
    try tamper(folder, "UPDATE event SET by = '张三' WHERE action = 'trip.void'")
    // When it is verified
    let result = try folder.run(["verify"])
    // Then the chain is broken at that event
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("broken chain: "), "\(result.stdout)")
    #expect(result.stdout.contains("event 4"), "\(result.stdout)")
  }

  @Test func historyListsTheEventsOfOneTripInOrder() throws {
    // Given a trip logged and then voided by 李四
    let folder = try recordedFolder()
    defer { folder.remove() }
    // When the history of that trip is asked for
    let result = try folder.succeed(["history", "--trip", "2"])
    // Then its two events are listed in order, with who did it and the command, and counted
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let rows = lines.filter { $0.hasPrefix("3 ") || $0.hasPrefix("4 ") }
    #expect(rows.count == 2, "\(result.stdout)")
    #expect(rows.first?.contains("zhaoshang log") == true, "\(result.stdout)")
    #expect(rows.last?.contains("李四") == true, "\(result.stdout)")
    #expect(rows.last?.contains("zhaoshang void 2") == true, "\(result.stdout)")
    #expect(lines.last == "2 events.")
  }

  @Test func historyAsCSVListsWhatTheTableLists() throws {
    // Given a trip logged and then voided by 李四
    let folder = try recordedFolder()
    defer { folder.remove() }
    // When the trip's history is written as CSV (as the events are read)
    let csv = try folder.succeed(["history", "--trip", "2", "--format", "csv", "--lang", "en"]).stdout
    // Then it is the header and the same two events, in order
    let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.first == "#,at,by,action,unit,name,detail,command", "\(csv)")
    #expect(lines.dropFirst().map { $0.prefix(2) } == ["3,", "4,"], "\(csv)")
    #expect(lines.last?.contains("李四") == true, "\(csv)")
  }

  @Test func historyFiltersByHeadAndMonth() throws {
    // Given a ledger with events for 王某 in July 2022
    let folder = try recordedFolder()
    defer { folder.remove() }
    // When history is asked for another head, and for another month
    let other = try folder.succeed(["history", "--unit", "朱坝街道", "--name", "刘某"])
    let august = try folder.succeed(["history", "--month", "2022-08"])
    let july = try folder.succeed(["history", "--month", "2022-07", "--lang", "zh"])
    // Then none is listed for 刘某; August has only the roster entry, whose post (no end date) reaches it; July
    // has that and its four, under Chinese headings
    #expect(other.stdout.hasSuffix("0 events.\n"), "\(other.stdout)")
    #expect(august.stdout.hasSuffix("1 event.\n"), "\(august.stdout)")
    #expect(july.stdout.contains("操作人"))
    #expect(july.stdout.hasSuffix("共 5 条审计记录。\n"), "\(july.stdout)")
  }
}
