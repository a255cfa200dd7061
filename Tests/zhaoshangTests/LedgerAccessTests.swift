import Foundation
import GRDB
import Testing

@Suite("A missing or unusable ledger")
struct LedgerAccessTests {
  @Test func aCommandOnAMissingDatabaseTellsToRunInitAndCreatesNothing() throws {
    // Given an initialised folder
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    let entries = try folder.entries()

    // When July is checked in a database that does not exist
    let result = try folder.run(["check", "--month", "2022-07", "--db", "nope.sqlite"])

    // Then it is refused with 65, telling to run init, and no file appears
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("Error: "))
    #expect(result.stderr.contains("nope.sqlite"))
    #expect(result.stderr.contains("zhaoshang init"))
    #expect(result.stdout.isEmpty)
    #expect(try folder.entries() == entries)
  }

  @Test(arguments: [
    ["trips"], ["roster", "list"], ["owing", "--month", "2022-07"], ["void", "1", "--reason", "重复登记"],
    ["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"],
  ])
  func everyLedgerCommandInAnEmptyFolderTellsToRunInitAndCreatesNothing(arguments: [String]) throws {
    // Given an empty folder: no ledger, no rules
    let folder = try Workspace()
    defer { folder.remove() }

    // When a command that needs the ledger is run
    let result = try folder.run(arguments)

    // Then it is refused with 65, telling to run init, and the folder stays empty
    #expect(result.status == 65)
    #expect(result.stderr.contains("zhaoshang init"))
    #expect(try folder.entries().isEmpty)
  }

  @Test func importIntoAMissingDatabaseWritesNothing() throws {
    // Given an initialised folder and a roster file
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    try folder.write("roster.csv", rosterHeader + "朱坝街道,王某,党工委书记,,\n")

    // When it is imported into a database that does not exist
    let result = try folder.run(["import", "roster", "roster.csv", "--db", "other.sqlite"])

    // Then it is refused and no database is created
    #expect(result.status == 65)
    #expect(result.stderr.contains("zhaoshang init"))
    #expect(!folder.exists("other.sqlite"))
    #expect(try folder.posts().isEmpty)
  }

  @Test func theRefusalIsInChineseWithLangZh() throws {
    // Given an initialised folder in an English environment
    let folder = try Workspace.initialised()
    defer { folder.remove() }

    // When a missing database is named with --lang zh
    let result = try folder.run(["check", "--month", "2022-07", "--db", "nope.sqlite", "--lang", "zh"])

    // Then the message is Chinese
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("错误：找不到台账数据库 nope.sqlite；请先运行 zhaoshang init"))
  }

  @Test func theRefusalIsInChineseInAChineseLocale() throws {
    // Given an initialised folder
    let folder = try Workspace.initialised()
    defer { folder.remove() }

    // When a missing database is named with LANG=zh_CN.UTF-8
    let result = try folder.run(["trips", "--db", "nope.sqlite"], env: ["LANG": "zh_CN.UTF-8"])

    // Then the message is Chinese
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("错误："))
    #expect(result.stderr.contains("zhaoshang init"))
  }

  @Test func aFileThatIsNotALedgerIsAStorageFailure() throws {
    // Given a folder whose zhaoshang.sqlite is a text file
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    try folder.write("zhaoshang.sqlite", String(repeating: "这不是数据库。not a database\n", count: 200))

    // When the trips are listed
    let result = try folder.run(["trips"])

    // Then it is refused with 65 saying the file is not a ledger
    #expect(result.status == 65)
    #expect(result.stderr.contains("is not a zhaoshang ledger"))
  }

  /// A file that is no ledger, as `--db` may name it by mistake.
  private func foreignFile(_ kind: String, in folder: Workspace) throws -> Data {
    let path = folder.file("other.db").path
    switch kind {
    case "foreign SQLite":
      let queue = try DatabaseQueue(path: path)
      try queue.write { db in
        try db.execute(
          sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '甲公司')")
      }
      try queue.close()
    case "empty":
      try folder.write("other.db", Data())
    default:
      try folder.write("other.db", Data("name,phone\n甲公司,123\n".utf8))
    }
    return try folder.data("other.db")
  }

  @Test(
    arguments: ["foreign SQLite", "empty", "not SQLite"], [["verify"], ["trips"], ["check", "--month", "2022-07"]])
  func aFileThatIsNoLedgerIsRefusedAndLeftByteForByte(kind: String, command: [String]) throws {
    // Given a folder with rules and a file that is not a ledger
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    let before = try foreignFile(kind, in: folder)
    let entries = try folder.entries()

    // When a command is pointed at it
    let result = try folder.run(command + ["--db", "other.db"])

    // Then it is refused with 65, saying what the file is, and the file is untouched, nothing beside it
    #expect(result.status == 65, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stderr.contains("not a zhaoshang ledger") || result.stderr.contains("is an empty file"), "\(result.stderr)"
    )
    #expect(result.stderr.contains("left untouched"))
    #expect(try folder.data("other.db") == before)
    #expect(try folder.entries() == entries)
  }

  @Test func initRefusesAnotherDatabaseInsteadOfAddingItsTables() throws {
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    let before = try foreignFile("foreign SQLite", in: folder)
    let result = try folder.run(["init", "--db", "other.db"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("is another SQLite database, not a zhaoshang ledger"))
    #expect(try folder.data("other.db") == before)
  }

  @Test func aLedgerWithASecondNameIsRefused() throws {
    // Given a ledger with a hard link to it
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    try FileManager.default.linkItem(at: folder.file("zhaoshang.sqlite"), to: folder.file("again.sqlite"))
    let before = try folder.data("zhaoshang.sqlite")

    // When trips are listed, or a trip logged, through either name
    let listed = try folder.run(["trips"])
    let logged = try folder.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "上海", "--db", "again.sqlite",
    ])

    // Then both are refused, naming the links, and nothing is written
    for result in [listed, logged] {
      #expect(result.status == 65, "\(result.stderr)")
      #expect(result.stderr.contains("has 2 names (hard links)"), "\(result.stderr)")
    }
    #expect(try folder.data("zhaoshang.sqlite") == before)
  }

  @Test func theEnvironmentChoosesTheLedgerAndRulesWhenNoOptionDoes() throws {
    // Given an empty folder and ZHAOSHANG_DB / ZHAOSHANG_RULES naming other places
    let folder = try Workspace()
    defer { folder.remove() }
    let environment = ["ZHAOSHANG_DB": "2022.sqlite", "ZHAOSHANG_RULES": "规则"]

    // When init and a check are run with that environment
    let initialised = try folder.run(["init"], env: environment)
    let check = try folder.run(["check", "--month", "2022-07", "--verbose"], env: environment)

    // Then the ledger and rules are where the environment says
    #expect(initialised.status == 0)
    #expect(try folder.entries() == ["2022.sqlite", "规则"])
    #expect(folder.exists("规则/default.toml"))
    #expect(check.status == 0)
    #expect(check.stderr.contains("database: 2022.sqlite"))
    #expect(check.stderr.contains("规则/default.toml"))
  }
  private func setMode(_ mode: Int, _ url: URL) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
  }

  private func giveToNobody(_ folder: Workspace) throws {
    for name in try folder.entries() + [""] {
      try FileManager.default.setAttributes(
        [.ownerAccountName: "nobody", .groupOwnerAccountName: "nogroup"], ofItemAtPath: folder.file(name).path)
    }
  }

  @Test(.enabled(if: CLI.canRunAsAnotherUser, "needs root and setpriv to run as nobody"))
  func readCommandsWorkOnAReadOnlyLedgerInAReadOnlyFolder() throws {
    // Given a ledger with a trip, the file and its folder read-only for the user running the commands
    let folder = try Workspace.oneUnit(minDays: 10)
    defer {
      try? setMode(0o755, folder.url)
      folder.remove()
    }
    try folder.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "上海"])
    let out = try Workspace()
    defer { out.remove() }
    try setMode(0o777, out.url)
    try setMode(0o444, folder.file("zhaoshang.sqlite"))
    try setMode(0o555, folder.url)
    let before = try folder.data("zhaoshang.sqlite")

    // When the read commands are run
    let commands = [
      ["check", "--month", "2022-07"], ["verify"], ["history"], ["trips"],
      ["backup", out.file("copy.sqlite").path],
    ]
    for command in commands {
      let result = try folder.run(command, asUser: "nobody")
      // Then each works, and the ledger is as it was
      #expect(result.status == 0, "\(command): \(result.stderr)")
    }
    #expect(try folder.data("zhaoshang.sqlite") == before)
    #expect(out.exists("copy.sqlite"))
  }

  @Test(.enabled(if: CLI.canRunAsAnotherUser, "needs root and setpriv to run as nobody"))
  func aReadOnlyShmLeftByAFailedOpenDoesNotBlockTheLedgerOnceWritable() throws {
    // Given a ledger its user could not write, on which a write was tried (leaving a -shm as read-only as it)
    let folder = try Workspace.oneUnit(minDays: 10)
    defer { folder.remove() }
    try giveToNobody(folder)
    try setMode(0o444, folder.file("zhaoshang.sqlite"))
    let log = ["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "上海"]
    let refused = try folder.run(log, asUser: "nobody")
    #expect(refused.status == 74)

    // When the ledger is made writable again
    try setMode(0o644, folder.file("zhaoshang.sqlite"))

    // Then the next commands work, without anyone deleting the -shm
    let logged = try folder.run(log, asUser: "nobody")
    #expect(logged.status == 0, "\(logged.stderr)")
    #expect(try folder.run(["trips"], asUser: "nobody").status == 0)
  }
}
