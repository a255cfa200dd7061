import GRDB

extension Ledger {
  /// Recomputes the audit chain and checks roster, trips, leave and explanations against it.
  public func verify() throws(ZhaoshangError) -> VerifyReport {
    // SQLite's integrity check reads on a reader of its own, beside the rows: a pool has more than one. A ledger
    // in memory has one connection, which runs both in turn.
    let integrity = (writer as? DatabasePool).map { BackgroundIntegrityCheck(pool: $0) }
    var made: VerifyReport?
    do {
      return try read { db in
        let report = try AuditVerifier.verify(db: db, integrity: integrity)
        made = report
        return report
      }
    } catch {
      // On a damaged file, ending the read can fail after the report naming the damage was made: that report is
      // what the clerk needs.
      if let made, !made.damage.isEmpty { return made }
      throw error
    }
  }

  /// The audit trail in order, optionally of a unit, a head, a trip, or events touching a month (see
  /// `HistoryScope`: imports, roster imports, closes and reopenings included).
  public func history(unit: String? = nil, name: String? = nil, trip: Int64? = nil, month: Month? = nil)
    throws(ZhaoshangError) -> [AuditEvent]
  {
    var events: [AuditEvent] = []
    try forEachEvent(unit: unit, name: name, trip: trip, month: month) { events.append($0) }
    return events
  }

  /// Calls `body` with each event `history` lists, in the same order, as it is read: the trail of a ledger kept
  /// for years is never held at once.
  public func forEachEvent(
    unit: String? = nil, name: String? = nil, trip: Int64? = nil, month: Month? = nil,
    _ body: (AuditEvent) throws -> Void
  ) throws(ZhaoshangError) {
    let scope = HistoryScope(unit: unit, name: name, month: month)
    try read { db in
      let events = try EventRecord.order(EventRecord.Columns.id).fetchCursor(db)
      while let event = try events.next() {
        if let trip, !Self.isAbout(event, trip: trip) { continue }
        guard try scope.includes(event, db: db) else { continue }
        if let shown = AuditEvent(event) { try body(shown) }
      }
    }
  }

  /// Whether the event is about the trip: a trip written in a batch is named by the batch's id range, not by
  /// the event's trip_id.
  package static func isAbout(_ event: EventRecord, trip: Int64) -> Bool {
    if event.tripId == trip { return true }
    guard let payload = AuditTrail.decode(event.payload), payload.table == "trip" else { return false }
    if payload.id == trip { return true }
    guard let first = payload.firstID, let last = payload.lastID else { return false }
    return (first...last).contains(trip) && !(payload.gaps ?? []).contains(trip)
  }
}
