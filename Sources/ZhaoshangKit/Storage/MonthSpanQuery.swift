import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Reads what a month's bulletin needs of the trips beyond its check: each unit's destinations, and the heads'
/// names. The months' counted halves come from the kept tallies (`MonthTallyQuery`).
enum MonthSpanQuery {
  /// Each unit's distinct destinations of the month, in order of first visit, from the counted trips of the
  /// heads in `assessed` only: `BulletinTrips.destinations` without building a `Trip` per row.
  ///
  /// - Parameters:
  ///   - heads: every head's unit and name by id.
  ///   - assessed: the ids of the heads the month's check assessed.
  static func destinations(
    month: Month, kinds: Set<String>, unapproved: [Int64: ReviewStatus], heads: [Int64: HeadKey],
    assessed: Set<Int64>, in db: Database
  ) throws -> [String: [String]] {
    guard !kinds.isEmpty else { return [:] }
    let first = month.firstDay
    let earliest = first.adding(days: -CheckQuery.longTripDays)
    let kindList = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
    let sortedKinds: [(any DatabaseValueConvertible)?] = kinds.sorted().map { $0 }
    let columns = "SELECT head_id, destination, id, start_date, starts_afternoon <> 0 AS afternoon FROM trip"
    // `BulletinTrips.counted`'s order: departure, a morning before an afternoon, then the id.
    let statement = try db.cachedStatement(
      sql: """
        \(columns) INDEXED BY trip_by_dates
        WHERE start_date BETWEEN ? AND ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL
        UNION ALL
        \(columns) INDEXED BY trip_long_by_start
        WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)
          AND start_date < ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL
        ORDER BY start_date, afternoon, id
        """)
    let reachBounds: [(any DatabaseValueConvertible)?] = [earliest.iso, month.lastDay.iso, first.iso]
    let longBounds: [(any DatabaseValueConvertible)?] = [earliest.iso, first.iso]
    try statement.setArguments(StatementArguments(reachBounds + sortedKinds + longBounds + sortedKinds))
    // Each assessed head's unit as a number, so that a row costs no hashing of Chinese text: a unit's
    // destinations are few, and a row's bytes are compared with those already met before any `String` is made.
    var unitOf: [Int64: Int] = [:]
    var units: [String] = []
    var unitNumbers: [String: Int] = [:]
    unitOf.reserveCapacity(assessed.count)
    for id in assessed {
      guard let head = heads[id] else { continue }
      if let number = unitNumbers[head.unit] {
        unitOf[id] = number
      } else {
        unitNumbers[head.unit] = units.count
        unitOf[id] = units.count
        units.append(head.unit)
      }
    }
    var metBytes = [[[UInt8]]](repeating: [], count: units.count)
    var seen = [Set<String>](repeating: [], count: units.count)
    var found = [[String]](repeating: [], count: units.count)
    try RawRows.forEach(statement, in: db) { handle in
      guard let unit = unitOf[sqlite3_column_int64(handle, 0)] else { return }
      if !unapproved.isEmpty, unapproved[sqlite3_column_int64(handle, 2)] != nil { return }
      guard let text = sqlite3_column_text(handle, 1) else { return }
      let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 1)))
      // The same bytes are the same text; other bytes may still be the same text to Swift (canonically
      // equivalent), which the set of strings decides, as `BulletinTrips.destinations` does.
      if metBytes[unit].contains(where: { $0.elementsEqual(bytes) }) { return }
      metBytes[unit].append(Array(bytes))
      let destination = String(cString: text)
      if seen[unit].insert(destination).inserted { found[unit].append(destination) }
    }
    var result: [String: [String]] = [:]
    for (number, unit) in units.enumerated() where !found[number].isEmpty { result[unit] = found[number] }
    return result
  }

  /// Every head's unit and name by id.
  static func heads(in db: Database) throws -> [Int64: HeadKey] {
    var heads: [Int64: HeadKey] = [:]
    let rows = try Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head")
    while let row = try rows.next() { heads[row[0]] = HeadKey(unit: row[1], name: row[2]) }
    return heads
  }
}
