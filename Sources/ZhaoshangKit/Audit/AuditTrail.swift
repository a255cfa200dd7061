import Foundation

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

}

extension ClosedRange where Bound == Int64 {
  /// The smallest range holding both.
  func spanning(_ other: ClosedRange<Int64>?) -> ClosedRange<Int64> {
    guard let other else { return self }
    return Swift.min(lowerBound, other.lowerBound)...Swift.max(upperBound, other.upperBound)
  }
}
