import Foundation
import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// An audited table's rows read from a SQLite ledger, through SQLite's C API where a million rows are read.
extension AuditedTable {
  /// Rows with ids in `range`, in id order; the whole table when nil.
  func rows(in range: ClosedRange<Int64>?, db: Database) throws -> [Row] {
    var rows: [Row] = []
    try forEachRow(in: range, db: db) { rows.append($0) }
    return rows
  }

  /// Calls `body` with each row with an id in `range`, in id order, the whole table when nil: one row in memory
  /// at a time, however many a range holds.
  func forEachRow(in range: ClosedRange<Int64>?, db: Database, _ body: (Row) throws -> Void) throws {
    try forEachRaw(in: range, db: db) { try body($0.row()) }
  }

  /// As `forEachRow`, with each row left in SQLite's hands until a caller asks for it as a `Row`.
  func forEachRaw(in range: ClosedRange<Int64>?, db: Database, _ body: (RawRow) throws -> Void) throws {
    let table = name
    let sql = select + (range == nil ? "" : " WHERE \(table).id BETWEEN ? AND ?") + " ORDER BY \(table).id"
    let arguments: StatementArguments = range.map { [$0.lowerBound, $0.upperBound] } ?? []
    let statement = try db.cachedStatement(sql: sql)
    try statement.setArguments(arguments)
    let columns = statement.columnNames
    try RawRows.forEach(statement, in: db) { try body(RawRow(handle: $0, columns: columns)) }
  }

  /// The row a statement is on: valid only inside the `forEachRaw` call that hands it over.
  struct RawRow {
    let handle: SQLiteStatement
    /// The statement's column names, the id's first.
    let columns: [String]

    var id: Int64 { sqlite3_column_int64(handle, 0) }

    /// The row read into strings. Read through SQLite's C API rather than GRDB's values, whose text stops at a
    /// NUL byte: the audit covers every byte (see CreationDigest.appendValue).
    func row() -> Row {
      var values: [String: String?] = [:]
      for (index, column) in columns.enumerated() where index > 0 {
        values[column] = .some(CreationDigest.value(handle, column: Int32(index)))
      }
      return Row(id: id, values: values, order: Array(columns.dropFirst()))
    }
  }

  /// Calls `body` with each id present in the table, in order, without holding them all.
  func forEachID(db: Database, _ body: (Int64) throws -> Void) throws {
    let statement = try db.cachedStatement(sql: "SELECT id FROM \(name) ORDER BY id")
    try RawRows.forEach(statement, in: db) { try body(sqlite3_column_int64($0, 0)) }
  }
}
