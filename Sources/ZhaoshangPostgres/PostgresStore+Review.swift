import Foundation
import PostgresNIO
import ZhaoshangKit

/// The review of a unit's trips (审核) on PostgreSQL: the same transitions, the same refusals and the same events as
/// SQLite's `Ledger+Review`; the schema's trigger refuses a step that does not follow from the trip's status.
extension PostgresStore {
  public func approveTrips(ids: [Int64], stamp: Stamp) async throws(ZhaoshangError) -> [Trip] {
    try Ledger.requireOffice(stamp.actor)
    let ids = try ReviewRule.approving(ids)
    return try await write { link throws(ZhaoshangError) in
      var trips: [Trip] = []
      for id in ids {
        trips.append(try await Self.reviewable(id: id, expecting: [.submitted], actor: stamp.actor, link: link))
      }
      let touching = trips
      try await Self.admit(amendment: nil, stamp: stamp, link: link) { month in touching.contains { $0.touches(month) }
      }
      try await Self.appendSteps(trips, status: .approved, action: .tripsApproved, stamp: stamp, link: link)
      return trips.map { trip in
        var approved = trip
        approved.review = .approved
        return approved
      }
    }
  }

  public func returnTrip(id: Int64, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> Trip {
    try Ledger.requireOffice(stamp.actor)
    let reason = try ReviewRule.returnReason(reason)
    return try await write { link throws(ZhaoshangError) in
      var trip = try await Self.reviewable(id: id, expecting: [.submitted], actor: stamp.actor, link: link)
      try await Self.appendSteps(
        [trip], status: .returned, reason: reason, action: .tripReturned, stamp: stamp, link: link)
      trip.review = .returned
      trip.returnReason = reason
      return trip
    }
  }

  public func resubmitTrip(id: Int64, stamp: Stamp) async throws(ZhaoshangError) -> Trip {
    try Ledger.requireWriter(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      var trip = try await Self.reviewable(id: id, expecting: [.returned], actor: stamp.actor, link: link)
      try await Self.appendSteps([trip], status: .submitted, action: .tripsSubmitted, stamp: stamp, link: link)
      trip.review = .submitted
      return trip
    }
  }

  public func withdrawTrip(id: Int64, reason: String?, stamp: Stamp) async throws(ZhaoshangError) -> Trip {
    try Ledger.requireWriter(stamp.actor)
    let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
    return try await write { link throws(ZhaoshangError) in
      var trip = try await Self.reviewable(
        id: id, expecting: [.submitted, .returned], actor: stamp.actor, link: link)
      try await Self.appendSteps(
        [trip], status: .withdrawn, reason: reason?.isEmpty == false ? reason : nil, action: .tripWithdrawn,
        stamp: stamp, link: link)
      trip.review = .withdrawn
      return trip
    }
  }

  /// The trip, if the actor may see it, it is not void, and its review stands at one of `expecting`.
  static func reviewable(id: Int64, expecting: Set<ReviewStatus>, actor: ActingUser, link: PostgresLink)
    async throws(ZhaoshangError) -> Trip
  {
    let trip = try await visibleTrip(id: id, actor: actor, link: link)
    try ReviewRule.require(trip, expecting: expecting)
    return trip
  }

  /// Marks trips just inserted as submitted by their unit, with the event recording the steps.
  static func submitForReview(_ ids: ClosedRange<Int64>, stamp: Stamp, link: PostgresLink)
    async throws(ZhaoshangError)
  {
    let steps = try await link.rows(
      """
      INSERT INTO trip_review (trip_id, status, reason, by_login, by_role, by_unit, at)
      SELECT id, 'submitted', NULL, \(stamp.actor.login), \(stamp.actor.role.rawValue), \(stamp.actor.unit), \(stamp.at)
      FROM trip WHERE id BETWEEN \(ids.lowerBound) AND \(ids.upperBound) ORDER BY id
      RETURNING id
      """
    ).compactMap { $0[0].flatMap { Int64($0) } }
    try await recordCreated(
      .tripsSubmitted, table: .tripReview, ids: steps,
      subject: AuditTrail.Subject(unit: stamp.actor.unit, tripID: ids.count == 1 ? ids.lowerBound : nil),
      stamp: stamp, link: link)
  }

  /// Appends one review step per trip and the event recording them.
  static func appendSteps(
    _ trips: [Trip], status: ReviewStatus, reason: String? = nil, action: AuditAction, stamp: Stamp,
    link: PostgresLink
  ) async throws(ZhaoshangError) {
    var ids: [Int64] = []
    for trip in trips {
      let id = try await link.int64(
        """
        INSERT INTO trip_review (trip_id, status, reason, by_login, by_role, by_unit, at)
        VALUES (\(trip.id ?? 0), \(status.rawValue), \(reason), \(stamp.actor.login), \(stamp.actor.role.rawValue),
          \(stamp.actor.unit), \(stamp.at))
        RETURNING id
        """)
      if let id { ids.append(id) }
    }
    try await recountTallies(touching: trips.compactMap(\.id), link: link)
    let months = trips.flatMap { [Month(containing: $0.start), Month(containing: $0.end)] }
    try await recordCreated(
      action, table: .tripReview, ids: ids,
      subject: AuditTrail.Subject(
        heads: trips.map { HeadKey(unit: $0.unit, name: $0.name) }, tripID: trips.count == 1 ? trips[0].id : nil,
        months: months.min().flatMap { low in months.max().map { low...$0 } }),
      stamp: stamp, summary: trips.compactMap(\.id).map { "#\($0)" }.joined(separator: " "), link: link)
  }
}
