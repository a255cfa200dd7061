import GRDB

/// Indexes dropped inside a large import's transaction and built again once its rows are in.
///
/// Inserting millions of rows one by one into an index whose order is not the file's writes its pages at random:
/// once the index outgrows the page cache, nearly every row reads and writes a page of it, and an import grows
/// slower per row the larger it is. Built after the rows, an index is one sort and one pass of sequential writes.
/// The definitions are kept as `sqlite_master` holds them and run again word for word, so the schema after the
/// import is byte for byte what it was. Everything happens in the import's one transaction: a rolled-back import (a
/// refused row, a dry run) gets its indexes back with the rest, and other connections, which read only committed
/// states of the ledger (through the write-ahead log, or after the import when it has the ledger alone, see
/// `ImportJournal`), never see the table without them.
struct DeferredIndexes {
  /// Each dropped index's name and its `CREATE INDEX` statement as stored, in the order they are built again.
  let definitions: [(name: String, sql: String)]

  /// Drops the named indexes that exist, keeping their definitions.
  static func drop(_ names: [String], in db: Database) throws -> DeferredIndexes {
    var definitions: [(name: String, sql: String)] = []
    for name in names {
      guard
        let sql = try String.fetchOne(
          db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ? AND sql IS NOT NULL",
          arguments: [name])
      else { continue }
      definitions.append((name, sql))
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
  /// megabytes for five million trips), and the import's memory must not grow with the ledger. SQLite allows the
  /// change inside a transaction while no temporary table exists; if it refuses, the sort stays in memory: the
  /// same index, in more memory. The sort holds a page cache's worth of keys at a time, so the cache is made
  /// small meanwhile (4 MiB: sorting 1,000,000 trips by head took 0.9 s and 17 MB, against 1.2 s and 37 MB with
  /// the import's 16 MiB), and one helper thread shares the sort: the import's reading thread is idle by now.
  /// Every setting is put back as it was; failing to do so would change where statement journals go or how much
  /// is cached, never what is stored.
  func rebuild(in db: Database) throws {
    guard !definitions.isEmpty else { return }
    let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
    let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
    let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
    try? db.execute(sql: "PRAGMA temp_store = FILE")
    try db.execute(sql: "PRAGMA threads = \(max(threads, 1))")
    try db.execute(sql: "PRAGMA cache_size = -4096")
    defer {
      try? db.execute(sql: "PRAGMA temp_store = \(tempStore)")
      try? db.execute(sql: "PRAGMA threads = \(threads)")
      try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
    }
    for definition in definitions {
      try db.execute(sql: definition.sql)
    }
  }
}
