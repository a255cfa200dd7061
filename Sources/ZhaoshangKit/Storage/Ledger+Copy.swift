import Foundation
import GRDB

/// The SQLite side of `zhaoshang copy`: reading a ledger's rows as canonical text from one snapshot, and writing
/// copied rows into a new ledger as SQLite's ledger stores them.
extension Ledger {
  /// The ledger as it stands now, for reading in batches that all see the same rows while others may write.
  package func snapshot() throws(ZhaoshangError) -> LedgerSnapshot {
    guard let pool = writer as? DatabasePool else { return LedgerSnapshot(reader: writer, path: path) }
    do {
      return LedgerSnapshot(reader: try pool.makeSnapshot(), path: path)
    } catch {
      throw Ledger.translate(error, path: path)
    }
  }

  /// Inserts copied rows into `table`, as they are, in one transaction. Values are stored in the storage class
  /// SQLite's ledger gives them (integers and booleans as integers, bytes as blobs, the rest as text), so the
  /// audit reads them back as the text they came as.
  package func appendCopied(_ rows: [[String?]], to table: CopiedTable) throws(ZhaoshangError) {
    guard !rows.isEmpty else { return }
    let columns = table.columns
    let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
    let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
    try write { db in
      let statement = try db.cachedStatement(sql: "INSERT INTO \"\(table.name)\" (\(names)) VALUES (\(marks))")
      for row in rows {
        var values: [DatabaseValue] = []
        values.reserveCapacity(columns.count)
        for (column, text) in zip(columns, row) {
          values.append(try Self.stored(text, kind: column.kind, table: table.name, column: column.name))
        }
        try statement.execute(arguments: StatementArguments(values))
      }
    }
  }

  /// Sets a copied trip's voiding, as `void` did on the ledger it came from.
  package func voidCopiedTrip(id: Int64, reason: String, by: String, at: String) throws(ZhaoshangError) {
    try write { db in
      try db.execute(
        sql: "UPDATE trip SET void_reason = ?, voided_by = ?, voided_at = ? WHERE id = ?",
        arguments: [reason, by, at, id])
    }
  }

  /// Closes the file's connections, ending its write-ahead log, so the file can be moved whole.
  package func closeFile() throws(ZhaoshangError) {
    do {
      try (writer as? DatabasePool)?.close()
    } catch {
      throw Ledger.translate(error, path: path)
    }
  }

  static func stored(_ text: String?, kind: CopiedTable.Kind, table: String, column: String) throws(ZhaoshangError)
    -> DatabaseValue
  {
    guard let text else { return .null }
    switch kind {
    case .integer, .boolean:
      guard let number = Int64(text) else { throw damaged(table: table, column: column) }
      return number.databaseValue
    case .bytes:
      guard let bytes = Data(base64Encoded: text) else { throw damaged(table: table, column: column) }
      return bytes.databaseValue
    case .text, .date, .json, .jsonb:
      return text.databaseValue
    }
  }

  static func damaged(table: String, column: String) -> ZhaoshangError {
    .storage(
      Localized(
        "复制的数据中 \(table).\(column) 的值无法存入 SQLite 台账，未写入任何内容；请先对来源运行 zhaoshang verify",
        "a value of \(table).\(column) in the copied rows cannot be stored in a SQLite ledger, and nothing was written; run `zhaoshang verify` on the source first"
      ))
  }
}

/// One unchanging view of a SQLite ledger, read a batch at a time.
package struct LedgerSnapshot: Sendable {
  let reader: any DatabaseReader
  let path: String
  /// Room made for a batch up front: a caller asking for "all rows" must not reserve memory for as many.
  static let reservedRows = 10_000

  /// Up to `limit` rows of `table` after the row keyed `key` (from the first when nil), in key order, each
  /// column as its canonical text, read through SQLite's C API so every byte stored is carried
  /// (`CreationDigest.value`).
  package func rows(of table: CopiedTable, after key: String?, limit: Int) throws(ZhaoshangError) -> [[String?]] {
    let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
    let condition = key == nil ? "" : "WHERE \"\(table.key)\" > ?"
    let sql = "SELECT \(names) FROM \"\(table.name)\" \(condition) ORDER BY \"\(table.key)\" LIMIT \(limit)"
    var arguments: StatementArguments = []
    if let key { arguments = table.hasIdentity ? [Int64(key) ?? Int64.max] : [key] }
    let count = Int32(table.columns.count)
    do {
      return try reader.read { db in
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        var rows: [[String?]] = []
        rows.reserveCapacity(min(limit, LedgerSnapshot.reservedRows))
        try RawRows.forEach(statement, in: db) { handle in
          var row: [String?] = []
          row.reserveCapacity(Int(count))
          for column in 0..<count { row.append(CreationDigest.value(handle, column: column)) }
          rows.append(row)
        }
        return rows
      }
    } catch {
      throw Ledger.translate(error, path: path)
    }
  }

  /// The hash of the last audit event, nil when there is none.
  package func lastHash() throws(ZhaoshangError) -> String? {
    do {
      return try reader.read { db in try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") }
    } catch {
      throw Ledger.translate(error, path: path)
    }
  }
}
