import GRDB

/// A row of `event`: one link of the audit trail, chained to the one before by its hash. Never changed or deleted.
package struct EventRecord: Codable, FetchableRecord, PersistableRecord, Identifiable {
  package static let databaseTableName = "event"

  package var id: Int64
  package var at: String
  package var by: String
  package var command: String
  package var action: String
  package var unit: String?
  package var name: String?
  package var tripId: Int64?
  package var firstMonth: String?
  package var lastMonth: String?
  package var payload: String
  package var prevHash: String
  package var hash: String

  package init(
    id: Int64, at: String, by: String, command: String, action: String, unit: String?, name: String?, tripId: Int64?,
    firstMonth: String?, lastMonth: String?, payload: String, prevHash: String, hash: String
  ) {
    self.id = id
    self.at = at
    self.by = by
    self.command = command
    self.action = action
    self.unit = unit
    self.name = name
    self.tripId = tripId
    self.firstMonth = firstMonth
    self.lastMonth = lastMonth
    self.payload = payload
    self.prevHash = prevHash
    self.hash = hash
  }

  enum CodingKeys: String, CodingKey {
    case id, at, by, command, action, unit, name, payload, hash
    case tripId = "trip_id"
    case firstMonth = "first_month"
    case lastMonth = "last_month"
    case prevHash = "prev_hash"
  }

  package enum Columns {
    static let id = Column(CodingKeys.id)
    static let unit = Column(CodingKeys.unit)
    static let name = Column(CodingKeys.name)
    static let tripId = Column(CodingKeys.tripId)
    static let firstMonth = Column(CodingKeys.firstMonth)
    static let lastMonth = Column(CodingKeys.lastMonth)
  }

  /// What the hash covers: every field but the hash itself, in a fixed order, after the previous hash.
  package var canonicalText: String {
    [
      prevHash, String(id), at, by, command, action, unit ?? "", name ?? "", tripId.map(String.init) ?? "",
      firstMonth ?? "", lastMonth ?? "", payload,
    ].joined(separator: "\u{1F}")
  }

  package static let genesisHash = String(repeating: "0", count: 64)
}
