import GRDB

/// A row of `leave`: a head's approved leave or training, never deleted.
struct LeaveRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "leave"
  static let head = belongsTo(HeadRecord.self)

  var id: Int64?
  var headId: Int64
  var fromDate: String
  var toDate: String
  var reason: String
  var recordedBy: String
  var recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id
    case headId = "head_id"
    case fromDate = "from_date"
    case toDate = "to_date"
    case reason
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
  }

  enum Columns {
    static let fromDate = Column(CodingKeys.fromDate)
    static let toDate = Column(CodingKeys.toDate)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func leave(of head: HeadRecord) throws -> Leave {
    guard let from = CivilDate(iso: fromDate), let to = CivilDate(iso: toDate) else {
      throw ZhaoshangError.storage(Localized("请假记录 \(id ?? 0) 的日期已损坏", "leave \(id ?? 0) holds a damaged date"))
    }
    return Leave(id: id, unit: head.unit, name: head.name, from: from, to: to, reason: reason)
  }
}

/// A leave joined with its head.
struct LeaveWithHead: Decodable, FetchableRecord {
  var leave: LeaveRecord
  var head: HeadRecord

  func value() throws -> Leave { try leave.leave(of: head) }
}

extension DerivableRequest<LeaveRecord> {
  /// Leave sharing at least one day with the given dates.
  func covering(from first: CivilDate, to last: CivilDate) -> Self {
    filter(LeaveRecord.Columns.fromDate <= last.iso && LeaveRecord.Columns.toDate >= first.iso)
  }
}
