import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// What `verify` sees beyond the rows' columns as text: every byte of a value, the file's integrity, the schema
/// the migrations made, and the closed months and amendments.
@Suite("verify: bytes, schema, integrity, closed months")
struct VerifyCoverageTests {
  private func messages(_ fixture: AuditedLedger) throws -> [String] {
    let report = try fixture.verify()
    return report.disagreements.map { $0.text(.en) } + report.damage.map { $0.text(.en) }
  }

  // MARK: Every byte of a value

  @Test("A NUL byte hidden in two trips' kind is named, though text up to the NUL is unchanged")
  func nulInKind() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      // When two trips' kind gets a NUL and more, so that they stop counting
      try fixture.tamper("UPDATE trip SET kind = 'visit' || char(0) || 'x' WHERE id IN (1, 2)")
      // Then verify names both
      let found = try messages(fixture)
      #expect(found.contains("trip 1 differs from what event 2 recorded: it was changed"), "\(found)")
      #expect(found.contains("trip 2 differs from what event 2 recorded: it was changed"), "\(found)")
    }
  }

  @Test("A NUL byte hidden in a destination, and in an event, is named")
  func nulInDestinationAndEvent() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      try fixture.tamper("UPDATE trip SET destination = destination || char(0) || 'hidden' WHERE id = 3")
      try fixture.tamper("UPDATE event SET command = command || char(0) || 'x' WHERE id = 2")
      let report = try fixture.verify()
      let found = report.disagreements.map { $0.text(.en) }
      #expect(found.contains("trip 3 differs from what event 3 recorded: it was changed"), "\(found)")
      #expect(report.brokenLink?.text(.en) == "event 2's content does not match its hash (it was changed)")
    }
  }

  @Test("The canonical form of a value without NUL is what it always was, so old events still verify")
  func canonicalFormUnchangedWithoutNUL() throws {
    var values: [String: String?] = ["a": "上海", "c": "1"]
    values["b"] = .some(nil)
    let row = AuditedTable.Row(id: 1, values: values, order: ["a", "b", "c"])
    #expect(row.canonical(initial: [:]) == "=上海\u{1F}∅\u{1F}=1")
  }

  // MARK: The schema the migrations made

  @Test("Dropped triggers are named")
  func droppedTriggers() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      try fixture.tamper("SELECT 1", keepingTriggersDropped: true)
      let found = try messages(fixture)
      #expect(
        found.contains("the trigger trip_never_deleted that zhaoshang made is missing: it was dropped"), "\(found)")
      #expect(found.contains("the trigger event_never_changed that zhaoshang made is missing: it was dropped"))
    }
  }

  @Test("A dropped index, an added table and a CHECK removed through writable_schema are named")
  func schemaChanges() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      try fixture.tamper("DROP INDEX trip_by_dates")
      try fixture.tamper("CREATE TABLE notes (text TEXT)")
      try fixture.tamper(
        """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = replace(sql, 'CHECK (LENGTH("kind") > 0)', '')
        WHERE type = 'table' AND name = 'trip';
        PRAGMA writable_schema = OFF;
        """)
      let found = try messages(fixture)
      #expect(found.contains("the index trip_by_dates that zhaoshang made is missing: it was dropped"), "\(found)")
      #expect(found.contains("the table notes was not made by zhaoshang: it was added"), "\(found)")
      #expect(
        found.contains(
          "the table trip differs from what zhaoshang made (a column, a constraint or its definition was changed)"),
        "\(found)")
    }
  }

  @Test("An index page zeroed in the file is found by SQLite's integrity check, in a clerk's words")
  func damagedIndexPage() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      let queue = try DatabaseQueue(path: fixture.path)
      let (root, pageSize) = try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        return (
          try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'trip_by_dates'") ?? 0,
          try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        )
      }
      try queue.close()
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: fixture.path))
      try handle.seek(toOffset: UInt64((root - 1) * pageSize))
      try handle.write(contentsOf: Data(repeating: 0, count: pageSize))
      try handle.close()
      let report = try fixture.verify()
      #expect(!report.isClean)
      let damage = report.damage.map { $0.text(.en) }
      #expect(
        damage.first?.hasPrefix("the ledger's file is damaged: SQLite's integrity check found") == true, "\(damage)")
      #expect(damage.first?.contains("restore the last good backup") == true)
    }
  }

  @Test("A dropped index makes the check fail in a clerk's words, pointing to verify, never SQLite's")
  func checkWithoutItsIndex() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      try fixture.tamper("DROP INDEX trip_by_dates")
      let error = #expect(throws: ZhaoshangError.self) {
        try Ledger.open(at: fixture.path).check(month: try m("2022-07"), rules: try TestRules.book())
      }
      let text = try #require(error?.text(.en))
      #expect(text.contains("had its structure changed behind zhaoshang's back"), "\(text)")
      #expect(text.contains("run `zhaoshang verify`"))
      #expect(!text.contains("no such index"))
    }
  }

  @Test("SQL written with other quoting or spacing agrees; SQL with a clause removed does not")
  func schemaTextNormalized() {
    let made = #"CREATE TABLE "trip" ("id" INTEGER, "kind" TEXT NOT NULL CHECK (LENGTH("kind") > 0))"#
    #expect(
      SchemaAudit.normalized(made)
        == SchemaAudit.normalized("create table trip (id integer,\n  kind text not null check ( length(kind) > 0 ))"))
    #expect(
      SchemaAudit.normalized(made)
        != SchemaAudit.normalized(#"CREATE TABLE "trip" ("id" INTEGER, "kind" TEXT NOT NULL)"#))
  }

  @Test("An untouched ledger's schema agrees with the migrations'")
  func untouchedSchema() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      let report = try fixture.verify()
      #expect(report.isClean, "\(report.text(.en))")
      #expect(report.damage.isEmpty)
    }
  }

  // MARK: Closed months and amendments

  /// July closed, amended with a trip, reopened and closed again: closes 1 and 2, amendments 1 (the trip) and 2
  /// (the reopening). Events: 7 close, 8 amendment, 9 trips, 10 reopen, 11 close.
  private func closedFixture(_ folder: URL) throws -> AuditedLedger {
    let fixture = try AuditedLedger(folder: folder)
    // A close stores the rule file's SHA-256, which the ledger checks is one.
    let rules = RuleBook(ruleSets: [try TestRules.set(sha256: String(repeating: "0a", count: 32))])
    let july = try m("2022-07")
    let today = try d("2022-08-31")
    try fixture.ledger.close(month: july, rules: rules, today: today, stamp: fixture.stamp)
    try fixture.ledger.recordTrips(
      [Located(try trip("住建局", "唐某", "2022-07-20", destination: "苏州"))], rules: rules, today: today,
      stamp: fixture.stamp, amendment: Amendment(reason: "补登漏报的外出", command: "log --unit 住建局"))
    try fixture.ledger.reopen(month: july, reason: "重新核算", stamp: fixture.stamp)
    try fixture.ledger.close(month: july, rules: rules, today: today, stamp: fixture.stamp)
    return fixture
  }

  @Test("Closes, a reopening and amendments written through zhaoshang verify")
  func closedMonthsVerify() throws {
    try withTemporaryFolder { folder in
      let fixture = try closedFixture(folder)
      let report = try fixture.verify()
      #expect(report.isClean, "\(report.text(.en))")
      #expect(report.events == 11)
    }
  }

  @Test("A closed month's frozen check edited, and who closed it and the rules' hash rewritten, are named")
  func frozenColumnsEdited() throws {
    try withTemporaryFolder { folder in
      let fixture = try closedFixture(folder)
      try fixture.tamper(
        "UPDATE closed_month SET check_json = replace(check_json, '\"counted\"', '\"counted \"') WHERE id = 2")
      try fixture.tamper(
        "UPDATE closed_month SET closed_by = '别人', rules_sha256 = replace(rules_sha256, '0', '1') WHERE id = 1")
      let found = try messages(fixture)
      #expect(
        found.contains("close 2 of 2022-07 differs from what event 11 recorded: the frozen check changed"), "\(found)")
      #expect(
        found.contains(
          "close 1 of 2022-07 differs from what event 7 recorded: the rule file's SHA-256, who closed it changed"),
        "\(found)")
    }
  }

  @Test("A close deleted, a reopening forged and one removed are named")
  func closesDeletedOrForged() throws {
    try withTemporaryFolder { folder in
      let fixture = try closedFixture(folder)
      try fixture.tamper("DELETE FROM closed_month WHERE id = 2")
      try fixture.tamper(
        "UPDATE closed_month SET reopened_by = NULL, reopened_at = NULL, reopen_reason = NULL WHERE id = 1")
      let found = try messages(fixture)
      #expect(
        found.contains(
          "the close of 2022-07 recorded by event 11 is missing: it was deleted (so the month no longer shows as closed)"
        ),
        "\(found)")
      #expect(
        found.contains("the reopening of 2022-07 recorded by event 10 is gone (no close shows it): it was removed"))
    }
  }

  @Test("A reopening forged on the close in force is named")
  func reopeningForged() throws {
    try withTemporaryFolder { folder in
      let fixture = try closedFixture(folder)
      try fixture.tamper(
        "UPDATE closed_month SET reopened_by = '别人', reopened_at = '2022-09-01', reopen_reason = '不要了' WHERE id = 2")
      let found = try messages(fixture)
      #expect(
        found.contains("close 2 (2022-07) shows as reopened, but no event recorded a reopening: it was forged"),
        "\(found)")
    }
  }

  @Test("An amendment changed, one deleted and one forged are named")
  func amendmentsTampered() throws {
    try withTemporaryFolder { folder in
      let fixture = try closedFixture(folder)
      try fixture.tamper("UPDATE amendment SET reason = '没有原因' WHERE id = 1")
      try fixture.tamper("DELETE FROM amendment WHERE id = 2")
      try fixture.tamper(
        """
        INSERT INTO amendment (closed_month_id, month, command, reason, recorded_by, recorded_at)
        VALUES (2, '2022-07', 'void 1', '伪造', '别人', '2022-09-01')
        """)
      let found = try messages(fixture)
      #expect(found.contains("amendment 1 (2022-07) differs from what event 8 recorded: it was changed"), "\(found)")
      #expect(found.contains("the amendment of 2022-07 recorded by event 10 is missing: it was deleted"), "\(found)")
      #expect(
        found.contains("amendment 3 (2022-07) was not recorded by any event: it was written outside zhaoshang"),
        "\(found)")
    }
  }

  @Test("Closing events written before they named their rows still verify, and a rewritten closer is named")
  func legacyClosingEvents() throws {
    try withTemporaryFolder { folder in
      // Given a ledger whose closing, reopening and amendment events are rewritten in the old form, chain redone
      let fixture = try closedFixture(folder)
      let queue = try DatabaseQueue(path: fixture.path)
      try queue.write { db in
        let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event_never_changed'")
        try db.execute(sql: "DROP TRIGGER event_never_changed")
        var previous = EventRecord.genesisHash
        for var event in try EventRecord.order(EventRecord.Columns.id).fetchAll(db) {
          if var payload = AuditTrail.decode(event.payload) {
            payload.closedMonthID = nil
            payload.amendmentID = nil
            payload.columnPrints = nil
            event.payload = try AuditTrail.encode(payload)
          }
          event.prevHash = previous
          event.hash = SHA256Digest.hex(of: event.canonicalText)
          previous = event.hash
          try event.update(db)
        }
        try db.execute(sql: try #require(trigger))
      }
      try queue.close()
      // Then it verifies
      let clean = try fixture.verify()
      #expect(clean.isClean, "\(clean.text(.en))")
      // and who closed it, rewritten, is still named
      try fixture.tamper("UPDATE closed_month SET closed_by = '别人' WHERE id = 1")
      let found = try messages(fixture)
      #expect(found == ["close 1 of 2022-07 differs from what event 7 recorded: who closed it changed"], "\(found)")
    }
  }
}
