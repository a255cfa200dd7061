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
    // In the indexes' order, not sorted: each destination keeps the first place it was met at, and the
    // destinations are put in that order at the end (a unit has few), which costs less than SQLite sorting every
    // trip of the month.
    let statement = try db.cachedStatement(
      sql: """
        \(columns) INDEXED BY trip_by_dates
        WHERE start_date BETWEEN ? AND ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL
        UNION ALL
        \(columns) INDEXED BY trip_long_by_start
        WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)
          AND start_date < ? AND end_date >= ? AND kind IN (\(kindList)) AND void_reason IS NULL
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
    // Each unit's destinations as met, by their bytes, with the first place each was met at.
    var met = [[(bytes: [UInt8], first: DestinationPlace)]](repeating: [], count: units.count)
    try RawRows.forEach(statement, in: db) { handle in
      guard let unit = unitOf[sqlite3_column_int64(handle, 0)] else { return }
      let id = sqlite3_column_int64(handle, 2)
      if !unapproved.isEmpty, unapproved[id] != nil { return }
      guard let text = sqlite3_column_text(handle, 1), let start = sqlite3_column_text(handle, 3) else { return }
      let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 1)))
      let place = DestinationPlace(
        start: UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, 3))),
        afternoon: sqlite3_column_int(handle, 4) != 0, id: id)
      if let index = met[unit].firstIndex(where: { $0.bytes.elementsEqual(bytes) }) {
        if place < met[unit][index].first { met[unit][index].first = place }
      } else {
        met[unit].append((Array(bytes), place))
      }
    }
    var result: [String: [String]] = [:]
    for (number, unit) in units.enumerated() where !met[number].isEmpty {
      // Other bytes may still be the same text to Swift (canonically equivalent), which the set of strings
      // decides, as `BulletinTrips.destinations` does: the first met stands for them all.
      var seen = Set<String>()
      var found: [String] = []
      for destination in met[number].sorted(by: { $0.first < $1.first }) {
        let text = String(decoding: destination.bytes, as: UTF8.self)
        if seen.insert(text).inserted { found.append(text) }
      }
      result[unit] = found
    }
    return result
  }

  /// Where a trip stands in `BulletinTrips.counted`'s order: departure, a morning before an afternoon, then the id.
  private struct DestinationPlace: Comparable {
    /// The departure date's ISO digits (yyyymmdd), which order as the dates do.
    let day: Int
    let afternoon: Bool
    let id: Int64

    init(start: UnsafeBufferPointer<UInt8>, afternoon: Bool, id: Int64) {
      day = start.reduce(0) { digits, byte in (48...57).contains(byte) ? digits * 10 + Int(byte - 48) : digits }
      self.afternoon = afternoon
      self.id = id
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.day, lhs.afternoon ? 1 : 0, lhs.id) < (rhs.day, rhs.afternoon ? 1 : 0, rhs.id)
    }
  }

  /// Every head's unit and name by id.
  static func heads(in db: Database) throws -> [Int64: HeadKey] {
    var heads: [Int64: HeadKey] = [:]
    let rows = try Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head")
    while let row = try rows.next() { heads[row[0]] = HeadKey(unit: row[1], name: row[2]) }
    return heads
  }
}
