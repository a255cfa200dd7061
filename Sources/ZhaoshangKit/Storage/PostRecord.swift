import GRDB

/// A row of `post`: a head's time in a role.
struct PostRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "post"
  static let head = belongsTo(HeadRecord.self)

  var id: Int64?
  var headId: Int64
  var role: String
  var fromDate: String?
  var toDate: String?
  var recordedBy: String
  var recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id
    case headId = "head_id"
    case role
    case fromDate = "from_date"
    case toDate = "to_date"
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

  func post(of head: HeadRecord) -> Post {
    Post(
      id: id, unit: head.unit, name: head.name, role: role,
      from: fromDate.flatMap(CivilDate.init(iso:)), to: toDate.flatMap(CivilDate.init(iso:)))
  }
}

/// A post joined with its head, as the roster is read.
struct PostWithHead: Decodable, FetchableRecord {
  var post: PostRecord
  var head: HeadRecord

  var value: Post { post.post(of: head) }
}

extension DerivableRequest<PostRecord> {
  /// Posts that share at least one day with the given dates.
  func inForce(from first: CivilDate, to last: CivilDate) -> Self {
    filter(
      (PostRecord.Columns.fromDate == nil || PostRecord.Columns.fromDate <= last.iso)
        && (PostRecord.Columns.toDate == nil || PostRecord.Columns.toDate >= first.iso))
  }
}
