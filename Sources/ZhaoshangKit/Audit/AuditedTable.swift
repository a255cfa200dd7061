import Foundation
import GRDB

/// A table the audit trail vouches for: how to read its rows in a canonical form, and which columns may change.
struct AuditedTable: Sendable {
  let name: String
  /// Reads `id` and then the canonical columns, joined with the head's unit and name where the table has a head.
  let select: String
  /// Columns a later event may change (a post's end, a trip's voiding); a row's fingerprint uses their first values.
  let mutable: [String]

  static let post = AuditedTable(
    name: "post",
    select: """
      SELECT post.id, head.unit, head.name, post.role, post.from_date, post.to_date, post.recorded_by,
             post.recorded_at
      FROM post JOIN head ON head.id = post.head_id
      """,
    mutable: ["to_date"])

  static let trip = AuditedTable(
    name: "trip",
    select: """
      SELECT trip.id, head.unit, head.name, trip.start_date, trip.starts_afternoon, trip.end_date,
             trip.ends_morning, trip.kind, trip.destination, trip.purpose, trip.companies, trip.recorded_by,
             trip.recorded_at, trip.void_reason, trip.voided_by, trip.voided_at
      FROM trip JOIN head ON head.id = trip.head_id
      """,
    mutable: ["void_reason", "voided_by", "voided_at"])

  static let leave = AuditedTable(
    name: "leave",
    select: """
      SELECT leave.id, head.unit, head.name, leave.from_date, leave.to_date, leave.reason, leave.recorded_by,
             leave.recorded_at
      FROM leave JOIN head ON head.id = leave.head_id
      """,
    mutable: [])

  static let explanation = AuditedTable(
    name: "explanation",
    select: """
      SELECT explanation.id, explanation.unit, explanation.month, explanation.received_date, explanation.note,
             explanation.document_path, explanation.document_sha256, explanation.recorded_by,
             explanation.recorded_at
      FROM explanation
      """,
    mutable: [])

  static let all: [AuditedTable] = auditedSinceTheTrailBegan + [.account, .apiToken, .tripReview]

  /// The tables migration v4 began the trail with, and adopted the rows of: it must adopt the same ones whatever
  /// tables later versions audit.
  static let auditedSinceTheTrailBegan: [AuditedTable] = [.post, .trip, .leave, .explanation]

  static func named(_ name: String) -> AuditedTable? { all.first { $0.name == name } }

  /// A row as read for the audit: its id, its columns as text (NULL as nil), by column name.
  struct Row {
    let id: Int64
    var values: [String: String?]
    let order: [String]

    /// The row's canonical text, with the mutable columns replaced by the values it was created with.
    func canonical(initial: [String: String?]) -> String {
      order.map { column -> String in
        let value = initial[column] ?? values[column] ?? nil
        return value.map { "=" + $0 } ?? "∅"
      }.joined(separator: "\u{1F}")
    }

    func mutableValues(_ columns: [String]) -> [String: String] {
      var result: [String: String] = [:]
      for column in columns { result[column] = (values[column] ?? nil) ?? "" }
      return result
    }
  }

  /// Rows with ids in `range`, in id order; the whole table when nil.
  func rows(in range: ClosedRange<Int64>?, db: Database) throws -> [Row] {
    let table = name
    let sql = select + (range == nil ? "" : " WHERE \(table).id BETWEEN ? AND ?") + " ORDER BY \(table).id"
    let arguments: StatementArguments = range.map { [$0.lowerBound, $0.upperBound] } ?? []
    let statement = try db.cachedStatement(sql: sql)
    let columns = statement.columnNames
    var rows: [Row] = []
    let cursor = try GRDB.Row.fetchCursor(statement, arguments: arguments)
    while let row = try cursor.next() {
      var values: [String: String?] = [:]
      for (index, column) in columns.enumerated() where index > 0 {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: values[column] = .some(nil)
        case .int64(let number): values[column] = String(number)
        case .double(let number): values[column] = String(number)
        case .string(let text): values[column] = text
        case .blob(let data): values[column] = data.base64EncodedString()
        }
      }
      rows.append(Row(id: row[0], values: values, order: Array(columns.dropFirst())))
    }
    return rows
  }

  /// The ids present in the table.
  func ids(db: Database) throws -> [Int64] {
    try Int64.fetchAll(db, sql: "SELECT id FROM \(name) ORDER BY id")
  }
}
