import GRDB

/// A table's indexes, dropped inside a large import's transaction and built again once its rows are in.
///
/// Inserting a million trips one by one into `trip_by_head` and `trip_by_dates` writes their pages in no useful
/// order: once the indexes outgrow the page cache, nearly every row reads and writes index pages at random, and an
/// import grows slower per row the larger it is. Built after the rows, an index is one sort and one pass of
/// sequential writes. The definitions are kept as `sqlite_master` holds them and run again word for word, so the
/// schema after the import is byte for byte what it was. Everything happens in the import's one transaction: a
/// rolled-back import (a refused row, a dry run) gets its indexes back with the rest, and other connections, which
/// read only committed states of the ledger (WAL), never see the table without them.
struct DeferredIndexes {
  /// Each dropped index's name and its `CREATE INDEX` statement as stored, in the order they are built again.
  let definitions: [(name: String, sql: String)]

  /// Drops every index of `table` declared by a `CREATE INDEX` (not the ones SQLite makes for a UNIQUE or
  /// PRIMARY KEY constraint, which it cannot drop), except those named in `kept`.
  static func drop(on table: String, keeping kept: Set<String>, in db: Database) throws -> DeferredIndexes {
    var definitions: [(name: String, sql: String)] = []
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
        """, arguments: [table])
    for row in rows {
      let name: String = row[0]
      guard !kept.contains(name) else { continue }
      definitions.append((name, row[1]))
    }
    for definition in definitions {
      try db.execute(sql: "DROP INDEX \(definition.name.quotedDatabaseIdentifier)")
    }
    return DeferredIndexes(definitions: definitions)
  }

  /// Builds the dropped indexes again, each from its sorted rows.
  ///
  /// The sort spills to temporary files, not memory, though the ledger's connections keep temporary data in memory
  /// (`Ledger.open`): with `temp_store = MEMORY` SQLite sorts an index's every key at once in memory (hundreds of
  /// megabytes for five million trips), and the import's memory must not grow with the ledger. The setting is
  /// changed inside the transaction, which SQLite allows while no temporary table exists; if it refuses, the sort
  /// stays in memory: the same index, in more memory. One helper thread shares the sort: the import's reading thread is idle by
  /// now. Both settings are put back as they were (a failure to do so changes where statement journals go, not
  /// what is stored).
  func rebuild(in db: Database) throws {
    guard !definitions.isEmpty else { return }
    let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
    let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
    try? db.execute(sql: "PRAGMA temp_store = FILE")
    try db.execute(sql: "PRAGMA threads = \(max(threads, 1))")
    defer {
      try? db.execute(sql: "PRAGMA temp_store = \(tempStore)")
      try? db.execute(sql: "PRAGMA threads = \(threads)")
    }
    for definition in definitions {
      try db.execute(sql: definition.sql)
    }
  }
}
