import Foundation
import GRDB

/// The audit trail written into a SQLite ledger, in the transaction of the change it records.
extension AuditTrail {
  /// Writes the next event, chained to the last one.
  @discardableResult
  static func append(
    _ action: AuditAction, payload: EventPayload, subject: Subject = Subject(), stamp: Stamp, db: Database
  ) throws -> EventRecord {
    let last = try EventRecord.order(EventRecord.Columns.id.desc).fetchOne(db)
    let record = try event(
      action, payload: payload, subject: subject, stamp: stamp, after: last.map { (id: $0.id, hash: $0.hash) })
    try record.insert(db)
    return record
  }

  /// Records rows just created with ids in `range` of `table`, as one event whose digest vouches for all of them.
  ///
  /// - Parameter computed: the payload of exactly those rows, computed from the values written as they were
  ///   written (an import's second thread does so); without it the rows are read back from the table.
  @discardableResult
  static func recordCreated(
    _ action: AuditAction, table: AuditedTable, range: ClosedRange<Int64>?, subject: Subject, stamp: Stamp,
    file: (path: String, sha256: String)? = nil, summary: String? = nil, computed: EventPayload? = nil, db: Database
  ) throws -> EventRecord? {
    guard let range else { return nil }
    var payload = try computed ?? CreationDigest.payload(table: table, range: range, db: db)
    payload.file = file?.path
    payload.fileSHA256 = file?.sha256
    payload.summary = summary
    return try append(action, payload: payload, subject: subject, stamp: stamp, db: db)
  }

  /// Records a change to a row's mutable columns.
  static func recordChanged(
    _ action: AuditAction, table: AuditedTable, id: Int64, before: [String: String], after: [String: String],
    subject: Subject, stamp: Stamp, reason: String? = nil, db: Database
  ) throws {
    try append(
      action,
      payload: EventPayload(table: table.name, id: id, before: before, after: after, reason: reason),
      subject: subject, stamp: stamp, db: db)
  }

  /// Takes rows written before the audit trail existed into it, one event per table, as they stand.
  ///
  /// Only the tables that existed when migration v4 began the trail, not `AuditedTable.all`: later migrations add
  /// tables that do not exist yet when v4 runs on an older ledger.
  static func adoptExistingRows(db: Database) throws {
    let stamp = Stamp(by: "zhaoshang", at: ISO8601DateFormatter().string(from: Date()), command: "migration")
    for table in AuditedTable.auditedSinceTheTrailBegan {
      guard let first = try Int64.fetchOne(db, sql: "SELECT min(id) FROM \(table.name)"),
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table.name)")
      else { continue }
      try recordCreated(.adopted, table: table, range: first...last, subject: Subject(), stamp: stamp, db: db)
    }
  }
}
