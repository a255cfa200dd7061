import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// Ledgers as each released schema left them, kept in `Fixtures/schemas/schema-N.sqlite`: the first N migrations
/// applied, and a small roster, trips, leave and an explanation where the schema has them.
///
/// The rows are written as SQL, in the form the released zhaoshang wrote them, so the files do not depend on
/// today's record types. From schema 4 on, each write is followed by its audit event, as that zhaoshang wrote it
/// (the void of trip 5 is a change recorded after the trip), and `user_version` holds the version. `scripts/make-schema-fixtures.sh` writes only the files that are missing: add the new
/// release to `released` (and its rows to `make`), run it, and commit the new file; a released file never changes.
enum SchemaFixtures {
  /// The schema versions zhaoshang has been released with.
  static let released = [1, 2, 3, 4, 5]

  static func url(_ version: Int) -> URL {
    Fixture.folder.appendingPathComponent("schemas/schema-\(version).sqlite")
  }

  /// A copy of the fixture in `folder`, to be opened (and so upgraded) without touching the original.
  static func copy(_ version: Int, into folder: URL, as name: String = "ledger.sqlite") throws -> String {
    let copy = folder.appendingPathComponent(name)
    try FileManager.default.copyItem(at: url(version), to: copy)
    return copy.path
  }

  /// Writes `schema-N.sqlite` afresh in `folder`.
  static func make(_ version: Int, in folder: URL) throws {
    let file = folder.appendingPathComponent("schema-\(version).sqlite")
    // A rollback journal, as a file on its own: the fixture is one file in the repository.
    let queue = try DatabaseQueue(path: file.path)
    try Schema.migrator.migrate(queue, upTo: Schema.migrator.migrations[version - 1])
    try queue.write { db in
      let at = "2022-08-01T09:00:00+08:00"
      let audited = version >= 4
      let july = Month(year: 2022, month: 7).map { $0...$0 }
      let wang = HeadKey(unit: "朱坝街道", name: "王某")
      let liu = HeadKey(unit: "朱坝街道", name: "刘某")
      let guo = HeadKey(unit: "共和镇", name: "郭某")
      // The audit event of rows just written, as the zhaoshang of that schema wrote it.
      func recordCreated(
        _ action: AuditAction, _ table: AuditedTable, _ ids: ClosedRange<Int64>, _ subject: AuditTrail.Subject,
        _ command: String
      ) throws {
        guard audited else { return }
        try AuditTrail.recordCreated(
          action, table: table, range: ids, subject: subject, stamp: Stamp(by: "档案员", at: at, command: command),
          db: db)
      }
      try db.execute(
        sql: """
          INSERT INTO head (id, unit, name) VALUES (1, '朱坝街道', '王某'), (2, '朱坝街道', '刘某'), (3, '共和镇', '郭某');
          INSERT INTO post (id, head_id, role, from_date, to_date, recorded_by, recorded_at) VALUES
            (1, 1, '党工委书记', '2021-09-01', NULL, '档案员', ?),
            (2, 2, '办事处主任', NULL, NULL, '档案员', ?),
            (3, 3, '镇长', '2020-01-01', '2022-07-15', '档案员', ?);
          """, arguments: [at, at, at])
      try recordCreated(
        .postsAdded, .post, 1...3, AuditTrail.Subject(heads: [wang, liu, guo]), "zhaoshang import roster roster.csv")
      // Before the audit trail, trip 5 was written here already void; with it, it is voided below, as a change.
      let voided = audited ? "NULL, NULL, NULL" : "'重复登记', '档案员', '2022-08-02T10:00:00+08:00'"
      try db.execute(
        sql: """
          INSERT INTO trip (id, head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination,
            purpose, companies, recorded_by, recorded_at, void_reason, voided_by, voided_at) VALUES
            (1, 1, '2022-07-04', 1, '2022-07-06', 1, 'visit', '上海', '拜访企业', '["甲公司","乙公司"]', '档案员', ?,
              NULL, NULL, NULL),
            (2, 1, '2022-07-11', 0, '2022-07-15', 0, 'visit', '南京', '洽谈项目', '[]', '档案员', ?, NULL, NULL, NULL),
            (3, 2, '2022-07-04', 0, '2022-07-04', 0, 'video', '线上', '视频洽谈', '[]', '档案员', ?, NULL, NULL, NULL),
            (4, 3, '2022-07-01', 0, '2022-07-03', 0, 'visit', '深圳', '拜访企业', '["丙公司"]', '档案员', ?,
              NULL, NULL, NULL),
            (5, 1, '2022-07-20', 0, '2022-07-20', 0, 'visit', '杭州', '', '[]', '档案员', ?,
              \(voided));
          """, arguments: [at, at, at, at, at])
      try recordCreated(
        .tripsAdded, .trip, 1...5, AuditTrail.Subject(heads: [wang, liu, guo], months: july),
        "zhaoshang import trips trips.csv")
      if version >= 2 {
        try db.execute(
          sql: """
            INSERT INTO leave (id, head_id, from_date, to_date, reason, recorded_by, recorded_at)
            VALUES (1, 1, '2022-07-12', '2022-07-13', '党校学习', '档案员', ?)
            """, arguments: [at])
        try recordCreated(
          .leaveAdded, .leave, 1...1, AuditTrail.Subject(heads: [wang], months: july), "zhaoshang leave add")
      }
      if version >= 3 {
        try db.execute(
          sql: """
            INSERT INTO explanation (id, unit, month, received_date, note, document_path, document_sha256,
              recorded_by, recorded_at)
            VALUES (1, '朱坝街道', '2022-07', '2022-08-03', '已收到书面说明', NULL, NULL, '档案员', ?)
            """, arguments: [at])
        try recordCreated(
          .explanationAdded, .explanation, 1...1, AuditTrail.Subject(unit: "朱坝街道", months: july), "zhaoshang explain")
      }
      if audited {
        let voidedAt = "2022-08-02T10:00:00+08:00"
        try db.execute(
          sql: "UPDATE trip SET void_reason = '重复登记', voided_by = '档案员', voided_at = ? WHERE id = 5",
          arguments: [voidedAt])
        try AuditTrail.recordChanged(
          .tripVoided, table: .trip, id: 5, before: ["void_reason": "", "voided_by": "", "voided_at": ""],
          after: ["void_reason": "重复登记", "voided_by": "档案员", "voided_at": voidedAt],
          subject: AuditTrail.Subject(heads: [wang], tripID: 5, months: july),
          stamp: Stamp(by: "档案员", at: voidedAt, command: "zhaoshang void 5"), reason: "重复登记", db: db)
        // The version as that zhaoshang stamped it, where sqlite3 reads it.
        try db.execute(sql: "PRAGMA user_version = \(version)")
      }
    }
    try queue.vacuum()
    try queue.close()
  }
}

@Suite("Schema fixtures")
struct SchemaFixtureMaker {
  /// Only on request: `ZHAOSHANG_MAKE_SCHEMA_FIXTURES=1`, set by `scripts/make-schema-fixtures.sh`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["ZHAOSHANG_MAKE_SCHEMA_FIXTURES"] == "1"))
  func makeSchemaFixtures() throws {
    let folder = Fixture.folder.appendingPathComponent("schemas")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for version in SchemaFixtures.released
    where !FileManager.default.fileExists(atPath: SchemaFixtures.url(version).path) {
      try SchemaFixtures.make(version, in: folder)
    }
  }
}
