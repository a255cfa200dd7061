import GRDB

/// A row of `head`: one person in one unit, to whom posts and trips belong.
struct HeadRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable, Hashable {
  static let databaseTableName = "head"
  static let posts = hasMany(PostRecord.self)
  static let trips = hasMany(TripRecord.self)

  var id: Int64?
  var unit: String
  var name: String

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let unit = Column(CodingKeys.unit)
    static let name = Column(CodingKeys.name)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

extension DerivableRequest<HeadRecord> {
  func named(_ name: String, in unit: String) -> Self {
    filter(HeadRecord.Columns.unit == unit && HeadRecord.Columns.name == name)
  }
}

extension HeadRecord {
  /// The head's row, inserted when the person is new to the unit.
  static func findOrInsert(unit: String, name: String, in db: Database) throws -> HeadRecord {
    if let existing = try HeadRecord.all().named(name, in: unit).fetchOne(db) { return existing }
    var head = HeadRecord(id: nil, unit: unit, name: name)
    try head.insert(db)
    return head
  }
}
