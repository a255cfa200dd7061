import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Binds tallies to the upsert that merges them into `trip_month_tally` (`KeptTallies.mergeSQL(rows:)`), through
/// SQLite's C API, as the import's trips are bound (`InsertPipeline`): an import merges a tally for every head,
/// month and kind it met, hundreds of thousands in a province's year, and GRDB's arguments cost more per row than
/// SQLite's upsert. Used on whichever thread runs the merge: the one that owns the connection at the time.
struct TallyMergeBinding {
  /// Each row's month and kind, one after the other, bound in place: SQLite does not copy them.
  private var text: [UInt8] = []
  private var texts: [(month: Range<Int>, kind: Range<Int>)] = []
  /// The month's text, made once for all its rows: they come month by month.
  private var monthText: (month: Month, bytes: [UInt8])?

  /// Binds `rows` to `handle`, an upsert of exactly that many, and runs `body` (which steps it) while the bound text
  /// is alive; clears the bindings afterwards, so no later step reads text that has gone.
  mutating func withBound<T>(
    _ rows: ArraySlice<(key: MonthTally.Key, tally: MonthTally)>, to handle: SQLiteStatement, _ body: () throws -> T
  ) rethrows -> T {
    text.removeAll(keepingCapacity: true)
    texts.removeAll(keepingCapacity: true)
    for (key, _) in rows {
      if monthText?.month != key.month { monthText = (key.month, Array(key.month.iso.utf8)) }
      let monthStart = text.count
      text.append(contentsOf: monthText?.bytes ?? [])
      let kindStart = text.count
      var kind = key.kind
      kind.withUTF8 { text.append(contentsOf: $0) }
      texts.append((monthStart..<kindStart, kindStart..<text.count))
    }
    let texts = self.texts
    return try text.withUnsafeBufferPointer { buffer in
      func bind(_ range: Range<Int>, at index: Int32) {
        // The buffer holds every month's text, so it is never empty and every range has an address.
        _ = sqlite3_bind_text(
          handle, index, buffer.baseAddress.map { $0 + range.lowerBound }, Int32(range.count), nil)
      }
      for (offset, (key, tally)) in rows.enumerated() {
        let first = Int32(offset * 6)
        bind(texts[offset].month, at: first + 1)
        sqlite3_bind_int64(handle, first + 2, key.head)
        bind(texts[offset].kind, at: first + 3)
        sqlite3_bind_int64(handle, first + 4, Int64(bitPattern: tally.counted))
        sqlite3_bind_int64(handle, first + 5, Int64(bitPattern: tally.pending))
        sqlite3_bind_int64(handle, first + 6, Int64(tally.ending))
      }
      defer { sqlite3_clear_bindings(handle) }
      return try body()
    }
  }
}
