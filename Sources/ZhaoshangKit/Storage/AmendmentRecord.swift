import GRDB

/// A row of `amendment`: a change made to a closed month, or its reopening, with who, when and why.
struct AmendmentRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "amendment"
  static let closedMonth = belongsTo(ClosedMonthRecord.self)

  var id: Int64?
  var closedMonthId: Int64
  var month: String
  var command: String
  var reason: String
  var recordedBy: String
  var recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id, month, command, reason
    case closedMonthId = "closed_month_id"
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
  }

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let closedMonthId = Column(CodingKeys.closedMonthId)
    static let month = Column(CodingKeys.month)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func entry() throws -> AmendmentEntry {
    guard let month = Month(parsing: month) else {
      throw ZhaoshangError.storage(
        Localized("更正记录 \(id ?? 0) 的月份已损坏", "amendment \(id ?? 0) holds a damaged month"))
    }
    return AmendmentEntry(
      id: id, month: month, closedMonthId: closedMonthId, command: command, reason: reason, by: recordedBy,
      at: recordedAt)
  }
}
