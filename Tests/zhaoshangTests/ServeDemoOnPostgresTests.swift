import Foundation
import Testing
import ZhaoshangTestSupport

/// `serve --demo --db`: the demo loaded into a new, empty ledger named on the command line (a PostgreSQL database
/// here) and served from it, so an office can try the web application on its shared ledger before moving over.
@Suite(
  "The demo served from a PostgreSQL ledger",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct ServeDemoOnPostgresTests {
  @Test func theDemoLoadsIntoAnEmptyDatabaseOnceAndVerifies() throws {
    // Given an empty PostgreSQL database, its password in PGPASSWORD
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let folder = try Workspace()
    defer { folder.remove() }
    let environment = database.environment

    // When the demo is served from it, then stopped
    let server = try ServerProcess(
      ["--demo", "--db", database.address, "--lang", "en"], in: folder.url, env: environment)
    let stopped = server.stop()

    // Then it stopped cleanly, and the database holds the demo's ledger, whose trail verifies, with the same trips
    // as the demo loaded into a SQLite file the same way
    #expect(stopped.status == 0, "\(stopped.stderr)")
    let verified = try folder.succeed(["verify", "--db", database.address, "--lang", "en"], env: environment)
    #expect(verified.stdout.contains("verified"), "\(verified.stdout)")
    let sqlite = try ServerProcess(["--demo", "--db", "demo.sqlite"], in: folder.url, env: [:])
    #expect(sqlite.stop().status == 0)
    let onPostgres = try folder.succeed(["trips", "--db", database.address, "--format", "json"], env: environment)
    let onSQLite = try folder.succeed(["trips", "--db", "demo.sqlite", "--format", "json"])
    let tripsOnPostgres = try JSONDecoder().decode([TripRow].self, from: Data(onPostgres.stdout.utf8))
    #expect(tripsOnPostgres.count > 50)
    #expect(tripsOnPostgres == (try JSONDecoder().decode([TripRow].self, from: Data(onSQLite.stdout.utf8))))
    // And the streamed listings, a CSV and a table measured on one pass and written on the next, word for word
    for format in ["csv", "table"] {
      let listed = try folder.succeed(["trips", "--db", database.address, "--format", format], env: environment)
      #expect(listed.stdout == (try folder.succeed(["trips", "--db", "demo.sqlite", "--format", format]).stdout))
      #expect(listed.stdout.contains("朱坝街道"))
    }

    // When the demo is served from the same database again
    let again = try folder.run(
      ["serve", "--demo", "--db", database.address, "--port", "0", "--lang", "en"], env: environment)

    // Then it is refused with a sentence saying the ledger already holds records, and nothing was added
    #expect(again.status == 65)
    #expect(again.stderr.contains("already holds"), "\(again.stderr)")
    #expect(again.stderr.contains("serve --demo --db") && !again.stderr.contains("then copy"), "\(again.stderr)")
    let reverified = try folder.succeed(["verify", "--db", database.address, "--lang", "en"], env: environment)
    #expect(reverified.stdout == verified.stdout)
  }

  @Test func theDemoNeverWritesToTheLedgerTheEnvironmentNames() throws {
    // Given $ZHAOSHANG_DB naming an office's PostgreSQL database, as a server's environment would
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let folder = try Workspace()
    defer { folder.remove() }
    let environment = database.environment.merging(["ZHAOSHANG_DB": database.address]) { $1 }

    // When the demo is served without --db
    let server = try ServerProcess(["--demo", "--lang", "en"], in: folder.url, env: environment)
    let stopped = server.stop()

    // Then it ran in memory, and the database was never given a ledger
    #expect(stopped.status == 0, "\(stopped.stderr)")
    let verify = try folder.run(["verify", "--lang", "en"], env: environment)
    #expect(verify.status != 0)
    #expect(verify.stderr.contains("zhaoshang init"), "\(verify.stderr)")
  }
}
