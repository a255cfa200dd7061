import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Reads what a month's check needs, and only that: the roster, and for each head the half-day ranges of the
/// month's counted, non-void trips, computed by SQLite from an index range that depends on the month alone.
enum CheckQuery {
  /// Trips longer than this many days are kept in the partial index `trip_long_by_start`; the shorter ones
  /// that reach into a month start at most this many days before its first day.
  static let longTripDays = 14

  static func run(month: Month, rules: RuleSet, in db: Database) throws -> CheckReport {
    let posts = try roster(in: db)
    let ranges = try countedHalves(month: month, kinds: rules.countedKinds, in: db)
    return MonthlyCheck.run(month: month, rules: rules, posts: posts.map(\.post)) { index in
      ranges[posts[index].headId] ?? []
    }
  }

  /// Every post with its head, in the order posts were recorded, as `Ledger.posts()` lists them.
  static func roster(in db: Database) throws -> [(post: Post, headId: Int64)] {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT post.id, post.head_id, head.unit, head.name, post.role, post.from_date, post.to_date
        FROM post JOIN head ON head.id = post.head_id ORDER BY post.id
        """)
    var posts: [(post: Post, headId: Int64)] = []
    while let row = try rows.next() {
      let from: String? = row[5]
      let to: String? = row[6]
      posts.append(
        (
          Post(
            id: row[0], unit: row[2], name: row[3], role: row[4], from: from.flatMap(CivilDate.init(stored:)),
            to: to.flatMap(CivilDate.init(stored:))), row[1]
        ))
    }
    return posts
  }

  /// Each head's counted trips in the month as half-day ranges (`2 x ordinal` the morning, `+1` the afternoon).
  ///
  /// The rows come from the covering index trip_by_dates (and, for trips longer than `longTripDays`, the
  /// partial index trip_long_by_start) and are read through SQLite's C API: the dates are parsed from the
  /// column bytes, with no `Row` and no `String` per trip.
  static func countedHalves(month: Month, kinds: Set<String>, in db: Database) throws -> [Int64: [ClosedRange<Int>]] {
    guard !kinds.isEmpty else { return [:] }
    let first = month.firstDay
    let last = month.lastDay
    let earliest = first.adding(days: -longTripDays)
    let kindList = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
    let columns = "SELECT head_id, start_date, starts_afternoon, end_date, ends_morning FROM trip"
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
    let handle = statement.sqliteStatement
    defer { sqlite3_reset(handle) }
    var ranges: [Int64: [ClosedRange<Int>]] = [:]
    while true {
      let code = sqlite3_step(handle)
      if code == SQLITE_DONE { break }
      guard code == SQLITE_ROW else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
          sql: statement.sql)
      }
      guard let start = date(handle, column: 1), let end = date(handle, column: 3) else {
        throw ZhaoshangError.storage(Localized("台账中有损坏的外出日期", "the ledger holds a damaged trip date"))
      }
      let lower = start.ordinal * 2 + Int(sqlite3_column_int(handle, 2))
      let upper = end.ordinal * 2 + 1 - Int(sqlite3_column_int(handle, 4))
      // A trip covering nothing cannot be stored (a CHECK refuses it), but would count nothing anyway.
      guard lower <= upper else { continue }
      ranges[sqlite3_column_int64(handle, 0), default: []].append(lower...upper)
    }
    return ranges
  }

  private static func date(_ handle: SQLiteStatement, column: Int32) -> CivilDate? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    return ISODate.read(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
  }
}

extension CivilDate {
  /// Reads a stored `2022-07-04`: straight from the bytes, else through `init(iso:)`.
  init?(stored text: String) {
    var text = text
    if let date = text.withUTF8({ $0.count == 10 ? ISODate.read($0) : nil }) {
      self = date
    } else if let date = CivilDate(iso: text) {
      self = date
    } else {
      return nil
    }
  }
}
