import Foundation
import GRDB

/// A void undone: the trip that was voided, and the trip that now counts in its place.
public struct Restoration: Sendable, Equatable {
  public let voided: Trip
  public let restored: Trip
  public let reason: String
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
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason,
        Localized("撤销作废的原因不能为空；请写明原因", "the reason is empty; say why the void is undone"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("误作废", "voided by mistake"))))
    }
    return try write { db in
      guard let record = try TripRecord.fetchOne(db, id: id), let head = try HeadRecord.fetchOne(db, id: record.headId)
      else {
        throw ZhaoshangError.notFound(Problem.noSuchTrip(id, code: .notFound))
      }
      guard record.voidReason != nil else {
        throw ZhaoshangError.conflict(
          Problem(
            .conflict,
            Localized(
              "外出记录 \(id) 没有作废，无需撤销；作废的记录在 zhaoshang trips 的列表中标为「已作废」",
              "trip \(id) is not void, so there is nothing to undo; `zhaoshang trips` marks voided trips as void"),
            arguments: ["trip": String(id)]))
      }
      if let earlier = try TripRestorationRecord.filter(TripRestorationRecord.Columns.voidedTripId == id)
        .fetchOne(db)
      {
        throw ZhaoshangError.conflict(
          Problem(
            .conflict,
            Localized(
              "外出记录 \(id) 的作废已于 \(stamp.clock.show(earlier.recordedAt)) 由 \(earlier.recordedBy) 撤销，恢复为第 \(earlier.restoredTripId) 条；无需再次撤销",
              "trip \(id)'s void was already undone on \(stamp.clock.show(earlier.recordedAt)) by \(earlier.recordedBy): it counts again as trip \(earlier.restoredTripId); nothing to do"
            ),
            arguments: ["trip": String(id), "restored": String(earlier.restoredTripId)]))
      }
      // A trip voided before the office approved it would come back counting, never reviewed: the unit submits it
      // again instead, and it is reviewed like any other.
      if let step = try TripReviewRecord.latest(for: [id], in: db)[id],
        let status = ReviewStatus(rawValue: step.status),
        status != .approved
      {
        throw ZhaoshangError.conflict(
          Problem(
            .conflict,
            Localized(
              "外出记录 \(id) 作废时为「\(status.title(.zh))」，从未审核通过；撤销作废会让它不经审核就计入。请让单位重新报送这次外出",
              "trip \(id) was \(status.title(.en)) when it was voided, never approved; undoing the void would count it unreviewed. Ask the unit to submit the trip again"
            ),
            arguments: ["trip": String(id)]))
      }
      let voided = try record.trip(of: head)
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
