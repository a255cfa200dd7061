import GRDB

/// A row of `explanation`: a short unit's explanation for one month, written once and never changed.
struct ExplanationRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "explanation"

  var id: Int64?
  var unit: String
  var month: String
  var receivedDate: String
  var note: String
  var documentPath: String?
  var documentSHA256: String?
  var recordedBy: String
  var recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id, unit, month, note
    case receivedDate = "received_date"
    case documentPath = "document_path"
    case documentSHA256 = "document_sha256"
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
  }

  enum Columns {
    static let unit = Column(CodingKeys.unit)
    static let month = Column(CodingKeys.month)
  }

  init(_ explanation: Explanation) {
    id = explanation.id
    unit = explanation.unit
    month = explanation.month.iso
    receivedDate = explanation.received.iso
    note = explanation.note
    documentPath = explanation.document?.path
    documentSHA256 = explanation.document?.sha256
    recordedBy = explanation.recordedBy
    recordedAt = explanation.recordedAt
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func explanation() throws -> Explanation {
    guard let month = Month(parsing: month), let received = CivilDate(iso: receivedDate) else {
      throw ZhaoshangError.storage(
        Localized("情况说明记录 \(id ?? 0) 的日期已损坏", "explanation \(id ?? 0) holds a damaged date"))
    }
    let document = documentPath.flatMap { path in
      documentSHA256.map { ExplanationDocument(path: path, sha256: $0) }
    }
    return Explanation(
      id: id, unit: unit, month: month, received: received, note: note, document: document,
      recordedBy: recordedBy, recordedAt: recordedAt)
  }
}
