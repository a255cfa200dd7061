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

  /// Nothing yet: the SQLite ledger keeps its month tallies from its own schema v10 on, which this branch does not
  /// have; once it does, this calls the ledger's rebuild of them (as `PostgresCopyRows` calls PostgreSQL's).
  func rebuildTallies() async throws(ZhaoshangError) {}
}
