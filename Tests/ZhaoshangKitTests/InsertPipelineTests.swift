import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// An import inserts its trips on a second thread through a connection opened without SQLite's mutex; the reading
/// thread reaches that connection only through `InsertPipeline.exclusive`, which must wait for every row submitted
/// before it, so that no query ever runs beside an insert.
@Suite("The import's second inserting thread")
struct InsertPipelineTests {
  /// A transaction on a fresh ledger schema holding one head, whose connection `body` hands to a pipeline.
  static func withTransaction<T>(_ body: (Database, Int64) throws -> T) throws -> T {
    let queue = try DatabaseQueue()
    try Schema.migrator.migrate(queue)
    return try queue.write { db in
      try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('朱坝街道', '王某')")
      return try body(db, db.lastInsertedRowID)
    }
  }

  @Test("A query through the pipeline sees every row submitted before it")
  func queriesWaitForTheSubmittedRows() throws {
    try Self.withTransaction { db, headId in
      // Given a pipeline owning the transaction's connection
      let pipeline = InsertPipeline(db: db, stamp: testStamp)
      defer { pipeline.cancel() }
      let row = try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06")
      var batch = TripBatch()

      // When batches are submitted and the ledger is counted through the pipeline right after each
      var counts: [Int] = []
      for _ in 0..<100 {
        for _ in 0..<InsertPipeline.batchRows { batch.append(row, headId: headId) }
        batch = try pipeline.submit(batch)
        counts.append(try pipeline.exclusive { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trip") ?? 0 })
      }

      // Then each count holds every row submitted before it, never a batch still being inserted
      #expect(counts == (1...100).map { $0 * InsertPipeline.batchRows })
      #expect(try pipeline.finish()?.ids == 1...Int64(100 * InsertPipeline.batchRows))
    }
  }

  @Test("The audit digest kept while inserting is the one read back from the table, whatever the values")
  func digestWhileInsertingIsTheStoredOne() throws {
    try Self.withTransaction { db, _ in
      // Given a head stored with a precomposed é and a pipeline owning the connection, and trips with escapes
      // in their companies, a void, afternoon starts, morning ends, a NUL and text of several scripts
      try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('Caf\u{E9}', 'Zo\u{EB}')")
      let other = db.lastInsertedRowID
      let pipeline = InsertPipeline(db: db, stamp: testStamp)
      defer { pipeline.cancel() }
      var batch = TripBatch()
      var written = 0
      for index in 0..<300 {
        var row = try trip(
          "Cafe\u{301}", "Zoe\u{308}", "2022-07-04", "2022-07-06", pm: index % 3 == 0, am: index % 5 == 0,
          destination: index % 7 == 0 ? "南京\u{0}x" : "上海 \(index)")
        row.companies = index % 2 == 0 ? ["甲\"公司\\/", "B\tCo\n"] : []
        row.purpose = index % 11 == 0 ? "" : "洽谈 🚀 \(index)"
        if index % 4 == 0 { row.voiding = Voiding(reason: "重复", by: "", at: "") }
        batch.append(row, headId: other)
        written += 1
        if batch.rows.count == 100 { batch = try pipeline.submit(batch) }
      }
      batch = try pipeline.submit(batch)

      // When the pipeline finishes
      let finished = try #require(try pipeline.finish())

      // Then its digest gives the payload read back from the table, and the one defined over the rows
      let streamed = try #require(finished.digest?.payload(table: .trip, range: finished.ids))
      #expect(finished.ids == 1...Int64(written))
      #expect(streamed == (try CreationDigest.payload(table: .trip, range: finished.ids, db: db)))
      #expect(
        streamed
          == AuditTrail.creationPayload(
            table: .trip, range: finished.ids, rows: try AuditedTable.trip.rows(in: finished.ids, db: db), initial: [:])
      )
      // and the rows hold what was bound, a NUL inside a cell included, the stamp on recorded and voided rows
      #expect(
        try Data.fetchOne(db, sql: "SELECT CAST(destination AS BLOB) FROM trip WHERE id = 1") == Data("南京\u{0}x".utf8))
      let second = try #require(
        try Row.fetchOne(db, sql: "SELECT destination, purpose, companies, void_reason FROM trip WHERE id = 2"))
      #expect((second[0] as String) == "上海 1" && (second[1] as String) == "洽谈 🚀 1" && (second[2] as String) == "[]")
      #expect((second[3] as String?) == nil)
      let fifth = try #require(
        try Row.fetchOne(
          db,
          sql: "SELECT companies, recorded_by, recorded_at, void_reason, voided_by, voided_at FROM trip WHERE id = 5"))
      #expect((fifth[0] as String) == #"["甲\"公司\\\/","B\tCo\n"]"#)
      #expect((fifth[1] as String) == testStamp.by && (fifth[2] as String) == testStamp.at)
      #expect(
        (fifth[3] as String) == "重复" && (fifth[4] as String) == testStamp.by && (fifth[5] as String) == testStamp.at)
      // and it vouches for no more than it saw: a range holding one more row is left to the table
      try db.execute(
        sql: """
          INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at)
          VALUES (?, '2022-08-01', '2022-08-01', 'visit', '南京', 'x', 'y')
          """, arguments: [other])
      #expect(finished.digest?.payload(table: .trip, range: 1...Int64(written + 1)) == nil)
      #expect(finished.digest?.payload(table: .trip, range: 0...Int64(written)) == nil)
    }
  }

  @Test(
    "Fingerprints computed before a batch is submitted give the digest read back, a head named otherwise included")
  func fingerprintsComputedBeforehandGiveTheStoredDigest() throws {
    try Self.withTransaction { db, plainHead in
      // Given a head stored with a precomposed é, and batches of its trips naming it decomposed, mixed with trips
      // of a head named as stored, voids, escapes and a NUL, every fingerprint computed before submitting
      try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('Caf\u{E9}', 'Zo\u{EB}')")
      let decomposedHead = db.lastInsertedRowID
      let pipeline = InsertPipeline(db: db, stamp: testStamp)
      defer { pipeline.cancel() }
      var fingerprinter = TripFingerprinter(stamp: testStamp)
      var batch = TripBatch()
      var written = 0
      for index in 0..<600 {
        let decomposed = index % 40 >= 30
        var row = try trip(
          decomposed ? "Cafe\u{301}" : "朱坝街道", decomposed ? "Zoe\u{308}" : "王某", "2022-07-04", "2022-07-06",
          pm: index % 3 == 0, am: index % 5 == 0, destination: index % 7 == 0 ? "南京\u{0}x" : "上海 \(index)")
        row.companies = index % 2 == 0 ? ["甲\"公司\\/", "B\tCo\n"] : ["乙公司"]
        if index % 4 == 0 { row.voiding = Voiding(reason: "重复", by: "", at: "") }
        batch.append(row, headId: decomposed ? decomposedHead : plainHead)
        written += 1
        if batch.rows.count == InsertPipeline.batchRows {
          batch.fingerprint(next: batch.rows.count, with: &fingerprinter)
          batch = try pipeline.submit(batch)
        }
      }
      batch.fingerprint(next: batch.rows.count / 2, with: &fingerprinter)
      batch = try pipeline.submit(batch)

      // When the pipeline finishes
      let finished = try #require(try pipeline.finish())

      // Then its digest gives the payload read back from the table, and the one defined over the rows
      let streamed = try #require(finished.digest?.payload(table: .trip, range: finished.ids))
      #expect(finished.ids == 1...Int64(written))
      #expect(streamed == (try CreationDigest.payload(table: .trip, range: finished.ids, db: db)))
      #expect(
        streamed
          == AuditTrail.creationPayload(
            table: .trip, range: finished.ids, rows: try AuditedTable.trip.rows(in: finished.ids, db: db), initial: [:])
      )
    }
  }

  @Test("Trips submitted while the connection is lent are refused instead of waiting for ever")
  func submittingWhileLentIsRefused() throws {
    try Self.withTransaction { db, headId in
      // Given a pipeline whose connection is lent
      let pipeline = InsertPipeline(db: db, stamp: testStamp)
      defer { pipeline.cancel() }
      let batch = TripBatch()
      batch.append(try trip("朱坝街道", "王某", "2022-07-04"), headId: headId)
      try pipeline.exclusive { _ in
        // When a batch is submitted from inside
        // Then it is refused
        #expect(throws: DatabaseError.self) { _ = try pipeline.submit(batch) }
      }
      // And nothing was written
      #expect(try pipeline.finish() == nil)
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM trip") == 0)
    }
  }

  /// How a row can break the trip table's rules behind the validator's back, and the error that must follow.
  enum BrokenRow: CaseIterable {
    /// No destination: a CHECK, at the statement inserting it.
    case noDestination
    /// A head that is not in the ledger: the audit digest cannot read it, and the foreign key would not pass.
    case missingHead
  }

  @Test("A row breaking the trip table's rules still fails the whole write", arguments: BrokenRow.allCases)
  func brokenRowsStillFail(_ broken: BrokenRow) throws {
    // Given a ledger schema holding one head, and rows breaking a rule as given
    let queue = try DatabaseQueue()
    try Schema.migrator.migrate(queue)
    try queue.write { db in try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('朱坝街道', '王某')") }
    let row = try trip("朱坝街道", "王某", "2022-07-04", destination: broken == .noDestination ? "" : "上海")

    // When a pipeline inserts them, in statements of several rows
    var failure: DatabaseError?
    do {
      try queue.write { db in
        let pipeline = InsertPipeline(db: db, stamp: testStamp)
        defer { pipeline.cancel() }
        var batch = TripBatch()
        for _ in 0..<(2 * InsertPipeline.rowsPerStatement) {
          batch.append(row, headId: broken == .missingHead ? 999 : 1)
        }
        batch = try pipeline.submit(batch)
        _ = try pipeline.finish()
      }
    } catch let error as DatabaseError {
      failure = error
    }

    // Then the write fails, on the constraint broken where there is one, and nothing was written
    switch broken {
    case .noDestination: #expect(failure?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
    case .missingHead: #expect(failure != nil)
    }
    #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trip") } == 0)
    #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM head") } == 1)
  }

  /// Five units of eight heads, each with one trip already recorded, so that the import queries the ledger for a
  /// head's trips the first time it meets the head, while earlier rows are still being inserted.
  static let units = ["朱坝街道", "黄集街道", "共和镇", "住建局", "残联"]
  static let names = ["王某", "李某", "张某", "刘某", "陈某", "杨某", "赵某", "黄某"]

  static func ledgerWithATripPerHead() throws -> Ledger {
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    try ledger.addPosts(
      try units.flatMap { unit in try names.map { Located(try post(unit, $0)) } }, rules: rules, stamp: testStamp)
    try ledger.recordTrips(
      try units.flatMap { unit in try names.map { Located(try trip(unit, $0, "2022-06-06", "2022-06-08")) } },
      rules: rules, today: try d("2022-12-31"), stamp: testStamp)
    return ledger
  }

  /// 6,000 rows in which the first rows name four heads only and each other head is met later, about one every
  /// 150 rows, in the middle of batches being inserted; many rows repeat a trip (recorded, or earlier in the file),
  /// many overlap one.
  static func lateHeadsFile() throws -> String {
    let heads = units.flatMap { unit in names.map { (unit, $0) } }
    var rows = ["unit,name,start,end,destination,purpose,companies,kind,void_reason"]
    let january = try d("2022-01-01")
    for index in 0..<6000 {
      let met = min(heads.count, 4 + index / 150)
      let (unit, name) = heads[(index * 7) % met]
      if index % 53 == 0 {
        rows.append("\(unit),\(name),2022-06-06,2022-06-08,上海,,,visit,")
        continue
      }
      let start = january.adding(days: (index * 37) % 330)
      let end = start.adding(days: index % 3)
      let void = index % 97 == 0 ? "重复登记" : ""
      rows.append("\(unit),\(name),\(start.iso),\(end.iso),城市\(index % 11),洽谈,甲公司;乙公司,visit,\(void)")
    }
    return rows.joined(separator: "\n") + "\n"
  }

  @Test("An import meeting its heads late records what the one-thread path records")
  func lateHeadsImportLikeTheOneThreadPath() throws {
    try withTemporaryFolder { folder in
      // Given a ledger holding a trip of every head, and a file meeting most heads only after thousands of rows
      let path = folder.appendingPathComponent("late-heads.csv").path
      try Data(try Self.lateHeadsFile().utf8).write(to: URL(fileURLWithPath: path))
      let rules = try TestRules.book()
      let today = try d("2022-12-31")

      // When the file is recorded row by row on one thread, and imported through the second thread
      let batch = try TripImporter.read(path: path)
      #expect(batch.problems.isEmpty)
      let plain = try Self.ledgerWithATripPerHead()
      let outcome = try plain.recordTrips(batch.entries, rules: rules, today: today, stamp: testStamp)
      let fast = try Self.ledgerWithATripPerHead()
      let report = try fast.importTrips(rules: rules, today: today, stamp: testStamp) {
        (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: path, into: sink)
      }

      // Then both wrote the same rows under the same ids, skipped the same repeats and noted the same overlaps
      #expect(report.added == outcome.added.count)
      #expect(report.added > 3000)
      #expect(report.added + report.alreadyPresent == batch.entries.count)
      #expect(report.alreadyPresent > 100)
      #expect(report.firstAlreadyPresent == outcome.alreadyPresent.compactMap(\.location))
      #expect(report.warnings == outcome.warnings)
      let described = { (trip: Trip) in "\(trip.id ?? 0) \(ImportEquivalenceTests.essence(trip))" }
      #expect(try fast.trips().map(described) == plain.trips().map(described))
      // And the import's audit event vouches for exactly the rows written
      #expect(try fast.verify().isClean)
    }
  }
}
