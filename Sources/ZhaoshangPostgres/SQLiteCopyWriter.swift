import ZhaoshangKit

/// A new SQLite ledger file written by `zhaoshang copy`, a transaction per batch: the file is the copy's own
/// until it is complete and verified, and only then takes the target's name (`LedgerCopy`).
struct SQLiteCopyWriter: CopyWriter {
  let ledger: Ledger

  func append(_ rows: [[String?]], to table: CopiedTable) async throws(ZhaoshangError) {
    try ledger.appendCopied(rows, to: table)
  }

  func voidTrip(id: Int64, reason: String, by: String, at: String) async throws(ZhaoshangError) {
    try ledger.voidCopiedTrip(id: id, reason: reason, by: by, at: at)
  }

  /// Counts the copy's month tallies from its trips, once every row is in: one pass, as PostgreSQL's copy does,
  /// rather than following each batch.
  func rebuildTallies() async throws(ZhaoshangError) {
    try ledger.rebuildTallies()
  }
}
