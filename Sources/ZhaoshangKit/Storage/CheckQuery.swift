import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Reads what a month's check needs of the trips, and only that: each head's counted, non-void trips touching
/// the month, as half-day ranges, computed by SQLite from an index range that depends on the month alone. The
/// check itself is `MonthlyCheck`'s, the same pure function every other caller runs on `Trip` values.
///
/// It reads exactly the trips `Ledger.trips(in:)` lists for the month (start on or before the month's last
/// day, end on or after its first), less void ones and kinds that do not count, which `MonthlyCheck` would
/// drop anyway: ImportEquivalenceTests compare the two on every month of a generated ledger.
enum CheckQuery {
  /// Trips longer than this many days are kept in the partial index `trip_long_by_start`; the shorter ones
  /// that reach into a month start at most this many days before its first day. Migration v5 writes the same
  /// number into the index's definition, and the query's WHERE must repeat it for SQLite to use the index.
  static let longTripDays = 14

  /// Today's check of the month by `rules`: `posts` and the leave touching the month against the month's counted
  /// trips. Refused when the rules count working days and the month's year has no calendar.
  static func run(month: Month, rules: RuleSet, posts: [Post], in db: Database) throws -> CheckReport {
    try rules.requireCalendar(for: month)
    let leaves = try Ledger.leaves(
      in: db, request: LeaveRecord.all().covering(from: month.firstDay, to: month.lastDay))
    let halves = try countedHalves(month: month, kinds: rules.countedKinds, in: db)
    let counted = try byHead(halves.counted, in: db)
    let pending = try byHead(halves.pending, in: db)
    return MonthlyCheck.run(
      month: month, rules: rules, posts: posts, countedTrips: counted, pendingTrips: pending, leaves: leaves)
  }

  /// Each head's counted, non-void trips touching the month, as half-day ranges.
  static func countedTrips(month: Month, kinds: Set<String>, in db: Database) throws -> [HeadKey: [ClosedRange<Int>]] {
    try byHead(try countedHalves(month: month, kinds: kinds, in: db).counted, in: db)
  }

  /// The latest review status of every trip whose latest status is not `approved`: trips with no review step
  /// (entered by the office) are approved, so these are the few a unit submitted that are not (yet) approved.
  static func unapproved(in db: Database) throws -> [Int64: ReviewStatus] {
    var statuses: [Int64: ReviewStatus] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT trip_id, status FROM trip_review
        WHERE id IN (SELECT max(id) FROM trip_review GROUP BY trip_id) AND status <> 'approved'
        """)
    while let row = try rows.next() {
      if let status = ReviewStatus(rawValue: row[1]) { statuses[row[0]] = status }
    }
    return statuses
  }

  /// Ranges keyed by head id, keyed by the head's unit and name instead.
  static func byHead(_ byID: [Int64: [ClosedRange<Int>]], in db: Database) throws -> [HeadKey: [ClosedRange<Int>]] {
    guard !byID.isEmpty else { return [:] }
    var counted: [HeadKey: [ClosedRange<Int>]] = [:]
    counted.reserveCapacity(byID.count)
    let heads = try Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head")
    while let head = try heads.next() {
      if let ranges = byID[head[0]] { counted[HeadKey(unit: head[1], name: head[2])] = ranges }
    }
    return counted
  }

  /// Each head's counted trips in the month as half-day ranges (`2 x ordinal` the morning, `+1` the afternoon).
  ///
  /// The rows come from the covering index trip_by_dates (and, for trips longer than `longTripDays`, the
  /// partial index trip_long_by_start) and are read through SQLite's C API: the dates are parsed from the
  /// column bytes, with no `Row` and no `String` per trip.
  ///
  /// Trips waiting for review come back apart, as `pending`; returned and withdrawn ones not at all.
  static func countedHalves(month: Month, kinds: Set<String>, in db: Database) throws
    -> (counted: [Int64: [ClosedRange<Int>]], pending: [Int64: [ClosedRange<Int>]])
  {
    guard !kinds.isEmpty else { return ([:], [:]) }
    let unapproved = try unapproved(in: db)
    let first = month.firstDay
    let last = month.lastDay
    let earliest = first.adding(days: -longTripDays)
    let kindList = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
    // The id is the rowid, which every index holds: the indexes still cover the query.
    let columns = "SELECT head_id, start_date, starts_afternoon, end_date, ends_morning, id FROM trip"
    let statement = try db.cachedStatement(
      sql: """
        \(columns) INDEXED BY trip_by_dates
        WHERE start_date BETWEEN ? AND ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL
        UNION ALL
        \(columns) INDEXED BY trip_long_by_start
        WHERE julianday(end_date) - julianday(start_date) > \(longTripDays)
          AND start_date < ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL
        """)
    let sortedKinds = kinds.sorted()
    var arguments: [(any DatabaseValueConvertible)?] = [earliest.iso, last.iso, first.iso]
    arguments += sortedKinds.map { $0 }
    arguments += [earliest.iso, first.iso]
    arguments += sortedKinds.map { $0 }
    try statement.setArguments(StatementArguments(arguments))
    var ranges: [Int64: [ClosedRange<Int>]] = [:]
    var pending: [Int64: [ClosedRange<Int>]] = [:]
    try RawRows.forEach(statement, in: db) { handle in
      guard let start = date(handle, column: 1), let end = date(handle, column: 3) else {
        throw ZhaoshangError.storage(Localized("台账中有损坏的外出日期", "the ledger holds a damaged trip date"))
      }
      // As `Trip.halves`: a boolean column holds 0 or 1, but any non-zero value reads as true, as GRDB reads it.
      let lower = start.ordinal * 2 + (sqlite3_column_int64(handle, 2) != 0 ? 1 : 0)
      let upper = end.ordinal * 2 + 1 - (sqlite3_column_int64(handle, 4) != 0 ? 1 : 0)
      // A trip covering nothing cannot be stored (a CHECK refuses it), but would count nothing anyway.
      guard lower <= upper else { return }
      if !unapproved.isEmpty, let status = unapproved[sqlite3_column_int64(handle, 5)] {
        if status.isPending { pending[sqlite3_column_int64(handle, 0), default: []].append(lower...upper) }
        return
      }
      ranges[sqlite3_column_int64(handle, 0), default: []].append(lower...upper)
    }
    return (ranges, pending)
  }

  /// A stored date: exactly `YYYY-MM-DD`, as the schema's CHECKs keep it; nil for anything else.
  private static func date(_ handle: SQLiteStatement, column: Int32) -> CivilDate? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count == 10 else { return nil }
    return ISODate.read(UnsafeBufferPointer(start: text, count: count))
  }
}
