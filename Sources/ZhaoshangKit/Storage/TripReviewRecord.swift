import GRDB

/// A row of `trip_review`: one status change of a trip, appended and never changed.
struct TripReviewRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "trip_review"

  var id: Int64?
  var tripId: Int64
  var status: String
  var reason: String?
  var byLogin: String
  var byRole: String
  var byUnit: String?
  var at: String

  enum CodingKeys: String, CodingKey {
    case id, status, reason, at
    case tripId = "trip_id"
    case byLogin = "by_login"
    case byRole = "by_role"
    case byUnit = "by_unit"
  }

  init(tripID: Int64, status: ReviewStatus, reason: String? = nil, stamp: Stamp) {
    tripId = tripID
    self.status = status.rawValue
    self.reason = reason
    byLogin = stamp.actor.login
    byRole = stamp.actor.role.rawValue
    byUnit = stamp.actor.unit
    at = stamp.at
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  /// Each trip's latest step, for the trips given (all trips with any step when nil).
  static func latest(for tripIDs: [Int64]?, in db: Database) throws -> [Int64: TripReviewRecord] {
    var latest: [Int64: TripReviewRecord] = [:]
    let sql = "SELECT * FROM trip_review WHERE id IN (SELECT max(id) FROM trip_review GROUP BY trip_id)"
    if let tripIDs {
      // In slices: SQLite limits the number of bound arguments.
      for start in stride(from: 0, to: tripIDs.count, by: 500) {
        let slice = Array(tripIDs[start..<min(start + 500, tripIDs.count)])
        let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
        for record in try TripReviewRecord.fetchAll(
          db, sql: sql + " AND trip_id IN (\(marks))", arguments: StatementArguments(slice))
        {
          latest[record.tripId] = record
        }
      }
    } else {
      for record in try TripReviewRecord.fetchAll(db, sql: sql) { latest[record.tripId] = record }
    }
    return latest
  }
}
