import Foundation
import GRDB

/// A void undone: the trip that was voided, and the trip that now counts in its place.
public struct Restoration: Sendable, Equatable {
  public let voided: Trip
  public let restored: Trip
  public let reason: String

  public init(voided: Trip, restored: Trip, reason: String) {
    self.voided = voided
    self.restored = restored
    self.reason = reason
  }
}

extension Ledger {
  /// Undoes a mistaken void. A voided trip never changes (trigger `trip_void_is_final`), so the ledger stays
  /// append-only: the trip is copied into a new trip that counts, and a restoration row joins the two with who
  /// undid the void, when and why. Both are audited as `trip.unvoid`.
  ///
  /// A trip covering a day of a closed month is restored only with an `amendment`, as it is voided.
  @discardableResult
  public func unvoidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment? = nil)
    throws(ZhaoshangError) -> Restoration
  {
    try Self.requireOffice(stamp.actor)
    let reason = try RestorationRule.reason(reason)
    return try write { db in
      let found = try TripRecord.fetchOne(db, id: id).flatMap { record in
        try HeadRecord.fetchOne(db, id: record.headId).map { (record, $0) }
      }
      let earlier = try TripRestorationRecord.filter(TripRestorationRecord.Columns.voidedTripId == id).fetchOne(db)
        .map { RestorationRule.Earlier(restoredTripID: $0.restoredTripId, by: $0.recordedBy, at: $0.recordedAt) }
      let review = try TripReviewRecord.latest(for: [id], in: db)[id].flatMap { ReviewStatus(rawValue: $0.status) }
      let voided = try RestorationRule.admit(
        try found.map { try $0.0.trip(of: $0.1) }, id: id, earlier: earlier, review: review, clock: stamp.clock)
      guard case let (record, head)? = found else {
        throw ZhaoshangError.notFound(Problem.noSuchTrip(id, code: .notFound))
      }
      try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { voided.touches($0) }
      var copy = record
      copy.id = nil
      copy.recordedBy = stamp.by
      copy.recordedAt = stamp.at
      copy.voidReason = nil
      copy.voidedBy = nil
      copy.voidedAt = nil
      try copy.insert(db)
      let restoredID = copy.id ?? 0
      var restoration = TripRestorationRecord(
        id: nil, voidedTripId: id, restoredTripId: restoredID, reason: reason, recordedBy: stamp.by,
        recordedAt: stamp.at)
      try restoration.insert(db)
      try KeptTallies.recount(trips: [restoredID], in: db)
      let heads = [HeadKey(unit: head.unit, name: head.name)]
      let months = Month(containing: voided.start)...Month(containing: voided.end)
      try AuditTrail.recordCreated(
        .tripUnvoided, table: .trip, range: restoredID...restoredID,
        subject: AuditTrail.Subject(heads: heads, tripID: restoredID, months: months), stamp: stamp,
        summary: "restores trip #\(id)", db: db)
      let restorationID = restoration.id ?? 0
      try AuditTrail.recordCreated(
        .tripUnvoided, table: .tripRestoration, range: restorationID...restorationID,
        subject: AuditTrail.Subject(heads: heads, tripID: id, months: months), stamp: stamp,
        summary: "trip #\(id) → #\(restoredID): \(reason)", db: db)
      return Restoration(voided: voided, restored: try copy.trip(of: head), reason: reason)
    }
  }
}
