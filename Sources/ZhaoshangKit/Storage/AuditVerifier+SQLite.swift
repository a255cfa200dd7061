import GRDB

/// `verify` over a SQLite ledger: the chain, then every audited row read in id order and compared as it comes.
extension AuditVerifier {
  /// What `verify` finds in the ledger: the file's damage and schema, then the chain and every row against it.
  ///
  /// - Parameter integrity: SQLite's integrity check, already running on another connection; without it, the
  ///   check runs first on this one.
  static func verify(
    db: Database, migrator: DatabaseMigrator = Schema.migrator, integrity: BackgroundIntegrityCheck? = nil
  ) throws -> VerifyReport {
    var report = VerifyReport()
    report.damage = try SchemaAudit.problems(in: db, migrator: migrator, checkingIntegrity: integrity == nil)
    var stopped: DatabaseError?
    do {
      try verifyRows(db: db, report: &report)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
      stopped = error
    }
    if let integrity, let damage = try integrity.result() { report.damage.insert(damage, at: 0) }
    // Damage named stops the reading of rows (a damaged index may serve any query); what was found so far
    // stands, and the clerk is told to restore a backup. Without any, SQLite's refusal is the finding.
    if let stopped, report.damage.isEmpty { throw stopped }
    return report
  }

  /// The chain of events, then every audited row, closed month and amendment against them.
  static func verifyRows(db: Database, report: inout VerifyReport) throws {
    let events = try EventRecord.order(EventRecord.Columns.id).fetchAll(db)
    report.events = events.count
    report.lastHash = events.last?.hash
    report.brokenLink = firstBrokenLink(events, hidingBytes: try eventsWithNUL(db))
    var payloads: [(EventRecord, EventPayload)] = []
    for event in events {
      if let payload = AuditTrail.decode(event.payload) { payloads.append((event, payload)) }
    }
    for table in AuditedTable.all {
      try check(table, payloads: payloads, db: db, report: &report)
    }
    try ClosingVerifier.check(payloads.map { (event: $0.0, payload: $0.1) }, db: db, report: &report)
    try DocumentVerifier.check(db: db, report: &report)
    try KeptTallies.check(db: db, report: &report)
  }

  /// Events holding a NUL byte in a column: zhaoshang never writes one (JSON escapes it), and text read back
  /// stops at it, so the hash alone would not see what follows.
  static func eventsWithNUL(_ db: Database) throws -> Set<Int64> {
    let columns =
      ["at", "by", "command", "action", "unit", "name", "first_month", "last_month", "payload"]
      + ["prev_hash", "hash"]
    let test = columns.map { "instr(CAST(\"\($0)\" AS BLOB), x'00') > 0" }.joined(separator: " OR ")
    return Set(try Int64.fetchAll(db, sql: "SELECT id FROM event WHERE \(test)"))
  }

  /// Checks every row an event of `table` recorded against it, then that no row was written without an event.
  ///
  /// Rows are read in id order, one at a time, and compared with the event's fingerprints as they come; only
  /// the block of fingerprints being compared is held, so memory does not grow with the ledger.
  static func check(
    _ table: AuditedTable, payloads: [(EventRecord, EventPayload)], db: Database, report: inout VerifyReport
  ) throws {
    let label = Label(table: table.name)
    var changes: [Int64: [(EventRecord, EventPayload)]] = [:]
    for (event, payload) in payloads where payload.table == table.name {
      if let id = payload.id { changes[id, default: []].append((event, payload)) }
    }
    var covered: [ClosedRange<Int64>] = []
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1024)
    for (event, payload) in payloads where payload.table == table.name {
      guard var range = RecordedRange(event: event, payload: payload, label: label) else { continue }
      covered += range.covered
      try table.forEachRaw(in: range.first...range.last, db: db) { raw in
        let id = raw.id
        guard range.meet(id, report: &report) else { return }
        // Most rows never changed: their fingerprint is that of the columns as stored, written straight from
        // SQLite's bytes. A changed row is read into strings to put back the values it was created with.
        guard let rowChanges = changes[id], !rowChanges.isEmpty else {
          range.record(CreationDigest.fingerprint(raw.handle, buffer: &buffer), id: id)
          return
        }
        let row = raw.row()
        let initial = initialValues(of: row, table: table, changes: rowChanges, label: label, report: &report)
        range.record(AuditTrail.fingerprint(row.canonical(initial: initial)), id: id)
      }
      range.finish(report: &report)
    }
    var recorded = CoveredIDs(covered)
    try table.forEachID(db: db) { id in
      if !recorded.contain(id) { report.disagreements.append(unrecorded(label, id)) }
    }
  }
}
