import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// A large import drops `trip_by_head` inside its transaction and builds it again after its rows
/// (`DeferredIndexes`): what it records, skips and warns about must be what an import keeping them records, the
/// schema afterwards must be word for word the same, and no other connection may ever see the table without them.
@Suite("Trip indexes set aside during a large import")
struct DeferredIndexesTests {
  /// Rows after which the imports here set the index aside: a few batches into `lateHeadsFile`'s 6,000, before
  /// most of its heads are met.
  static let early = 3 * InsertPipeline.batchRows

  /// The trip table's indexes as `sqlite_master` holds them.
  static func tripIndexes(_ db: Database) throws -> [String] {
    try String.fetchAll(
      db, sql: "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trip' ORDER BY name")
  }

  /// The roster of `InsertPipelineTests`, with one trip of every head recorded if `withTrips`, in a ledger file.
  static func ledger(at path: String, withTrips: Bool) throws -> Ledger {
    let ledger = try Ledger.open(at: path, create: true)
    let rules = try TestRules.book()
    let heads = InsertPipelineTests.units.flatMap { unit in InsertPipelineTests.names.map { (unit, $0) } }
    try ledger.addPosts(try heads.map { Located(try post($0.0, $0.1)) }, rules: rules, stamp: testStamp)
    if withTrips {
      try ledger.recordTrips(
        try heads.map { Located(try trip($0.0, $0.1, "2022-06-06", "2022-06-08")) }, rules: rules,
        today: try d("2022-12-31"), stamp: testStamp)
    }
    return ledger
  }

  /// Imports `file` into `ledger`, setting the indexes aside after `deferAfter` rows and keeping footprints
  /// within `limits` (under `TestRules.book()` on 2022-12-31 unless told otherwise); gives the report and
  /// the trip indexes the import's own connection saw once every row was sent.
  static func importing(
    _ file: String, into ledger: Ledger, deferAfter: Int, rules: RuleBook? = nil, today: CivilDate? = nil,
    limits: FootprintLimits = .standard, during: ((Database) throws -> Void)? = nil
  ) throws -> (report: ImportReport, indexesMeanwhile: [String]) {
    var meanwhile: [String] = []
    let rules = try rules ?? TestRules.book()
    let today = try today ?? d("2022-12-31")
    let written = try ledger.writeTrips(
      rules: rules, today: today, stamp: testStamp, dryRun: false, keepAdded: false,
      amendment: nil, fewestRowsToDeferIndexes: deferAfter, footprintLimits: limits
    ) { (writer: TripWriter) throws(ZhaoshangError) in
      try TripImporter.stream(path: file, into: writer)
      do {
        meanwhile = try writer.exclusive { db in
          try during?(db)
          return try tripIndexes(db)
        }
      } catch {
        throw Ledger.translate(error, path: file)
      }
    }
    return (written.report, meanwhile)
  }

  /// The ledger's trips with their ids, and the payload of its last audit event.
  static func recorded(_ ledger: Ledger) throws -> (trips: [String], event: String?) {
    let trips = try ledger.trips().map { "\($0.id ?? 0) \(ImportEquivalenceTests.essence($0))" }
    let event = try ledger.read { db in try String.fetchOne(db, sql: "SELECT payload FROM event ORDER BY id DESC") }
    return (trips, event)
  }

