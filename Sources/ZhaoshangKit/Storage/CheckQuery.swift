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
package enum CheckQuery {
  /// Trips longer than this many days are kept in the partial index `trip_long_by_start`; the shorter ones
  /// that reach into a month start at most this many days before its first day. Migration v5 writes the same
  /// number into the index's definition, and the query's WHERE must repeat it for SQLite to use the index.
  package static let longTripDays = 14

  /// Today's check of the month by `rules`: `posts` and the leave touching the month against the month's counted
  /// trips. Refused when the rules count working days and the month's year has no calendar.
  ///
  /// With a `unit`, only that unit's leave and trips are read (the WHERE names the unit's heads), and `posts`
  /// should be the unit's alone: the report then holds that unit's standing and heads and nothing of the others.
  ///
  /// With `headIDs` (each post's head id, as `PostWithHead.withHeadIDs` reads them), heads are found by id; without,
  /// by unit and name, read from the head table.
  static func run(
    month: Month, rules: RuleSet, posts: [Post], headIDs: [Int64]? = nil, unit: String? = nil, in db: Database
  ) throws -> CheckReport {
    try rules.requireCalendar(for: month)
    var leaveRequest = LeaveRecord.all().covering(from: month.firstDay, to: month.lastDay)
    if let unit {
      leaveRequest = leaveRequest.filter(sql: "head_id IN (SELECT id FROM head WHERE unit = ?)", arguments: [unit])
    }
    let leaves = try Ledger.leaves(in: db, request: leaveRequest)
    let halves = try countedHalves(month: month, kinds: rules.countedKinds, unit: unit, in: db)
    if let headIDs {
      let report = MonthlyCheck.run(
        month: month, rules: rules, posts: posts, keys: headIDs, countedTrips: halves.counted,
        pendingTrips: halves.pending, leaves: leaves, unit: unit
      ).report
      return unit.map(report.scoped(to:)) ?? report
    }
    let counted = try byHead(halves.counted, unit: unit, in: db)
    let pending = try byHead(halves.pending, unit: unit, in: db)
    let report = MonthlyCheck.run(
      month: month, rules: rules, posts: posts, countedTrips: counted, pendingTrips: pending, leaves: leaves,
      unit: unit)
    return unit.map(report.scoped(to:)) ?? report
  }

  /// Each head's counted, non-void trips touching the month, as half-day ranges.
  static func countedTrips(month: Month, kinds: Set<String>, in db: Database) throws -> [HeadKey: [ClosedRange<Int>]] {
    try byHead(try countedHalves(month: month, kinds: kinds, unit: nil, in: db).counted, unit: nil, in: db)
  }

  /// The ids of the trips waiting for review (their latest step `submitted`), of one unit or all, in id order.
  static func submitted(unit: String?, in db: Database) throws -> [Int64] {
    let heads =
      unit == nil
      ? "" : "AND trip_id IN (SELECT trip.id FROM trip JOIN head ON head.id = trip.head_id WHERE head.unit = ?)"
    return try Int64.fetchAll(
      db,
      sql: """
        SELECT trip_id FROM trip_review AS step
        WHERE status = 'submitted' \(heads)
          AND id = (SELECT max(id) FROM trip_review WHERE trip_id = step.trip_id)
        ORDER BY trip_id
        """, arguments: StatementArguments(unit.map { [$0] } ?? []))
  }

  /// Every trip whose latest review step is not `approved`, with that step: read once by the bulletin's pass over
  /// a whole year, where one scan of the reviews costs less than a probe per trip read.
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
  static func byHead(_ byID: [Int64: [ClosedRange<Int>]], unit: String?, in db: Database) throws
    -> [HeadKey: [ClosedRange<Int>]]
  {
    guard !byID.isEmpty else { return [:] }
    var counted: [HeadKey: [ClosedRange<Int>]] = [:]
    counted.reserveCapacity(byID.count)
    let heads =
      try unit.map { try Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head WHERE unit = ?", arguments: [$0]) }
      ?? Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head")
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
  /// Trips waiting for review come back apart, as `pending`; returned and withdrawn ones not at all. Each trip's
  /// latest review step is looked up through trip_review_by_trip for the trips read, not the whole table.
  ///
  /// With a `unit`, the trips are read by head through trip_by_head, for the unit's heads only.
  static func countedHalves(month: Month, kinds: Set<String>, unit: String? = nil, in db: Database) throws
    -> (counted: [Int64: [ClosedRange<Int>]], pending: [Int64: [ClosedRange<Int>]])
  {
    guard !kinds.isEmpty else { return ([:], [:]) }
    let first = month.firstDay
    let last = month.lastDay
    let earliest = first.adding(days: -longTripDays)
    let statement = try db.cachedStatement(sql: countedTripsSQL(kinds: kinds.count, scoped: unit != nil))
    let sortedKinds = kinds.sorted()
    var arguments: [(any DatabaseValueConvertible)?] = [earliest.iso, last.iso, first.iso]
    arguments += sortedKinds.map { $0 }
    if let unit { arguments.append(unit) }
    arguments += [earliest.iso, first.iso]
    arguments += sortedKinds.map { $0 }
    if let unit { arguments.append(unit) }
    try statement.setArguments(StatementArguments(arguments))
    var ranges: [Int64: [ClosedRange<Int>]] = [:]
    var pending: [Int64: [ClosedRange<Int>]] = [:]
    try RawRows.forEach(statement, in: db) { handle in
      guard let (lower, upper) = try halves(handle) else { return }
      // No review step, or `approved` last: the trip counts. Submitted: pending. Returned or withdrawn: neither.
      if let status = sqlite3_column_text(handle, 5), sqlite3_column_bytes(handle, 5) > 0,
        status[0] != UInt8(ascii: "a")
      {
        if status[0] == UInt8(ascii: "s") {
          pending[sqlite3_column_int64(handle, 0), default: []].append(lower...upper)
        }
        return
      }
      ranges[sqlite3_column_int64(handle, 0), default: []].append(lower...upper)
    }
    return (ranges, pending)
  }

  /// The half-days a trip row covers, from columns 1 to 4 (start_date, starts_afternoon, end_date, ends_morning),
  /// as the check's and the bulletin's queries select them: `2 x ordinal` the morning, `+1` the afternoon. Nil for
  /// a trip covering nothing, which a CHECK keeps out of the ledger but would count nothing anyway.
  static func halves(_ handle: SQLiteStatement) throws -> (lower: Int, upper: Int)? {
    guard let start = date(handle, column: 1), let end = date(handle, column: 3) else {
      throw ZhaoshangError.storage(Localized("台账中有损坏的外出日期", "the ledger holds a damaged trip date"))
    }
    // As `Trip.halves`: a boolean column holds 0 or 1, but any non-zero value reads as true, as GRDB reads it.
    let lower = start.ordinal * 2 + (sqlite3_column_int64(handle, 2) != 0 ? 1 : 0)
    let upper = end.ordinal * 2 + 1 - (sqlite3_column_int64(handle, 4) != 0 ? 1 : 0)
    return lower <= upper ? (lower, upper) : nil
  }

  /// A trip row's latest review step, as a column: one probe of trip_review_by_trip (nothing found, NULL, for a
  /// trip the office entered).
  static let latestReviewStatus = "(SELECT status FROM trip_review WHERE trip_id = trip.id ORDER BY id DESC LIMIT 1)"

  /// The query `countedHalves` runs: arguments the month's earliest, last and first days, the kinds (and the
  /// unit when `scoped`), then the earliest and first days and the kinds (and the unit) again.
  static func countedTripsSQL(kinds: Int, scoped: Bool) -> String {
    let kindList = Array(repeating: "?", count: kinds).joined(separator: ", ")
    // The id is the rowid, which every index holds: the indexes still cover the query, but for the latest
    // review step, one probe of trip_review_by_trip per trip.
    let columns =
      "SELECT head_id, start_date, starts_afternoon, end_date, ends_morning, \(latestReviewStatus) FROM trip"
    let heads = scoped ? "AND head_id IN (SELECT id FROM head WHERE unit = ?)" : ""
    return """
      \(columns) INDEXED BY \(scoped ? "trip_by_head" : "trip_by_dates")
      WHERE start_date BETWEEN ? AND ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL \(heads)
      UNION ALL
      \(columns) INDEXED BY trip_long_by_start
      WHERE julianday(end_date) - julianday(start_date) > \(longTripDays)
        AND start_date < ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL \(heads)
      """
  }

  /// A stored date: exactly `YYYY-MM-DD`, as the schema's CHECKs keep it; nil for anything else.
  static func date(_ handle: SQLiteStatement, column: Int32) -> CivilDate? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count == 10 else { return nil }
    return ISODate.read(UnsafeBufferPointer(start: text, count: count))
  }
}
