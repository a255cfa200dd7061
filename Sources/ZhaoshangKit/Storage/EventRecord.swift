import GRDB

/// A row of `event`: one link of the audit trail, chained to the one before by its hash. Never changed or deleted.
struct EventRecord: Codable, FetchableRecord, PersistableRecord, Identifiable {
  static let databaseTableName = "event"

  var id: Int64
  var at: String
  var by: String
  var command: String
  var action: String
  var unit: String?
  var name: String?
  var tripId: Int64?
  var firstMonth: String?
  var lastMonth: String?
  var payload: String
  var prevHash: String
  var hash: String

  enum CodingKeys: String, CodingKey {
    case id, at, by, command, action, unit, name, payload, hash
    case tripId = "trip_id"
    case firstMonth = "first_month"
    case lastMonth = "last_month"
    case prevHash = "prev_hash"
  }

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let unit = Column(CodingKeys.unit)
    static let name = Column(CodingKeys.name)
    static let tripId = Column(CodingKeys.tripId)
    static let firstMonth = Column(CodingKeys.firstMonth)
    static let lastMonth = Column(CodingKeys.lastMonth)
  }

  /// What the hash covers: every field but the hash itself, in a fixed order, after the previous hash.
  var canonicalText: String {
    [
      prevHash, String(id), at, by, command, action, unit ?? "", name ?? "", tripId.map(String.init) ?? "",
      firstMonth ?? "", lastMonth ?? "", payload,
    ].joined(separator: "\u{1F}")
  }

  static let genesisHash = String(repeating: "0", count: 64)
}
