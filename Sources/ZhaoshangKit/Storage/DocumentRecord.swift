import Foundation
import GRDB

/// A row of `document`: an uploaded explanation document's bytes, under their SHA-256, written once.
struct DocumentRecord: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "document"

  var sha256: String
  var mediaType: String
  var size: Int
  var bytes: Data
  var storedBy: String
  var storedAt: String

  enum CodingKeys: String, CodingKey {
    case sha256, size, bytes
    case mediaType = "media_type"
    case storedBy = "stored_by"
    case storedAt = "stored_at"
  }
}
