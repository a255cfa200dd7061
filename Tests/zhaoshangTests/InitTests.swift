import Foundation
import Testing

@Suite("zhaoshang init")
struct InitTests {
  @Test func initCreatesTheLedgerAndWritesTheShippedRules() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When init is run
    let result = try folder.run(["init"])

    // Then the ledger and rules/default.toml exist, the rules byte for byte the repository's
    #expect(result.status == 0)
    #expect(result.stdout.contains("created the ledger: zhaoshang.sqlite"))
    #expect(result.stdout.contains("wrote the default rules: rules/default.toml"))
    #expect(try folder.entries() == ["rules", "zhaoshang.sqlite"])
    let shipped = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("rules/default.toml"))
    #expect(try folder.data("rules/default.toml") == shipped)
    #expect(try folder.posts().isEmpty)
    #expect(try folder.trips().isEmpty)
  }

  @Test func initTwiceChangesNothing() throws {
    // Given an initialised folder whose roster is imported and whose rules were edited by the office
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    try folder.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    let edited = try folder.data("rules/default.toml") + Data("\n# 办公室于 2022-07-01 修改\n".utf8)
    try folder.write("rules/default.toml", edited)
    let entries = try folder.entries()

    // When init is run again
    let again = try folder.run(["init"])

    // Then it exits 0 saying both exist, the rule file is byte-identical and the roster untouched
    #expect(again.status == 0)
    #expect(again.stdout.contains("ledger already exists: zhaoshang.sqlite"))
    #expect(again.stdout.contains("rules already exist, left as they are: rules"))
    #expect(try folder.data("rules/default.toml") == edited)
    #expect(try folder.entries() == entries)
    #expect(try folder.posts().count == 38)
  }

  @Test func initWithChosenPathsCreatesThem() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When init is given a database and a rule file of other names
    let result = try folder.run(["init", "--db", "2022.sqlite", "--rules", "规则/2022.toml"])

    // Then those are created, and a check with the same options works
    #expect(result.status == 0)
    #expect(folder.exists("2022.sqlite"))
    #expect(folder.exists("规则/2022.toml"))
    #expect(!folder.exists("zhaoshang.sqlite"))
    let check = try folder.run(["check", "--month", "2022-07", "--db", "2022.sqlite", "--rules", "规则/2022.toml"])
    #expect(check.status == 0)
  }

  @Test func initWhereTheLedgerCannotBeCreatedIsAStorageFailure() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When init is asked for a database in a folder that does not exist
    let result = try folder.run(["init", "--db", "没有的目录/2022.sqlite"])

    // Then it exits 74 naming the path, and creates no folder
    #expect(result.status == 74)
    #expect(result.stderr.contains("cannot open or write the ledger at 没有的目录/2022.sqlite"))
    #expect(try folder.entries().isEmpty)
  }

  @Test func initIntoAnEmptyRulesFolderWritesTheDefaultRules() throws {
    // Given a folder with an empty rules/ folder (made by hand, or left after deleting the rules)
    let folder = try Workspace()
    defer { folder.remove() }
    try FileManager.default.createDirectory(at: folder.file("rules"), withIntermediateDirectories: true)

    // When init is run
    let result = try folder.run(["init"])

    // Then the default rules are written into it and init succeeds
    #expect(result.status == 0)
    #expect(folder.exists("rules/default.toml"))
  }
}
