import ZhaoshangKit

/// A SQLite ledger read for `zhaoshang copy`: a batch at a time from one snapshot, each batch resuming after the
/// last key read, so a table of any size is never held whole.
///
/// SQLite's calls are synchronous and short (one batch each), made from the copy's task: the command does nothing
/// else meanwhile.
struct SQLiteCopyReader: CopyReader {
  let snapshot: LedgerSnapshot

  func forEachBatch(of table: CopiedTable, _ body: ([[String?]]) async throws(ZhaoshangError) -> Void)
    async throws(ZhaoshangError)
  {
    let keyIndex = table.columnNames.firstIndex(of: table.key) ?? 0
    var after: String?
    while true {
      let rows = try snapshot.rows(of: table, after: after, limit: LedgerCopier.batchSize)
      guard let last = rows.last else { return }
      try await body(rows)
      guard rows.count == LedgerCopier.batchSize else { return }
      after = last[keyIndex]
    }
  }

  func lastHash() async throws(ZhaoshangError) -> String? {
    try snapshot.lastHash()
  }
}
