import Foundation
import GRDB

/// Appends events to the chained audit trail, inside the transaction of the change they record.
package enum AuditTrail {
  /// Batches above this size keep a digest per block of rows instead of one fingerprint per row.
  static let fingerprintLimit = 10_000
  static let blockSize = 256

  /// Who, what and when an event is about, for `history` to filter on.
  package struct Subject: Sendable {
    package var unit: String?
    package var name: String?
    package var tripID: Int64?
    package var months: ClosedRange<Month>?

    package init(unit: String? = nil, name: String? = nil, tripID: Int64? = nil, months: ClosedRange<Month>? = nil) {
      self.unit = unit
      self.name = name
      self.tripID = tripID
      self.months = months
    }

    /// The unit (and the name) shared by every head the event is about, so `history --unit` finds it.
    package init(heads: [HeadKey], tripID: Int64? = nil, months: ClosedRange<Month>? = nil) {
      let units = Set(heads.map(\.unit))
      let names = Set(heads.map(\.name))
      self.init(
        unit: units.count == 1 ? units.first : nil, name: units.count == 1 && names.count == 1 ? names.first : nil,
        tripID: tripID, months: months)
    }
  }

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

  /// The event that follows `last` (nil for the first), hashed: what every store appends, whatever the engine,
  /// so the same change gives the same event and the same hash on each.
  package static func event(
    _ action: AuditAction, payload: EventPayload, subject: Subject, stamp: Stamp, after last: (id: Int64, hash: String)?
  ) throws -> EventRecord {
    var payload = payload
    if stamp.actor.role != .office {
      payload.actorRole = stamp.actor.role.rawValue
      payload.actorUnit = stamp.actor.unit
    }
    if stamp.byOSLogin { payload.actorFromOSLogin = true }
    var record = EventRecord(
      id: (last?.id ?? 0) + 1, at: stamp.at, by: stamp.by, command: stamp.command, action: action.rawValue,
      unit: subject.unit, name: subject.name, tripId: subject.tripID, firstMonth: subject.months?.lowerBound.iso,
      lastMonth: subject.months?.upperBound.iso, payload: try encode(payload),
      prevHash: last?.hash ?? EventRecord.genesisHash,
      hash: "")
    record.hash = SHA256Digest.hex(of: record.canonicalText)
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

  /// The payload of a creation: count, gaps, digest, and fingerprints or block digests.
  ///
  /// The definition, over rows held in memory; `recordCreated` computes the same streaming (`CreationDigest`).
  package static func creationPayload(
    table: AuditedTable, range: ClosedRange<Int64>, rows: [AuditedTable.Row], initial: [Int64: [String: String?]]
  ) -> EventPayload {
    let prints = rows.map { fingerprint($0.canonical(initial: initial[$0.id] ?? [:])) }
    let present = Set(rows.map(\.id))
    let gaps = range.count - rows.count < 1000 ? range.filter { !present.contains($0) } : []
    return EventPayload(
      table: table.name, firstID: range.lowerBound, lastID: range.upperBound, gaps: gaps.isEmpty ? nil : gaps,
      rows: rows.count, digest: digest(prints),
      fingerprints: prints.count <= fingerprintLimit ? prints : nil,
      blockDigests: prints.count <= fingerprintLimit ? nil : blocks(prints).map(digest))
  }

  package static func fingerprint(_ canonical: String) -> String { String(SHA256Digest.hex(of: canonical).prefix(16)) }

  package static func digest(_ prints: [String]) -> String { SHA256Digest.hex(of: prints.joined(separator: "\n")) }

  static func blocks(_ prints: [String]) -> [[String]] {
    stride(from: 0, to: prints.count, by: blockSize).map { Array(prints[$0..<min($0 + blockSize, prints.count)]) }
  }

  package static func encode(_ payload: EventPayload) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(payload), as: UTF8.self)
  }

  package static func decode(_ text: String) -> EventPayload? {
    try? JSONDecoder().decode(EventPayload.self, from: Data(text.utf8))
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

extension ClosedRange where Bound == Int64 {
  /// The smallest range holding both.
  func spanning(_ other: ClosedRange<Int64>?) -> ClosedRange<Int64> {
    guard let other else { return self }
    return Swift.min(lowerBound, other.lowerBound)...Swift.max(upperBound, other.upperBound)
  }
}
