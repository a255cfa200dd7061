import GRDB

/// `HistoryScope` over a SQLite ledger: the rows an event names, read to settle whether it reaches the scope.
extension HistoryScope {
  /// Whether the event touches the unit, head and month asked about. The payload is read only when the event's
  /// columns do not settle it.
  func includes(_ event: EventRecord, db: Database) throws -> Bool {
    switch settle(event) {
    case .included: return true
    case .excluded: return false
    case .reaching(let table, let ids): return try reaches(table: table, ids: ids, db: db)
    }
  }

  /// Whether a row of `table` with an id in `ids` belongs to the unit or head and reaches the month.
  func reaches(table: String, ids: ClosedRange<Int64>, db: Database) throws -> Bool {
    guard let dated = Self.datedRows(of: table) else { return false }
    var sql = "SELECT EXISTS (SELECT 1 FROM \(dated.join) BETWEEN ? AND ?"
    var arguments: [(any DatabaseValueConvertible)?] = [ids.lowerBound, ids.upperBound]
    if let unit {
      sql += " AND head.unit = ?"
      arguments.append(unit)
    }
    if let name {
      sql += " AND head.name = ?"
      arguments.append(name)
    }
    if let month {
      // A post or trip without a start or end date reaches back, or on, without limit.
      sql += " AND (\(dated.from) IS NULL OR \(dated.from) <= ?) AND (\(dated.to) IS NULL OR \(dated.to) >= ?)"
      arguments.append(month.lastDay.iso)
      arguments.append(month.firstDay.iso)
    }
    sql += ")"
    return try Bool.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? false
  }
}
