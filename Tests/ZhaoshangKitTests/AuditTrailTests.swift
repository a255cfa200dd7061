import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

@Suite("The audit trail")
struct AuditTrailTests {
  @Test("Every change appends one chained event, and an untouched ledger verifies")
  func cleanLedgerVerifies() throws {
    try withTemporaryFolder { folder in
      // Given posts, two batches of trips, leave, a void and an ended post
      let fixture = try AuditedLedger(folder: folder)
      // When the ledger is verified
      let report = try fixture.verify()
      // Then six events chain, and all seven rows (3 posts, 3 trips, 1 leave) agree
      #expect(report.isClean, "\(report.text(.en))")
      #expect(report.events == 6)
      #expect(report.rowsChecked == 7)
      #expect(report.text(.en).contains("verified: 6 events chained, 7 rows agree with them."))
      let history = try fixture.ledger.history()
      #expect(
        history.map(\.action) == [.postsAdded, .tripsAdded, .tripsAdded, .leaveAdded, .tripVoided, .postEnded])
      #expect(history.allSatisfy { $0.by == "测试员" && $0.command == "zhaoshang test" })
    }
  }

  @Test("A changed trip is named, by table, id and the event that recorded it")
  func changedTrip() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // When a destination is rewritten behind the tool's back
      try fixture.tamper("UPDATE trip SET destination = '北京' WHERE id = 1")
      // Then verify names that trip and fails
      let report = try fixture.verify()
      #expect(!report.isClean)
      #expect(
        report.disagreements.map { $0.text(.en) } == ["trip 1 differs from what event 2 recorded: it was changed"])
      #expect(report.disagreements.first?.text(.zh) == "外出记录 1 与第 2 条审计记录登记的内容不同：被改动")
    }
  }

  @Test("A deleted trip, an inserted trip and a renamed head are each named")
  func deletedInsertedRenamed() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // When a trip is deleted, one is slipped in, and a head is renamed
      try fixture.tamper("DELETE FROM trip WHERE id = 2")
      try fixture.tamper(
        "INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at) VALUES (1, '2022-07-20', '2022-07-29', 'visit', '杭州', 'x', 'y')"
      )
      try fixture.tamper("UPDATE head SET name = '王某某' WHERE name = '唐某'")
      // Then each shows up
      let messages = try fixture.verify().disagreements.map { $0.text(.en) }
      #expect(messages.contains("trip 2, recorded by event 2, is missing: it was deleted"))
      #expect(messages.contains("trip 4 was not recorded by any event: it was written outside zhaoshang"))
      #expect(messages.contains("post 3 differs from what event 1 recorded: it was changed"))
      #expect(messages.contains("trip 3 differs from what event 3 recorded: it was changed"))
    }
  }

  @Test("A trip un-voided, a post's end moved and leave shortened are named")
  func changedMutableColumns() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      try fixture.tamper("UPDATE trip SET void_reason = NULL, voided_by = NULL, voided_at = NULL WHERE id = 3")
      try fixture.tamper("UPDATE post SET to_date = '2022-12-31' WHERE id = 2")
      try fixture.tamper("UPDATE leave SET to_date = '2022-07-31' WHERE id = 1")
      let messages = try fixture.verify().disagreements.map { $0.text(.en) }
      #expect(messages.contains("trip 3's void_reason is \"\" but event 5 recorded \"重复登记\""))
      #expect(messages.contains("post 2's to_date is \"2022-12-31\" but event 6 recorded \"2022-07-31\""))
      #expect(messages.contains("leave 1 differs from what event 4 recorded: it was changed"))
    }
  }

  @Test("Changing an event breaks the chain at that event; deleting one is named too")
  func brokenChain() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // When an event's reason is rewritten
      try fixture.tamper("UPDATE event SET by = '别人' WHERE id = 5")
      // Then the chain breaks exactly there
      #expect(
        try fixture.verify().brokenLink?.text(.en) == "event 5's content does not match its hash (it was changed)")
      // And when an event in the middle is deleted, the gap is named
      try fixture.tamper("DELETE FROM event WHERE id = 3")
      #expect(try fixture.verify().brokenLink?.text(.en) == "events 3 to 3 are missing (deleted)")
    }
  }

  @Test("Recomputing a changed event's own hash still breaks the link to the next one")
  func rehashedEvent() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // Given a forger who rewrites event 2 and recomputes its hash
      let queue = try DatabaseQueue(path: fixture.path)
      try queue.write { db in
        try db.execute(sql: "DROP TRIGGER event_never_changed")
        guard var event = try EventRecord.fetchOne(db, id: 2) else { return }
        event.by = "别人"
        event.hash = SHA256Digest.hex(of: event.canonicalText)
        try event.update(db)
      }
      // Then event 3 no longer follows from it
      #expect(
        try fixture.verify().brokenLink?.text(.en)
          == "event 3 does not follow from the event before it (that event was changed or replaced)")
    }
  }

  @Test("The database itself refuses to change or delete events")
  func eventsAreAppendOnly() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      let queue = try DatabaseQueue(path: fixture.path)
      #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE event SET by = 'x'") } }
      #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM event") } }
    }
  }

  @Test("A refused write leaves no event behind")
  func refusedWriteLeavesNoEvent() throws {
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    let stamp = Stamp(by: "测试员", at: "2022-08-01T09:00:00+08:00")
    try ledger.addPosts([Located(try post("朱坝街道", "王某"))], rules: rules, stamp: stamp)
    // When a batch with one bad trip is refused, and a dry run is made
    #expect(throws: ZhaoshangError.self) {
      try ledger.recordTrips(
        [Located(try trip("朱坝街道", "王某", "2022-07-04")), Located(try trip("朱坝街道", "无名", "2022-07-04"))],
        rules: rules, today: try d("2022-08-31"), stamp: stamp)
    }
    try ledger.recordTrips(
      [Located(try trip("朱坝街道", "王某", "2022-07-04"))], rules: rules, today: try d("2022-08-31"), stamp: stamp,
      dryRun: true)
    // Then only the roster's event is there
    #expect(try ledger.history().map(\.action) == [.postsAdded])
    #expect(try ledger.verify().isClean)
  }

  @Test("History filters by unit, head, trip (also inside a batch) and month, batches of several heads included")
  func historyFilters() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // The roster of three heads (event 1) names no unit, yet holds 住建局's post and 刘某's
      #expect(try fixture.ledger.history(unit: "住建局").map(\.id) == [1, 3, 5])
      // 刘某's trip was written with 王某's (event 2), which names the unit but no head
      #expect(try fixture.ledger.history(name: "刘某").map(\.id) == [1, 2, 6])
      // Trip 2 was written with trip 1 in one event, and never touched since
      #expect(try fixture.ledger.history(trip: 2).map(\.id) == [2])
      #expect(try fixture.ledger.history(trip: 3).map(\.id) == [3, 5])
      // The roster's posts and 刘某's post ended on July 31 reach July, though their events name no month
      #expect(try fixture.ledger.history(month: try m("2022-07")).map(\.id) == [1, 2, 3, 4, 5, 6])
      let void = try #require(try fixture.ledger.history(trip: 3).last)
      #expect(void.detail.contains("void_reason: ∅ → 重复登记"))
    }
  }

  @Test("A file import is one event carrying the file's SHA-256")
  func importIsOneEvent() throws {
    try withTemporaryFolder { folder in
      let ledger = try Ledger.inMemory()
      let rules = try TestRules.book()
      let stamp = Stamp(by: "测试员", at: "2022-08-01T09:00:00+08:00")
      try ledger.addPosts([Located(try post("朱坝街道", "王某"))], rules: rules, stamp: stamp)
      let file = folder.appendingPathComponent("trips.csv")
      let text = "unit,name,start,end,destination\n朱坝街道,王某,2022-07-04,2022-07-05,上海\n朱坝街道,王某,2022-07-11,,南京\n"
      try Data(text.utf8).write(to: file)
      // When the file is imported
      let today = try d("2022-08-31")
      _ = try ledger.importTrips(rules: rules, today: today, stamp: stamp) {
        (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: file.path, into: sink)
      }
      // Then one event names the file by its digest and the two trips by their ids
      let event = try #require(try ledger.history().last)
      #expect(event.action == .tripsAdded)
      #expect(event.detail.contains("trip #1–#2 (2)"))
      #expect(event.detail.contains("trips.csv sha256 \(SHA256Digest.hex(of: text).prefix(12))"))
      #expect(try ledger.verify().isClean)
    }
  }

  @Test("A ledger made before the audit trail adopts its rows when migrated, and verifies")
  func adoptionOnMigration() throws {
    try withTemporaryFolder { folder in
      // Given a ledger at schema v3 with a post and a trip written by hand
      let path = folder.appendingPathComponent("old.sqlite").path
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(queue, upTo: "v3: explanations, closed months and amendments")
      try queue.write { db in
        try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('朱坝街道', '王某')")
        try db.execute(
          sql:
            "INSERT INTO post (head_id, role, recorded_by, recorded_at) VALUES (1, '党工委书记', 'x', '2022-08-01')")
        try db.execute(
          sql: """
            INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at)
            VALUES (1, '2022-07-04', '2022-07-05', 'visit', '上海', 'x', '2022-08-01')
            """)
      }
      // When it is opened by this zhaoshang
      let ledger = try Ledger.open(at: path)
      // Then its rows are adopted by one event per table and verify
      #expect(try ledger.history().map(\.action) == [.adopted, .adopted])
      #expect(try ledger.verify().isClean)
    }
  }
}
