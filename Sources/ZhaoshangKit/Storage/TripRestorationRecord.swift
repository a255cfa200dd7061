import GRDB

/// A row of `trip_restoration`: a mistaken void undone. The voided trip stays as it was; the restored trip is a
/// new row copied from it, which counts like any other. Never changed or deleted.
struct TripRestorationRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "trip_restoration"

  var id: Int64?
  var voidedTripId: Int64
  var restoredTripId: Int64
  var reason: String
  var recordedBy: String
  var recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id, reason
    case voidedTripId = "voided_trip_id"
    case restoredTripId = "restored_trip_id"
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
  }

  enum Columns {
    static let voidedTripId = Column(CodingKeys.voidedTripId)
    static let restoredTripId = Column(CodingKeys.restoredTripId)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
