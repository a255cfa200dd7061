import Foundation
import Testing
import ZhaoshangTestSupport

@Suite(
  "zhaoshang init on PostgreSQL",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct PostgresInitCommandTests {
  @Test func initCreatesTheSchemaThenFindsItThere() throws {
    // Given an empty PostgreSQL database, its password in PGPASSWORD, and an empty folder
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let folder = try Workspace()
    defer { folder.remove() }

    // When init is run on it twice
    let first = try folder.run(["init", "--db", database.address], env: database.environment)
    let second = try folder.run(["init", "--db", database.address], env: database.environment)

    // Then the first creates the schema and the default rules, the second says the schema is there already
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("created the ledger's schema in the PostgreSQL database \(database.address)"))
    #expect(first.stdout.contains("wrote the default rules: rules/default.toml"))
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("already holds the ledger's schema, left as it is"))
  }

  @Test func zhaoshangDBChoosesThePostgresLedgerInChinese() throws {
    // Given $ZHAOSHANG_DB naming an empty PostgreSQL database
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let folder = try Workspace()
    defer { folder.remove() }

    // When init is run without --db, in Chinese
    let result = try folder.run(
      ["init", "--lang", "zh"], env: database.environment.merging(["ZHAOSHANG_DB": database.address]) { $1 })

    // Then the PostgreSQL database got the schema, and no SQLite file was made
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("已在 PostgreSQL 数据库中建立台账结构"))
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("zhaoshang.sqlite").path))
  }

  @Test func backupAndRestoreOnAPostgresLedgerSendTheClerkToPgDumpAndPgRestore() throws {
    // Given an initialised PostgreSQL ledger
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let folder = try Workspace()
    defer { folder.remove() }
    _ = try folder.succeed(["init", "--db", database.address], env: database.environment)

    // When a clerk backs it up or restores it with zhaoshang
    let backup = try folder.run(["backup", "copy.sqlite", "--db", database.address], env: database.environment)
    let restore = try folder.run(["restore", "copy.sqlite", "--db", database.address], env: database.environment)

    // Then each exits 65 naming PostgreSQL's own tools, and no file named after the address is written
    for result in [backup, restore] {
      #expect(result.status == 65)
      #expect(result.stderr.contains("pg_dump") && result.stderr.contains("pg_restore"), "\(result.stderr)")
      #expect(result.stderr.contains("README's PostgreSQL section"))
    }
    #expect(try folder.entries() == ["rules"])
  }
}

@Suite("Ledger addresses on the command line")
struct LedgerAddressCommandTests {
  @Test func aPasswordInTheAddressIsRefusedBeforeAnythingIsWritten() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When init is given an address with a password
    let result = try folder.run(["init", "--db", "postgres://clerk:secret@127.0.0.1:5432/ledger"])

    // Then it exits 65 saying where a password goes, and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("may not hold a password"))
    #expect(result.stderr.contains("PGPASSWORD"))
    #expect(try folder.entries().isEmpty)
  }
}
