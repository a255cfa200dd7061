import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// The month tallies a SQLite ledger keeps beside its trips (`trip_month_tally`, migration v10): merged by the
/// writes that only add trips, recounted from the rows by every other write that changes what counts, rebuilt
/// whole after an upgrade, and held to the trips by `verify`. Every write keeps them in its own transaction.
enum KeptTallies {
  /// How many tallies a long write holds before merging them into the table: an import's memory stays flat,
  /// and the merge (an OR of halves, a sum of endings) gives the same rows whatever the parts.
  static let heldBeforeMerge = 65_536

  /// Merges the tallies of trips just written, none of which the table holds yet: their halves joined to the
  /// kept halves, their endings added.
  static func merge(_ tallies: MonthTallies, in db: Database) throws {
    try merge(tallies.sorted, in: db)
  }

  /// `merge` of tallies already in key order, as the table keeps them: each insert lands beside the one before.
  static func merge(_ sorted: [(key: MonthTally.Key, tally: MonthTally)], in db: Database) throws {
    var binding = TallyMergeBinding()
    var start = 0
    while start < sorted.count {
      let count = min(rowsPerMerge, sorted.count - start)
      let statement = try db.cachedStatement(sql: count == rowsPerMerge ? fullMergeSQL : mergeSQL(rows: count))
      sqlite3_reset(statement.sqliteStatement)
      statement.setUncheckedArguments([])
      try binding.withBound(sorted[start..<(start + count)], to: statement.sqliteStatement) {
        try statement.execute()
      }
      start += count
    }
  }

  /// Rows merged by one statement: SQLite's cost of running a statement is then paid once for them all, as the
  /// import's inserts of trips do (`InsertPipeline.rowsPerStatement`).
  static let rowsPerMerge = 128

  static let fullMergeSQL = mergeSQL(rows: rowsPerMerge)

  /// The upsert of `rows` tallies: halves ORed into those kept, endings added to theirs.
  static func mergeSQL(rows: Int) -> String {
    """
    INSERT INTO trip_month_tally (month, head_id, kind, counted_halves, pending_halves, counted_trips_ending)
    VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
    ON CONFLICT (month, head_id, kind) DO UPDATE SET
      counted_halves = counted_halves | excluded.counted_halves,
      pending_halves = pending_halves | excluded.pending_halves,
      counted_trips_ending = counted_trips_ending + excluded.counted_trips_ending
    """
  }

  /// Counts the heads' months again from their trips, in place of what was kept: for a write that changes
  /// whether trips count (a void, its undoing, a review step, a copied review or void). `spans` are each head's
  /// months the changed trips touch.
  static func recount(_ spans: [Int64: ClosedRange<Month>], in db: Database) throws {
    guard !spans.isEmpty else { return }
    // Deleted by the whole key, (month, kind, head): a range of months and a head would scan every head's rows of
    // those months (1.1 ms a head on a five-million-trip ledger; a thousand heads approved at once waited a second).
    let delete = try db.cachedStatement(
      sql: "DELETE FROM trip_month_tally WHERE month = ? AND kind = ? AND head_id = ?")
    // Each month's kinds, found once for all the heads by seeking from one kind to the next along the key. Kinds
    // whose rows a delete below empties are still tried for the next heads, and find nothing.
    let kindAfter = try db.cachedStatement(
      sql: "SELECT kind FROM trip_month_tally WHERE month = ? AND kind > ? ORDER BY kind LIMIT 1")
    var kindsByMonth: [Month: [String]] = [:]
    func kinds(of month: Month) throws -> [String] {
      if let known = kindsByMonth[month] { return known }
      var kinds: [String] = []
      while let kind = try String.fetchOne(kindAfter, arguments: [month.iso, kinds.last ?? ""]) {
        kinds.append(kind)
      }
      kindsByMonth[month] = kinds
      return kinds
    }
    let read = try db.cachedStatement(
      sql: """
        \(tripColumns)
        WHERE head_id = ? AND start_date <= ? AND end_date >= ? AND void_reason IS NULL
        """)
    var recounted: [(key: MonthTally.Key, tally: MonthTally)] = []
    for (head, months) in spans.sorted(by: { $0.key < $1.key }) {
      var month = months.lowerBound
      while month <= months.upperBound {
        for kind in try kinds(of: month) { try delete.execute(arguments: [month.iso, kind, head]) }
        month = month.next
      }
      try read.setArguments([head, months.upperBound.lastDay.iso, months.lowerBound.firstDay.iso])
      var found = MonthTallies()
      try RawRows.forEach(read, in: db) { handle in try add(handle, to: &found) }
      // A trip reaching outside the span adds months that were not recounted, whose rows stay as they are.
      recounted += found.sorted.filter { months.contains($0.key.month) }
    }
    try merge(recounted.sorted { $0.key < $1.key }, in: db)
  }

