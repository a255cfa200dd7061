import Crypto
import Foundation
import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// `CreationDigest` fed from SQLite's rows, read through its C API: each column's bytes written straight into the
/// row's canonical text.
extension CreationDigest {
  /// The payload `AuditTrail.creationPayload(table:range:rows:initial: [:])` gives for the rows of `table`
  /// with ids in `range`.
  static func payload(table: AuditedTable, range: ClosedRange<Int64>, db: Database) throws -> EventPayload {
    var digest = CreationDigest(range: range)
    let statement = try db.cachedStatement(
      sql: table.select + " WHERE \(table.name).id BETWEEN ? AND ? ORDER BY \(table.name).id")
    try statement.setArguments([range.lowerBound, range.upperBound])
    let columns = sqlite3_column_count(statement.sqliteStatement)
    var canonical: [UInt8] = []
    canonical.reserveCapacity(1024)
    try RawRows.forEach(statement, in: db) { handle in
      canonical.removeAll(keepingCapacity: true)
      for column in 1..<columns {
        if column > 1 { canonical.append(0x1F) }
        Self.appendCanonical(handle, column: column, to: &canonical)
      }
      digest.add(id: sqlite3_column_int64(handle, 0), canonical: canonical)
    }
    return digest.finish(table: table.name)
  }

  /// `AuditTrail.fingerprint` of the row `handle` is on (its id, then the canonical columns), as a row read into
  /// a `Row` gives with no initial values to put back, without building the row; `buffer` is reused between rows.
  static func fingerprint(_ handle: SQLiteStatement, buffer: inout [UInt8]) -> String {
    buffer.removeAll(keepingCapacity: true)
    for column in 1..<sqlite3_column_count(handle) {
      if column > 1 { buffer.append(0x1F) }
      appendCanonical(handle, column: column, to: &buffer)
    }
    return String(decoding: buffer.withUnsafeBytes { fingerprint(of: $0) }, as: UTF8.self)
  }

  /// A column's value as `AuditedTable.Row.canonical` writes it: `∅` for NULL, else `=` and the value's text.
  static func appendCanonical(_ handle: SQLiteStatement, column: Int32, to bytes: inout [UInt8]) {
    if sqlite3_column_type(handle, column) == SQLITE_NULL {
      bytes.append(contentsOf: [0xE2, 0x88, 0x85])
      return
    }
    bytes.append(UInt8(ascii: "="))
    appendValue(handle, column: column, to: &bytes)
  }

  /// A column's value as text, covering every byte stored: the decimal integer, Swift's `String(Double)`, the
  /// text with invalid UTF-8 repaired, or a blob in base64. Nothing for NULL.
  ///
  /// Text is read to its stored length, NUL bytes included: counting reads the whole value, so the audit must
  /// too, or `visit` followed by a NUL and more would stop counting unseen. For text without a NUL this is the
  /// text GRDB reads (`String(cString:)`), the form events were hashed with before, so their digests still hold.
  static func appendValue(_ handle: SQLiteStatement, column: Int32, to bytes: inout [UInt8]) {
    switch sqlite3_column_type(handle, column) {
    case SQLITE_NULL:
      return
    case SQLITE_INTEGER:
      bytes.append(contentsOf: String(sqlite3_column_int64(handle, column)).utf8)
    case SQLITE_FLOAT:
      bytes.append(contentsOf: String(sqlite3_column_double(handle, column)).utf8)
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(handle, column) else { return }
      let stored = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
      if TextEncoding.isValidUTF8(stored) {
        bytes.append(contentsOf: stored)
      } else {
        bytes.append(contentsOf: String(decoding: stored, as: UTF8.self).utf8)
      }
    default:
      let count = Int(sqlite3_column_bytes(handle, column))
      let data = sqlite3_column_blob(handle, column).map { Data(bytes: $0, count: count) } ?? Data()
      bytes.append(contentsOf: data.base64EncodedString().utf8)
    }
  }

  /// A column's value as `appendValue` writes it, as a string; nil for NULL.
  static func value(_ handle: SQLiteStatement, column: Int32) -> String? {
    guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
    var bytes: [UInt8] = []
    appendValue(handle, column: column, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
