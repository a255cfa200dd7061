import PostgresNIO
import ZhaoshangKit

/// Undoing a void on PostgreSQL, as SQLite's `Ledger.unvoidTrip` does: `RestorationRule` decides, the voided trip
/// stays as it is, a copy of it counts again, and a restoration row joins the two; both audited as `trip.unvoid`.
extension PostgresStore {
  public func unvoidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> Restoration
  {
    try Ledger.requireOffice(stamp.actor)
    let reason = try RestorationRule.reason(reason)
    return try await write { link throws(ZhaoshangError) in
      let earlier = try await link.rows(
        "SELECT restored_trip_id, recorded_by, recorded_at FROM trip_restoration WHERE voided_trip_id = \(id)"
      ).first.map { row in
        RestorationRule.Earlier(restoredTripID: row[0].flatMap { Int64($0) } ?? 0, by: row[1] ?? "", at: row[2] ?? "")
      }
      let review = try await link.value(
        "SELECT status FROM trip_review WHERE trip_id = \(id) ORDER BY id DESC LIMIT 1"
      ).flatMap(ReviewStatus.init(rawValue:))
      let voided = try RestorationRule.admit(
        try await Self.trips(ids: [id], link: link).first, id: id, earlier: earlier, review: review,
        clock: stamp.clock)
      try await Self.admit(amendment: amendment, stamp: stamp, link: link) { voided.touches($0) }
      let restoredID =
        try await link.int64(
          """
          INSERT INTO trip (head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination, purpose,
            companies, recorded_by, recorded_at)
          SELECT head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination, purpose, companies,
            \(stamp.by), \(stamp.at)
          FROM trip WHERE id = \(id)
          RETURNING id
          """) ?? 0
      let restorationID =
        try await link.int64(
          """
          INSERT INTO trip_restoration (voided_trip_id, restored_trip_id, reason, recorded_by, recorded_at)
          VALUES (\(id), \(restoredID), \(reason), \(stamp.by), \(stamp.at))
          RETURNING id
          """) ?? 0
      try await Self.recountTallies(touching: [restoredID], link: link)
      let heads = [HeadKey(unit: voided.unit, name: voided.name)]
      let months = Month(containing: voided.start)...Month(containing: voided.end)
      try await Self.recordCreated(
        .tripUnvoided, table: .trip, ids: [restoredID],
        subject: AuditTrail.Subject(heads: heads, tripID: restoredID, months: months), stamp: stamp,
        summary: "restores trip #\(id)", link: link)
      try await Self.recordCreated(
        .tripUnvoided, table: .tripRestoration, ids: [restorationID],
        subject: AuditTrail.Subject(heads: heads, tripID: id, months: months), stamp: stamp,
        summary: "trip #\(id) → #\(restoredID): \(reason)", link: link)
      guard let restored = try await Self.trips(ids: [restoredID], link: link).first else {
        throw ZhaoshangError.storage(
          Localized(
            "无法恢复外出记录 \(id)，台账未作改动", "trip \(id) could not be restored; the ledger is unchanged"))
      }
      return Restoration(voided: voided, restored: restored, reason: reason)
    }
  }
}