  /// `recount` of the heads' months the trips `ids` touch: after a write that changed whether they count.
  static func recount(trips ids: [Int64], in db: Database) throws {
    try recount(try spans(ofTrips: ids, in: db), in: db)
  }

  /// Each head's months touched by the trips `ids`: from the first of its trips' starts to the last of their ends.
  private static func spans(ofTrips ids: [Int64], in db: Database) throws -> [Int64: ClosedRange<Month>] {
    var spans: [Int64: ClosedRange<Month>] = [:]
    for start in stride(from: 0, to: ids.count, by: 500) {
      let slice = Array(ids[start..<min(start + 500, ids.count)])
      let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
      let rows = try Row.fetchCursor(
        db, sql: "SELECT head_id, min(start_date), max(end_date) FROM trip WHERE id IN (\(marks)) GROUP BY head_id",
        arguments: StatementArguments(slice))
      while let row = try rows.next() {
        guard let start = CivilDate(iso: row[1]), let end = CivilDate(iso: row[2]) else { continue }
        let months = Month(containing: start)...Month(containing: end)
        spans[row[0]] =
          spans[row[0]].map { min($0.lowerBound, months.lowerBound)...max($0.upperBound, months.upperBound) }
          ?? months
      }
    }
    return spans
  }

  /// Replaces every kept tally by one counted from all the trips: after an upgrade from a ledger without them.
  /// Merged in parts, so memory holds at most `heldBeforeMerge` tallies whatever the number of trips.
  ///
  /// - Parameter held: how many tallies are held before a merge; tests make it small.
  static func rebuild(in db: Database, held: Int = heldBeforeMerge) throws {
    try db.execute(sql: "DELETE FROM trip_month_tally")
    var tallies = MonthTallies()
    try forEachCountingTrip(in: db) { handle in
      try add(handle, to: &tallies)
      if tallies.count >= held {
        try merge(tallies, in: db)
        tallies.removeAll()
      }
    }
    try merge(tallies, in: db)
  }

  /// The tallies the trips make today, counted from the rows: what the table should hold. Memory grows with
  /// heads × months × kinds, not with trips.
  static func counted(in db: Database) throws -> MonthTallies {
    var tallies = MonthTallies()
    try forEachCountingTrip(in: db) { handle in try add(handle, to: &tallies) }
    return tallies
  }