  @Test(
    "An import setting the indexes aside records, skips and warns as one keeping them, and rebuilds them word for word",
    arguments: [false, true])
  func deferredImportIsTheKeptOne(withRecordedTrips: Bool) throws {
    try withTemporaryFolder { folder in
      // Given two copies of a ledger, with or without a trip of every head, and a file of 6,000 rows with repeats
      // and overlaps of recorded trips and of its own rows
      let file = folder.appendingPathComponent("trips.csv").path
      try Data(try InsertPipelineTests.lateHeadsFile().utf8).write(to: URL(fileURLWithPath: file))
      let kept = try Self.ledger(at: folder.appendingPathComponent("kept.sqlite").path, withTrips: withRecordedTrips)
      let deferred = try Self.ledger(
        at: folder.appendingPathComponent("deferred.sqlite").path, withTrips: withRecordedTrips)
      let before = try deferred.read { db in try Self.tripIndexes(db) }

      // When one imports the file keeping the indexes, and the other sets them aside after a few batches
      let plain = try Self.importing(file, into: kept, deferAfter: .max)
      let fast = try Self.importing(file, into: deferred, deferAfter: Self.early)

      // Then the second worked without trip_by_head (the recorded trips' footprints read before it went)
      #expect(plain.indexesMeanwhile == before)
      #expect(before.contains { $0.hasPrefix("trip_by_head:") })
      #expect(fast.indexesMeanwhile == before.filter { !$0.hasPrefix("trip_by_head:") })
      // And both recorded the same rows under the same ids, skipped the same repeats, noted the same overlaps
      #expect(fast.report.added > 3000)
      #expect(fast.report.alreadyPresent > 100)
      #expect(fast.report.added == plain.report.added)
      #expect(fast.report.alreadyPresent == plain.report.alreadyPresent)
      #expect(fast.report.firstAlreadyPresent == plain.report.firstAlreadyPresent)
      #expect(fast.report.warnings == plain.report.warnings)
      #expect(fast.report.warnings.contains { $0.message.en.contains("overlaps") })
      let keptRows = try Self.recorded(kept)
      let deferredRows = try Self.recorded(deferred)
      #expect(deferredRows.trips == keptRows.trips)
      // And the audit event vouches for the same rows, and verifies
      #expect(deferredRows.event == keptRows.event)
      #expect(try deferred.verify().isClean)
      // And the indexes are back, defined exactly as before, and used
      #expect(try deferred.read { db in try Self.tripIndexes(db) } == before)
      let plan = try deferred.read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM trip WHERE head_id = 3 ORDER BY start_date")
          .map { (row: Row) -> String in row["detail"] }
      }
      #expect(plan.joined().contains("trip_by_head"))
      #expect(try deferred.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }
  }

  @Test("A refused row after the indexes were set aside leaves the ledger, its indexes included, as it was")
  func refusedImportRestoresTheIndexes() throws {
    try withTemporaryFolder { folder in
      // Given a ledger holding a trip of every head, and the 6,000 rows followed by one of a head not on the roster
      let file = folder.appendingPathComponent("trips.csv").path
      let rows = try InsertPipelineTests.lateHeadsFile() + "无名单位,无名氏,2022-07-04,2022-07-05,上海,,,visit,\n"
      try Data(rows.utf8).write(to: URL(fileURLWithPath: file))
      let ledger = try Self.ledger(at: folder.appendingPathComponent("ledger.sqlite").path, withTrips: true)
      let before = try ledger.read { db in try Self.tripIndexes(db) }
      let trips = try Self.recorded(ledger)

      // When it is imported, setting the indexes aside after a few batches
      // Then the import is refused, naming the row
      do {
        _ = try Self.importing(file, into: ledger, deferAfter: Self.early)
        Issue.record("the import was not refused")
      } catch let error as ZhaoshangError {
        #expect(error.problems(at: "\(file):6002").count == 1, "\(error.text(.en))")
      }
      // And nothing was written, and the indexes are there as before
      #expect(try Self.recorded(ledger).trips == trips.trips)
      #expect(try ledger.read { db in try Self.tripIndexes(db) } == before)
      #expect(try ledger.verify().isClean)
    }
  }

  @Test("Another connection reading the ledger during the import sees the indexes and none of the new rows")
  func readersNeverSeeTheTableWithoutItsIndexes() throws {
    try withTemporaryFolder { folder in
      // Given a ledger in a file, with a trip of every head, and another connection to it
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let file = folder.appendingPathComponent("trips.csv").path
      try Data(try InsertPipelineTests.lateHeadsFile().utf8).write(to: URL(fileURLWithPath: file))
      let ledger = try Self.ledger(at: path, withTrips: true)
      let before = try ledger.read { db in try Self.tripIndexes(db) }
      var readOnly = Configuration()
      readOnly.readonly = true
      let reader = try DatabaseQueue(path: path, configuration: readOnly)

      // When the other connection reads while the import holds its rows and has set the indexes aside
      var seen: (indexes: [String], trips: Int?) = ([], nil)
      _ = try Self.importing(file, into: ledger, deferAfter: Self.early) { _ in
        seen = try reader.read { db in
          (try Self.tripIndexes(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM trip INDEXED BY trip_by_head"))
        }
      }

      // Then it saw every index and only the trips recorded before the import
      #expect(seen.indexes == before)
      #expect(seen.trips == InsertPipelineTests.units.count * InsertPipelineTests.names.count)
      // And once the import is in, it sees the indexes as they were and every row through them
      let after = try reader.read { db in
        (try Self.tripIndexes(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM trip INDEXED BY trip_by_head"))
      }
      #expect(after.0 == before)
      #expect(after.1 == (try ledger.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trip") }))
    }
  }
}
