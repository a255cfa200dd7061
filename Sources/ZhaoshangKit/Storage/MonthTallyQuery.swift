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
/// review, and the counted trips ending in it. The halves come as the month's own, not as whole trips: the check
/// counts a month's halves only, so a trip cut at the month's edges counts the same.
enum MonthTallyQuery {
  typealias MonthHalves = MonthSpanBuckets.MonthHalves

  /// The most heads found one by one through the table's key; more are read as the month's range. A search costs
  /// about what reading a few dozen rows in order does, and a month holds a row per head and kind.
  static let mostHeadsSought = 2_000

  /// Calls `body` once per month of `months` (any months, in any order), oldest first, with its counted halves;
  /// a month without tallies gets none.
  ///
  /// - Parameter heads: when given, only these heads' tallies are dealt: a run of short months followed back unit
  ///   by unit needs a few units' heads of a month, not every head's.
  /// - Parameter mostSought: `mostHeadsSought`; tests set it to take either way.
  static func forEach(
    months: [Month], kinds: Set<String>, heads: [Int64]? = nil, mostSought: Int = mostHeadsSought, in db: Database,
    _ body: (Month, MonthHalves) throws -> Void
  ) throws {
    let sorted = Array(Set(months)).sorted()
    guard !kinds.isEmpty else {
      for month in sorted { try body(month, MonthHalves()) }
      return
    }
    let kindList = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
    // One month at a time, each of its counted kinds a range of the table's key (month, kind, head): the kinds that
    // do not count are never read. A few heads (a run of short months followed back years is a few units long) are
    // each found by the key; many are read as the month's range, the others passed over as they come.
    let columns = "SELECT head_id, counted_halves, pending_halves, counted_trips_ending FROM trip_month_tally"
    let statement: Statement
    let sortedKinds: [(any DatabaseValueConvertible)?] = kinds.sorted().map { $0 }
    var sought: [(any DatabaseValueConvertible)?] = []
    var wanted: Set<Int64>?
    if let heads, heads.count <= mostSought {
      let headList = Array(repeating: "?", count: heads.count).joined(separator: ", ")
      statement = try db.makeStatement(
        sql: "\(columns) WHERE month = ? AND kind IN (\(kindList)) AND head_id IN (\(headList))")
      sought = heads.map { $0 }
    } else {
      statement = try db.cachedStatement(sql: "\(columns) WHERE month = ? AND kind IN (\(kindList))")
      wanted = heads.map(Set.init)
    }
    for month in sorted {
      try statement.setArguments(StatementArguments([month.iso] + sortedKinds + sought))
      let firstDay = month.firstDay.ordinal
      var halves = MonthHalves()
      try RawRows.forEach(statement, in: db) { handle in
        let head = sqlite3_column_int64(handle, 0)
        if let wanted, !wanted.contains(head) { return }
        let tally = MonthTally(
          counted: UInt64(bitPattern: sqlite3_column_int64(handle, 1)),
          pending: UInt64(bitPattern: sqlite3_column_int64(handle, 2)),
          ending: Int(sqlite3_column_int64(handle, 3)))
        halves.add(head: head, tally: tally, firstDay: firstDay)
      }
      try body(month, halves)
    }
  }
}