  /// The tallies the table holds, in key order.
  static func forEachKept(in db: Database, _ body: (MonthTally.Key, MonthTally) throws -> Void) throws {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT month, head_id, kind, counted_halves, pending_halves, counted_trips_ending FROM trip_month_tally
        ORDER BY month, kind, head_id
        """)
    while let row = try rows.next() {
      guard let month = Month(parsing: row[0]) else { continue }
      let tally = MonthTally(
        counted: UInt64(bitPattern: row[3]), pending: UInt64(bitPattern: row[4]), ending: row[5])
      try body(MonthTally.Key(head: row[1], month: month, kind: row[2]), tally)
    }
  }

  /// Every tally the table holds.
  static func kept(in db: Database) throws -> [MonthTally.Key: MonthTally] {
    var kept: [MonthTally.Key: MonthTally] = [:]
    try forEachKept(in: db) { key, tally in kept[key] = tally }
    return kept
  }

  /// `verify`'s part: the kept tallies against those counted from the trips. A difference is named once, with
  /// how many there are and the first few: the tallies are derived, the trips themselves are not in question.
  ///
  /// Month by month, each from the trips touching it (read as the check reads a month's, by start date and the
  /// long trips apart): memory holds one month's tallies, heads × kinds, whatever the size of the ledger.
  static func check(db: Database, report: inout VerifyReport) throws {
    guard try db.tableExists("trip_month_tally") else { return }
    var differing: [MonthTally.Key] = []
    var count = 0
    func differs(_ key: MonthTally.Key) {
      count += 1
      if differing.count < 3 { differing.append(key) }
    }
    let bounds = try Row.fetchOne(
      db,
      sql: """
        SELECT (SELECT min(start_date) FROM trip WHERE void_reason IS NULL),
          (SELECT max(end_date) FROM trip WHERE void_reason IS NULL),
          (SELECT min(month) FROM trip_month_tally), (SELECT max(month) FROM trip_month_tally)
        """)
    let months = [
      (bounds?[0] as String?).flatMap(CivilDate.init(iso:)).map(Month.init(containing:)),
      (bounds?[1] as String?).flatMap(CivilDate.init(iso:)).map(Month.init(containing:)),
      (bounds?[2] as String?).flatMap(Month.init(parsing:)), (bounds?[3] as String?).flatMap(Month.init(parsing:)),
    ].compactMap { $0 }
    guard var month = months.min(), let last = months.max() else { return }
    let touching = try db.makeStatement(
      sql: """
        \(tripColumns)
        WHERE start_date BETWEEN ? AND ? AND end_date >= ? AND void_reason IS NULL
        UNION ALL
        \(tripColumns)
        WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)
          AND start_date < ? AND end_date >= ? AND void_reason IS NULL
        """)
    let kept = try db.makeStatement(
      sql: """
        SELECT head_id, kind, counted_halves, pending_halves, counted_trips_ending FROM trip_month_tally
        WHERE month = ?
        """)
    // Months past the last make no `Month` of their own (`next` is always later): the loop ends at `last`.
    while month <= last {
      let first = month.firstDay
      let earliest = first.adding(days: -CheckQuery.longTripDays)
      try touching.setArguments([earliest.iso, month.lastDay.iso, first.iso, earliest.iso, first.iso])
      var counted = MonthTallies()
      try RawRows.forEach(touching, in: db) { handle in try add(handle, to: &counted) }
      var expected = counted.tallies.filter { $0.key.month == month && !$0.value.isEmpty }
      try kept.setArguments([month.iso])
      let rows = try Row.fetchCursor(kept)
      while let row = try rows.next() {
        let key = MonthTally.Key(head: row[0], month: month, kind: row[1])
        let tally = MonthTally(
          counted: UInt64(bitPattern: row[2]), pending: UInt64(bitPattern: row[3]), ending: row[4])
        if expected.removeValue(forKey: key) != tally { differs(key) }
      }
      for key in expected.keys.sorted() { differs(key) }
      month = month.next
    }
    guard count > 0 else { return }
    let heads = try MonthSpanQuery.heads(in: db)
    let named = differing.map { key -> String in
      let head: String = heads[key.head].map { "\($0.unit) \($0.name)" } ?? "#\(key.head)"
      return "\(head) \(key.month.iso) \(key.kind)"
    }.joined(separator: "; ")
    report.disagreements.append(
      Localized(
        "按人按月保存的外出汇总有 \(count) 处与外出记录不符（如 \(named)）；外出记录本身未受影响，但通报和汇总读的是这些汇总：请用备份恢复台账（zhaoshang restore），或把这条信息告知 zhaoshang 的维护者",
        "the month tallies kept for each head disagree with the trips in \(count) \(count == 1 ? "place" : "places") (such as \(named)); the trips themselves are not affected, but bulletins and summaries read the tallies: restore the ledger from a backup (`zhaoshang restore`), or tell whoever maintains zhaoshang"
      ))
  }

  /// What a tally takes of a trip row, in the columns `add` reads: head, dates and halves in 0 to 4 (as
  /// `CheckQuery.halves` reads them), the latest review step in 5, the kind in 6.
  private static let tripColumns =
    "SELECT head_id, start_date, starts_afternoon, end_date, ends_morning, \(CheckQuery.latestReviewStatus), kind FROM trip"

  /// Calls `body` with every trip that is not void: head, dates and halves in columns 0 to 4 (as
  /// `CheckQuery.halves` reads them), its latest review step in 5, its kind in 6.
  private static func forEachCountingTrip(in db: Database, _ body: (SQLiteStatement) throws -> Void) throws {
    let statement = try db.makeStatement(
      sql: """
        \(tripColumns)
        WHERE void_reason IS NULL
        """)
    try RawRows.forEach(statement, in: db, body)
  }

  /// Adds the trip row at `handle` (columns as `forEachCountingTrip` selects them).
  private static func add(_ handle: SQLiteStatement, to tallies: inout MonthTallies) throws {
    guard let (lower, upper) = try CheckQuery.halves(handle), let kind = sqlite3_column_text(handle, 6) else {
      return
    }
    let status = sqlite3_column_text(handle, 5).flatMap { ReviewStatus(rawValue: String(cString: $0)) }
    tallies.add(
      head: sqlite3_column_int64(handle, 0), kind: String(cString: kind), lower: lower, upper: upper, status: status)
  }
}
