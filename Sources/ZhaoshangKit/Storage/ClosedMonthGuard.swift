import GRDB

/// Keeps closed months still: reads the closes in force, asks `ClosedMonthRule` (which decides over values, the
/// same for every store) and records the amendments it names in the same transaction as the write.
enum ClosedMonthGuard {
  /// Refuses the write when it touches a closed month without an amendment; records the amendment otherwise.
  ///
  /// - Parameter touches: whether the write changes what counts in the given month.
  static func admit(
    amendment: Amendment?, stamp: Stamp, in db: Database, touches: (Month) -> Bool
  ) throws {
    let closes = try ClosedMonthRecord.closesInForce(in: db)
    let amended = try ClosedMonthRule.amended(by: amendment, closes: closes, clock: stamp.clock, touches: touches)
    guard let amendment else { return }
    for close in amended {
      var record = AmendmentRecord(
        id: nil, closedMonthId: close.id, month: close.month.iso, command: amendment.command,
        reason: amendment.reason.trimmingCharacters(in: .whitespacesAndNewlines), recordedBy: stamp.by,
        recordedAt: stamp.at)
      try record.insert(db)
      try AuditTrail.append(
        .amendment,
        payload: EventPayload(
          month: close.month.iso, reason: record.reason, summary: amendment.command, closedMonthID: close.id,
          amendmentID: record.id),
        subject: AuditTrail.Subject(months: close.month...close.month), stamp: stamp, db: db)
    }
  }
}

extension Trip {
  /// Whether the trip covers any day of the month.
  package func touches(_ month: Month) -> Bool {
    start <= month.lastDay && end >= month.firstDay
  }
}
