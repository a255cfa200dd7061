import GRDB

/// The journal an import of a trips file is written through: the ledger's rollback journal instead of its
/// write-ahead log, whenever SQLite finds no other connection to the ledger.
///
/// Through the write-ahead log every page an import writes is written twice: into the log as the rows go in,
/// then into the ledger by the checkpoint that follows the commit. For 5,000,000 trips that is 1 GB twice, and
/// the import took 23.6 to 25.8 s; with a rollback journal SQLite writes pages the ledger did not have straight
/// into its file, journals only the original content of the pages it already had, and the same import took 15.7
/// to 16.6 s. It is as safe: the commit is atomic and durable (`synchronous` stays FULL), and a crash leaves a
/// hot journal that the next connection to open the ledger rolls back, so the ledger holds all of the import or
/// none of it, as before.
///
/// What it costs is reading beside the import: while it writes, a program opening the ledger waits for it (up to
/// the busy timeout) instead of reading the ledger as it was before the import. So the journal changes only when
/// nothing else has the ledger open: SQLite refuses to leave WAL mode while any other connection, in this process
/// or another, holds the file, and a server running on the ledger keeps every import in WAL mode, as it was.
/// Afterwards the ledger is in WAL mode again, whatever happened to the import.
struct ImportJournal {
  /// Switches the connection, outside any transaction, to a rollback journal if nothing else has the ledger
  /// open; nil when it stays in WAL mode. Never waits: another connection holding the ledger is answered at once.
  static func enter(_ db: Database) -> ImportJournal? {
    guard !db.isInsideTransaction,
      let busyTimeout = try? Int.fetchOne(db, sql: "PRAGMA busy_timeout"),
      (try? String.fetchOne(db, sql: "PRAGMA journal_mode")) == "wal"
    else { return nil }
    // Waiting would gain nothing: whoever holds the ledger now may hold it for the whole import. The connection's
    // own timeout (milliseconds) is put back once the switch has been tried.
    try? db.execute(sql: "PRAGMA busy_timeout = 0")
    defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busyTimeout)") }
    guard (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" else { return nil }
    return ImportJournal()
  }

  /// Puts the ledger back in WAL mode, once the import's transaction has ended. Waits, as long as any write
  /// would, for a program that opened the ledger meanwhile and is reading it; should it still hold the ledger,
  /// the ledger stays in rollback-journal mode until the next program opens it, which switches it back (see
  /// `Ledger.openPool`): nothing is lost either way, so the import's own outcome stands.
  func leave(_ db: Database) {
    _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
  }
}
