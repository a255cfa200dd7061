import Foundation
import Testing
import ZhaoshangTestSupport

@Suite(
  "zhaoshang copy",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct CopyCommandTests {
  @Test func aLedgerGoesToPostgresAndBackAndANonEmptyTargetIsRefused() throws {
    // Given a SQLite ledger holding the example's roster and trips, and a PostgreSQL database set up by init
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let folder = try Workspace()
    defer { folder.remove() }
    _ = try folder.succeed(["init"])
    _ = try folder.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    _ = try folder.succeed(["import", "trips", CLI.hongze.appendingPathComponent("trips.csv").path])
    _ = try folder.succeed(["init", "--db", database.address], env: database.environment)

    // When it is copied to PostgreSQL, then copied there again, then copied back into a new file
    let there = try folder.run(
      ["copy", "--from", "zhaoshang.sqlite", "--to", database.address, "--lang", "en"], env: database.environment)
    let again = try folder.run(
      ["copy", "--from", "zhaoshang.sqlite", "--to", database.address, "--lang", "zh"], env: database.environment)
    let back = try folder.run(
      ["copy", "--from", database.address, "--to", "back.sqlite", "--lang", "zh"], env: database.environment)

    // Then the first says what it copied and both last hashes, the second is refused untouched, and the copy back
    // verifies
    #expect(there.status == 0, "\(there.stderr)")
    #expect(there.stdout.contains("copied the ledger zhaoshang.sqlite to \(database.address):"), "\(there.stdout)")
    #expect(there.stdout.contains("zhaoshang verify passes on both"))
    #expect(again.status == 65)
    #expect(again.stderr.contains("已有记录"), "\(again.stderr)")
    #expect(back.status == 0, "\(back.stderr)")
    #expect(back.stdout.contains("两边 zhaoshang verify 均通过"), "\(back.stdout)")
    let verified = try folder.run(["verify", "--db", "back.sqlite", "--lang", "en"])
    #expect(verified.status == 0, "\(verified.stdout)")
  }
}
