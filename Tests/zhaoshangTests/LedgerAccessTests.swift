import Foundation
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

    // Then it exits 74 saying the file is not a ledger
    #expect(result.status == 74)
    #expect(result.stderr.contains("is not a zhaoshang ledger"))
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
}
