import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Steps a prepared statement through SQLite's C API, for the few reads of millions of rows where decoding each
/// row into a GRDB `Row` would cost more than the work done with it.
enum RawRows {
  /// Calls `body` with the statement's handle once per row; the statement is reset afterwards, whatever happens.
  static func forEach(
    _ statement: Statement, in db: Database, _ body: (SQLiteStatement) throws -> Void
  ) throws {
    let handle = statement.sqliteStatement
    defer { sqlite3_reset(handle) }
    while true {
      let code = sqlite3_step(handle)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
          sql: statement.sql)
      }
      try body(handle)
    }
  }
}
