import GRDB

/// A row of `closed_month`: one close of a month, with its frozen check and bulletin; reopening stamps the row.
struct ClosedMonthRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "closed_month"
  static let amendments = hasMany(AmendmentRecord.self)

  var id: Int64?
  var month: String
  var checkJSON: String
  var bulletinJSON: String
  var rulesPath: String
  var rulesSHA256: String
  var forced: Bool
  var closedBy: String
  var closedAt: String
  var reopenedBy: String?
  var reopenedAt: String?
  var reopenReason: String?

  enum CodingKeys: String, CodingKey {
    case id, month, forced
    case checkJSON = "check_json"
    case bulletinJSON = "bulletin_json"
    case rulesPath = "rules_path"
    case rulesSHA256 = "rules_sha256"
    case closedBy = "closed_by"
    case closedAt = "closed_at"
    case reopenedBy = "reopened_by"
    case reopenedAt = "reopened_at"
    case reopenReason = "reopen_reason"
  }

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let month = Column(CodingKeys.month)
    static let reopenedAt = Column(CodingKeys.reopenedAt)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func closedMonth() throws -> ClosedMonth {
    guard let id, let month = Month(parsing: month),
      let report = try? FrozenJSON.decode(CheckSnapshot.self, from: checkJSON).report,
      let bulletin = try? FrozenJSON.decode(Bulletin.self, from: bulletinJSON)
    else { throw Self.damaged(id: id ?? 0, month: month) }
    let reopening = reopenedAt.map { Reopening(by: reopenedBy ?? "", at: $0, reason: reopenReason ?? "") }
    return ClosedMonth(
      id: id, month: month, report: report, bulletin: bulletin, rulesPath: rulesPath, rulesSHA256: rulesSHA256,
      closedBy: closedBy, closedAt: closedAt, forced: forced, reopening: reopening)
  }
}

extension ClosedMonthRecord {
  /// The closes in force, in month order, without their frozen results: a ledger kept for years holds dozens of
  /// closes, each frozen check megabytes long, and most readers only need to know which months are closed.
  static func closesInForce(in db: Database) throws -> [ClosedMonthRule.Close] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT id, month, closed_by, closed_at FROM closed_month WHERE reopened_at IS NULL ORDER BY month, id
        """
    ).compactMap { row in
      Month(parsing: row["month"]).map {
        ClosedMonthRule.Close(id: row["id"], month: $0, closedBy: row["closed_by"], closedAt: row["closed_at"])
      }
    }
  }

  /// What the bulletin frozen by the close of `month` numbered `id` carries forward, read alone.
  static func carriedForward(id: Int64, month: Month, in db: Database) throws -> CarriedForward {
    guard
      let json = try String.fetchOne(
        db, sql: "SELECT bulletin_json FROM closed_month WHERE id = ?", arguments: [id]),
      let carried = try? FrozenJSON.decode(CarriedForward.self, from: json)
    else { throw damaged(id: id, month: month.iso) }
    return carried
  }

  static func damaged(id: Int64, month: String) -> ZhaoshangError {
    .storage(
      Localized(
        "封存记录 \(id)（\(month)）已损坏，无法读取封存的结果",
        "closed month \(id) (\(month)) is damaged; its frozen result cannot be read"))
  }
}

extension DerivableRequest<ClosedMonthRecord> {
  /// Closes not undone: at most one per month.
  func inForce() -> Self {
    filter(ClosedMonthRecord.Columns.reopenedAt == nil)
  }
}
