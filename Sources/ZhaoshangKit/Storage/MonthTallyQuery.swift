import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Reads several months' counted halves from the tallies the ledger keeps (`KeptTallies`), a few rows per head and
/// month, instead of from the trips: the bulletin's year to date and its runs of short months then cost rows of
/// heads × months, however many trips those months hold.
///
/// Each month gets what a pass over its trips would deal it (`MonthSpanBuckets`), as the check reads it: each
/// head's halves of the month covered by counted trips of the month's kinds, those covered by trips waiting for
/// review, and the counted trips ending in it. The halves come as the month's own, not as whole trips: the check counts a month's halves
/// only, so a trip cut at the month's edges counts the same.
enum MonthTallyQuery {
  typealias MonthHalves = MonthSpanBuckets.MonthHalves

  /// Calls `body` once per month of `months` (any months, in any order), oldest first, with its counted halves;
  /// a month without tallies gets none.
  static func forEach(
    months: [Month], kinds: Set<String>, in db: Database, _ body: (Month, MonthHalves) throws -> Void
  ) throws {
    let sorted = Array(Set(months)).sorted()
    guard let first = sorted.first, let last = sorted.last else { return }
    guard !kinds.isEmpty else {
      for month in sorted { try body(month, MonthHalves()) }
      return
    }
    let kindList = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
    let statement = try db.cachedStatement(
      sql: """
        SELECT month, head_id, counted_halves, pending_halves, counted_trips_ending FROM trip_month_tally
        WHERE month BETWEEN ? AND ? AND kind IN (\(kindList))
        ORDER BY month
        """)
    let bounds: [(any DatabaseValueConvertible)?] = [first.iso, last.iso]
    try statement.setArguments(StatementArguments(bounds + kinds.sorted().map { $0 }))
    var next = 0
    var halves = MonthHalves()
    // The month of the rows being read, with its text: consecutive rows share it, and are compared by bytes.
    var current: (text: [UInt8], month: Month?, firstDay: Int)?
    try RawRows.forEach(statement, in: db) { handle in
      guard let text = sqlite3_column_text(handle, 0) else { return }
      let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 0)))
      if current.map({ !$0.text.elementsEqual(bytes) }) ?? true {
        let month = Month(parsing: String(cString: text))
        current = (Array(bytes), month, month?.firstDay.ordinal ?? 0)
      }
      guard let current, let month = current.month else { return }
      while next < sorted.count, sorted[next] < month {
        try body(sorted[next], halves)
        halves = MonthHalves()
        next += 1
      }
      guard next < sorted.count, sorted[next] == month else { return }
      let tally = MonthTally(
        counted: UInt64(bitPattern: sqlite3_column_int64(handle, 2)),
        pending: UInt64(bitPattern: sqlite3_column_int64(handle, 3)),
        ending: Int(sqlite3_column_int64(handle, 4)))
      halves.add(head: sqlite3_column_int64(handle, 1), tally: tally, firstDay: current.firstDay)
    }
    while next < sorted.count {
      try body(sorted[next], halves)
      halves = MonthHalves()
      next += 1
    }
  }
}
