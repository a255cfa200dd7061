import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// The fast paths of the check and import against what the audit trail, leave, working days and the schema need: every
/// shortcut must give what the defining code gives, so `verify` and the reports cannot tell them apart.
@Suite("Fast paths and the audit trail, leave, working days and the schema")
struct FastPathAuditTests {
  let today = CivilDate(iso: "2022-09-30") ?? CivilDate(ordinal: 0)

  /// `count` distinct trips of 朱坝街道's 王某 as a CSV file, one per day from 2022-01-01, some void, some PM.
  func tripFile(_ count: Int, in folder: URL, from first: String = "2022-01-01") throws -> String {
    let start = try d(first).ordinal
    var lines = ["unit,name,start,end,destination,purpose,companies,kind,void_reason"]
    for index in 0..<count {
      let day = CivilDate(ordinal: start + index % 200)
      let pm = index % 7 == 0 ? " PM" : ""
      let void = index % 13 == 0 ? "重复登记" : ""
      lines.append("朱坝街道,王某,\(day.iso)\(pm),\(day.iso),城市\(index),拜访企业,甲公司;乙公司,外出招商,\(void)")
    }
    let path = folder.appendingPathComponent("trips-\(count).csv").path
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func ledgerWithRoster() throws -> Ledger {
    let ledger = try Ledger.inMemory()
    try ledger.addPosts(
      [Located(try post("朱坝街道", "王某")), Located(try post("朱坝街道", "刘某"))], rules: try TestRules.book(),
      stamp: testStamp)
    return ledger
  }

  func lastEvent(_ ledger: Ledger) throws -> (EventRecord, EventPayload) {
    let event = try #require(try ledger.read { try EventRecord.order(EventRecord.Columns.id.desc).fetchOne($0) })
    return (event, try #require(AuditTrail.decode(event.payload)))
  }

  // MARK: The audit digest of a creation

  @Test("The streamed payload of a creation is the defined one, for every table and every kind of value")
  func streamedPayloadIsTheDefinedOne() throws {
    // Given a ledger with posts, trips, leave and an explanation, and trips holding a NUL, invalid UTF-8, a
    // real number and a blob, written behind zhaoshang's back
    let ledger = try ledgerWithRoster()
    let rules = try TestRules.book()
    try ledger.recordTrips(
      [Located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06")), Located(try trip("朱坝街道", "刘某", "2022-07-05"))],
      rules: rules, today: today, stamp: testStamp)
    try ledger.addLeave(
      [Located(Leave(unit: "朱坝街道", name: "王某", from: try d("2022-07-18"), to: try d("2022-07-19"), reason: "党校学习"))],
      rules: rules, stamp: testStamp)
    try ledger.write { db in
      try db.execute(
        sql: """
          INSERT INTO trip (head_id, start_date, starts_afternoon, end_date, kind, destination, purpose, recorded_by,
            recorded_at)
          VALUES (1, '2022-07-20', 0.5, '2022-07-21', 'visit', '南京', CAST(X'41004243' AS TEXT), 'x', 'y'),
            (1, '2022-07-22', 0, '2022-07-22', 'visit', CAST(X'FF41E4B8' AS TEXT), '', X'0102FF', 'y')
          """)
      try db.execute(
        sql: """
          INSERT INTO explanation (unit, month, received_date, note, recorded_by, recorded_at)
          VALUES ('朱坝街道', '2022-07', '2022-08-03', '已收到', 'x', 'y')
          """)
    }

    // and one trip given an id far above the rest
    try ledger.write { db in
      try db.execute(
        sql: """
          INSERT INTO trip (id, head_id, start_date, end_date, kind, destination, recorded_by, recorded_at)
          VALUES (5000000000, 2, '2022-07-25', '2022-07-25', 'visit', '杭州', 'x', 'y')
          """)
    }

    // When each table's payload is computed both ways, over ranges with gaps before, inside and after the rows
    for table in AuditedTable.all {
      for range: ClosedRange<Int64> in [
        1...1, 1...4, 0...9, 2...3, 7...9, 3...5_000_000_000, 1_000...1_998, 1_000...1_999,
      ] {
        let streamed = try ledger.read { try CreationDigest.payload(table: table, range: range, db: $0) }
        let defined = try ledger.read { db in
          AuditTrail.creationPayload(table: table, range: range, rows: try table.rows(in: range, db: db), initial: [:])
        }
        // Then they are the same
        #expect(streamed == defined, "\(table.name) \(range)")
      }
    }
  }

  @Test("Past the fingerprint limit the streamed payload keeps block digests, as defined")
  func streamedPayloadOfALargeBatch() throws {
    // Given 10,300 trips (more than the 10,000 fingerprints a payload lists), with a gap in their ids
    let ledger = try ledgerWithRoster()
    try ledger.write { db in
      try db.execute(
        sql: """
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10300)
          INSERT INTO trip (id, head_id, start_date, end_date, kind, destination, recorded_by, recorded_at)
          SELECT CASE WHEN i > 5000 THEN i + 3 ELSE i END, 1 + i % 2, date('2020-01-01', '+' || (i % 900) || ' days'),
            date('2020-01-01', '+' || (i % 900) || ' days'), 'visit', '城市' || i, 'x', 'y'
          FROM n
          """)
    }
    let range: ClosedRange<Int64> = 1...10_303

    // When its payload is computed both ways
    let streamed = try ledger.read { try CreationDigest.payload(table: .trip, range: range, db: $0) }
    let defined = try ledger.read { db in
      AuditTrail.creationPayload(
        table: .trip, range: range, rows: try AuditedTable.trip.rows(in: range, db: db), initial: [:])
    }

    // Then they are the same, with block digests and the three missing ids
    #expect(streamed == defined)
    #expect(streamed.fingerprints == nil)
    #expect(streamed.blockDigests?.count == (10_300 + 255) / 256)
    #expect(streamed.gaps == [5001, 5002, 5003])
  }

  @Test("An import inserted on the second thread is recorded as the row-by-row path records it, and verifies")
  func importedBatchIsRecordedLikeRecordedTrips() throws {
    try withTemporaryFolder { folder in
      // Given two ledgers with the same roster and one trip already recorded, and a file of 300 trips
      let rules = try TestRules.book()
      let path = try tripFile(300, in: folder)
      var ledgers: [Ledger] = []
      for _ in 0..<2 {
        let ledger = try ledgerWithRoster()
        try ledger.recordTrips(
          [Located(try trip("朱坝街道", "刘某", "2022-07-05"))], rules: rules, today: today, stamp: testStamp)
        ledgers.append(ledger)
      }

      // When one imports the file (the second thread inserts) and the other records the same rows one by one
      let report = try ledgers[0].importTrips(rules: rules, today: today, stamp: testStamp) {
        (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: path, into: sink)
      }
      let batch = try TripImporter.read(path: path)
      let outcome = try ledgers[1].recordTrips(batch.entries, rules: rules, today: today, stamp: testStamp)

      // Then both wrote ids 2 to 301, and their events vouch for the same rows, months and head
      #expect(report.added == 300)
      #expect(outcome.added.compactMap(\.id) == Array(2...301))
      let (imported, importedPayload) = try lastEvent(ledgers[0])
      let (recorded, recordedPayload) = try lastEvent(ledgers[1])
      #expect(importedPayload.firstID == 2)
      #expect(importedPayload.lastID == 301)
      #expect(importedPayload.rows == 300)
      #expect(importedPayload.digest == recordedPayload.digest)
      #expect(importedPayload.fingerprints == recordedPayload.fingerprints)
      #expect(importedPayload.file == path)
      #expect(imported.action == AuditAction.tripsAdded.rawValue)
      #expect(imported.unit == recorded.unit)
      #expect(imported.name == "王某")
      #expect(imported.firstMonth == recorded.firstMonth)
      #expect(imported.lastMonth == recorded.lastMonth)
      // and verify recomputes what was recorded
      #expect(try ledgers[0].verify().isClean)
      #expect(try ledgers[1].verify().isClean)
    }
  }

  @Test("A large import keeps block digests that verify recomputes, and names a changed row's block")
  func largeImportVerifies() throws {
    try withTemporaryFolder { folder in
      // Given a ledger file with a roster
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let ledger = try Ledger.open(at: path, create: true)
      let rules = try TestRules.book()
      try ledger.addPosts([Located(try post("朱坝街道", "王某"))], rules: rules, stamp: testStamp)
      let file = try tripFile(10_200, in: folder)

      // When 10,200 trips are imported
      let report = try ledger.importTrips(rules: rules, today: today, stamp: testStamp) {
        (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: file, into: sink)
      }

      // Then the event holds block digests, and the ledger verifies
      #expect(report.added == 10_200)
      let (_, payload) = try lastEvent(ledger)
      #expect(payload.rows == 10_200)
      #expect(payload.blockDigests?.count == 40)
      #expect(try ledger.verify().isClean)
      // and a row changed behind zhaoshang's back is caught in its block
      let queue = try DatabaseQueue(path: path)
      try queue.write { db in
        try db.execute(sql: "DROP TRIGGER trip_void_is_final")
        try db.execute(sql: "UPDATE trip SET destination = '伪造' WHERE id = 300")
      }
      try queue.close()
      let report2 = try Ledger.open(at: path).verify()
      #expect(
        report2.disagreements.map { $0.en } == ["trips 257 to 512, recorded together by event 2, include a changed row"]
      )
    }
  }

  // MARK: The check

  @Test("Ledger.check is MonthlyCheck of the roster, the trips and the leave, in working days with two posts")
  func ledgerCheckIsTheMonthlyCheck() throws {
    // Given the working-day rules with prorate_leave, a head who changed role mid-July, leave, trips of every
    // kind (void, not counted, counted under another name, long and across month ends)
    let book = try RuleFileParser.loadBook(at: WorkingFixture.rulePath)
    let ledger = try Ledger.inMemory()
    try ledger.addPosts(
      [
        located(try post("朱坝街道", "王某", role: "副书记", from: "2021-01-01", to: "2022-07-14"), line: 2),
        located(try post("朱坝街道", "王某", role: "党工委书记", from: "2022-07-15"), line: 3),
        located(try post("住建局", "唐某", role: "局长", from: "2022-07-20"), line: 4),
        located(try post("共和镇", "郭某", role: "镇长", to: "2022-07-10"), line: 5),
      ], rules: book, stamp: testStamp)
    try ledger.recordTrips(
      [
        located(try trip("朱坝街道", "王某", "2022-06-10", "2022-07-08"), line: 2),
        located(try trip("朱坝街道", "王某", "2022-07-11", "2022-07-15", pm: true, am: true), line: 3),
        located(try trip("朱坝街道", "王某", "2022-07-13", "2022-07-13", kind: "video"), line: 4),
        located(try trip("朱坝街道", "王某", "2022-07-18", "2022-07-19", kind: "招商推介会"), line: 5),
        located(try trip("朱坝街道", "王某", "2022-07-25", "2022-08-09", destination: "深圳"), line: 6),
        located(try trip("住建局", "唐某", "2022-07-18", "2022-07-22", voided: true), line: 7),
        located(try trip("住建局", "唐某", "2022-07-21", "2022-07-22"), line: 8),
        located(try trip("共和镇", "郭某", "2022-07-04", "2022-07-12"), line: 9),
      ], rules: book, today: today, stamp: testStamp)
    try ledger.addLeave(
      [
        located(
          Leave(unit: "朱坝街道", name: "王某", from: try d("2022-07-12"), to: try d("2022-07-13"), reason: "党校学习"), line: 2),
        located(
          Leave(unit: "共和镇", name: "郭某", from: try d("2022-07-01"), to: try d("2022-07-31"), reason: "病假"), line: 3),
      ], rules: book, stamp: testStamp)

    for text in ["2022-06", "2022-07", "2022-08", "2022-09"] {
      // When the month is checked by the ledger
      let month = try m(text)
      let fast = try ledger.check(month: month, rules: book)

      // Then it is the pure check of everything recorded
      let reference = MonthlyCheck.run(
        month: month, rules: try book.ruleSet(for: month), posts: try ledger.posts(), trips: try ledger.trips(),
        leaves: try ledger.leaves())
      #expect(fast == reference, "\(text)")
    }
    let july = try ledger.check(month: try m("2022-07"), rules: book)
    #expect(july.people.first { $0.name == "王某" }?.role == "副书记、党工委书记")
    #expect(!july.people.contains { $0.name == "郭某" })
  }

  @Test("The check reports show (MonthResults) is MonthlyCheck of the month's trips")
  func reportCheckIsTheMonthlyCheckOfTheMonthsTrips() throws {
    // Given the generated case of the import tests, imported, with a trip voided afterwards
    let generated = try ImportEquivalenceTests.Case()
    let path = try generated.write()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ledger = try generated.ledger()
    _ = try ledger.importTrips(rules: generated.rules, today: ImportEquivalenceTests.Case.today, stamp: testStamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
    let some = try #require(try ledger.trips().first { !$0.isVoid && $0.kind == "visit" })
    try ledger.voidTrip(id: try #require(some.id), reason: "核查", stamp: testStamp)

    for month in [5, 6, 7, 8, 9].compactMap({ Month(year: 2022, month: $0) }) {
      // When the month's standing is read, as `check`, `owing` and `close` read it
      let standing = try ledger.standing(month: month, rules: generated.rules)

      // Then today's computation is the pure check of the month's trips
      let reference = MonthlyCheck.run(
        month: month, rules: try generated.rules.ruleSet(for: month), posts: try ledger.posts(),
        trips: try ledger.trips(in: month))
      #expect(try standing.current.get() == reference, "\(month.iso)")
    }
  }

  // MARK: The schema

  @Test("Migration v5 leaves the indexes the check reads, with the long-trip bound CheckQuery uses")
  func monthlyCheckIndexes() throws {
    // Given a new ledger
    let ledger = try Ledger.inMemory()

    // When its trip indexes are listed
    let indexes = try ledger.read { db in
      try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trip'")
        .reduce(into: [String: String]()) { $0[$1["name"]] = $1["sql"] }
    }

    // Then the redundant ones are gone and the check's are there, its bound written as CheckQuery's
    #expect(indexes["trip_on_head_id"] == nil)
    #expect(indexes["trip_by_start"] == nil)
    #expect(indexes["trip_by_head"] != nil)
    #expect(indexes["trip_by_dates"]?.contains("start_date, end_date, kind, void_reason, head_id") == true)
    #expect(
      indexes["trip_long_by_start"]?.contains(
        "WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)") == true)
    // and the check's query, which names both with INDEXED BY (SQLite refuses it when an index cannot serve), runs
    #expect(throws: Never.self) {
      try ledger.read { try CheckQuery.countedHalves(month: try m("2022-07"), kinds: ["visit"], in: $0) }
    }
  }
}
