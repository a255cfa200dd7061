import Foundation
import GRDB

extension Ledger {
  // MARK: Review (审核)

  /// Approves trips waiting for review, all or none: each must exist and be `submitted`.
  ///
  /// Approving changes what counts, so a trip in a closed month is refused (409) like any other change to it.
  @discardableResult
  public func approveTrips(ids: [Int64], stamp: Stamp) throws(ZhaoshangError) -> [Trip] {
    try Self.requireOffice(stamp.actor)
    let ids = try ReviewRule.approving(ids)
    return try write { db in
      var trips: [Trip] = []
      for id in ids { trips.append(try Self.reviewable(id: id, expecting: [.submitted], actor: stamp.actor, db: db)) }
      try ClosedMonthGuard.admit(amendment: nil, stamp: stamp, in: db) { month in trips.contains { $0.touches(month) } }
      try Self.appendSteps(trips, status: .approved, action: .tripsApproved, stamp: stamp, db: db)
      return trips.map { trip in
        var approved = trip
        approved.review = .approved
        return approved
      }
    }
  }

  /// Returns a submitted trip to its unit with the office's reason, which the unit sees.
  @discardableResult
  public func returnTrip(id: Int64, reason: String, stamp: Stamp) throws(ZhaoshangError) -> Trip {
    try Self.requireOffice(stamp.actor)
    let reason = try ReviewRule.returnReason(reason)
    return try write { db in
      var trip = try Self.reviewable(id: id, expecting: [.submitted], actor: stamp.actor, db: db)
      try Self.appendSteps([trip], status: .returned, reason: reason, action: .tripReturned, stamp: stamp, db: db)
      trip.review = .returned
      trip.returnReason = reason
      return trip
    }
  }

  /// Sends a returned trip back for review as it is (after the unit read the reason and disagrees, or fixed
  /// something outside the trip such as the roster).
  @discardableResult
  public func resubmitTrip(id: Int64, stamp: Stamp) throws(ZhaoshangError) -> Trip {
    try Self.requireWriter(stamp.actor)
    return try write { db in
      var trip = try Self.reviewable(id: id, expecting: [.returned], actor: stamp.actor, db: db)
      try Self.appendSteps([trip], status: .submitted, action: .tripsSubmitted, stamp: stamp, db: db)
      trip.review = .submitted
      return trip
    }
  }

  /// Replaces a returned trip by corrected ones (one per head), all or nothing: the corrected trips are
  /// submitted for review and the returned one withdrawn, naming them, in one transaction.
  ///
  /// A correction identical to the returned trip (same head, dates, halves, kind and destination) adds nothing
  /// and is refused: resubmitting the trip as it is says the same.
  @discardableResult
  public func correctTrip(
    id: Int64, with corrected: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp
  ) throws(ZhaoshangError) -> WriteOutcome<Trip> {
    try Self.requireReach(stamp.actor, units: Set(corrected.map(\.value.unit)))
    return try writeTrips(
      rules: rules, today: today, stamp: stamp, dryRun: false, keepAdded: true, amendment: nil,
      finishing: { db, outcome in
        _ = try Self.reviewable(id: id, expecting: [.returned], actor: stamp.actor, db: db)
        let ids = outcome.added.compactMap(\.id)
        guard !ids.isEmpty else { throw ReviewRule.unchangedCorrection(id) }
        let trip = try Self.visibleTrip(id: id, actor: stamp.actor, db: db)
        try Self.appendSteps(
          [trip], status: .withdrawn, reason: ReviewRule.correctedReason(ids),
          action: .tripWithdrawn, stamp: stamp, db: db)
      }
    ) { (writer: TripWriter) throws(ZhaoshangError) in
      for entry in corrected { try writer.add(entry) }
    }.outcome
  }

  /// Withdraws a submitted or returned trip: it stays listed, withdrawn, and never counts.
  @discardableResult
  public func withdrawTrip(id: Int64, reason: String? = nil, stamp: Stamp) throws(ZhaoshangError) -> Trip {
    try Self.requireWriter(stamp.actor)
    let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
    return try write { db in
      var trip = try Self.reviewable(id: id, expecting: [.submitted, .returned], actor: stamp.actor, db: db)
      try Self.appendSteps(
        [trip], status: .withdrawn, reason: reason?.isEmpty == false ? reason : nil, action: .tripWithdrawn,
        stamp: stamp, db: db)
      trip.review = .withdrawn
      return trip
    }
  }

  /// Trips waiting for the office's review, of one unit or all, oldest first.
  public func pendingTrips(unit: String? = nil) throws(ZhaoshangError) -> [Trip] {
    try read { db in
      try Self.trips(ids: try CheckQuery.submitted(unit: unit, in: db), db: db)
    }
  }

  /// One trip, if the actor may see it: a unit's account is told a trip of another unit does not exist, so
  /// guessing ids reveals nothing.
  public func trip(id: Int64, as actor: ActingUser) throws(ZhaoshangError) -> Trip {
    try read { db in try Self.visibleTrip(id: id, actor: actor, db: db) }
  }

  // MARK: Plumbing

  static func trips(ids: [Int64], db: Database) throws -> [Trip] {
    guard !ids.isEmpty else { return [] }
    var trips: [Trip] = []
    for start in stride(from: 0, to: ids.count, by: 500) {
      let slice = Array(ids[start..<min(start + 500, ids.count)])
      trips += try TripRecord.filter(slice.contains(TripRecord.Columns.id)).including(required: TripRecord.head)
        .asRequest(of: TripWithHead.self).fetchAll(db).map { try $0.value() }
    }
    return try withReview(trips.sorted { ($0.id ?? 0) < ($1.id ?? 0) }, db: db)
  }

  /// The trips with their review status and the office's last reason filled in.
  static func withReview(_ trips: [Trip], db: Database) throws -> [Trip] {
    guard try db.tableExists("trip_review") else { return trips }
    let latest = try TripReviewRecord.latest(for: trips.count > 2000 ? nil : trips.compactMap(\.id), in: db)
    guard !latest.isEmpty else { return trips }
    var reasons: [Int64: String] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT trip_id, reason FROM trip_review
        WHERE id IN (SELECT max(id) FROM trip_review WHERE status = 'returned' GROUP BY trip_id)
        """)
    {
      reasons[row[0]] = row[1]
    }
    return trips.map { trip in
      guard let id = trip.id, let step = latest[id], let status = ReviewStatus(rawValue: step.status) else {
        return trip
      }
      var reviewed = trip
      reviewed.review = status
      reviewed.returnReason = reasons[id]
      return reviewed
    }
  }

  static func visibleTrip(id: Int64, actor: ActingUser, db: Database) throws -> Trip {
    guard let trip = try trips(ids: [id], db: db).first, actor.reaches(unit: trip.unit) else {
      throw ZhaoshangError.notFound(Problem.noSuchTrip(id, code: .notFound))
    }
    return trip
  }

  /// The trip, if the actor may see it, it is not void, and its review stands at one of `expecting`.
  static func reviewable(id: Int64, expecting: Set<ReviewStatus>, actor: ActingUser, db: Database) throws -> Trip {
    let trip = try visibleTrip(id: id, actor: actor, db: db)
    try ReviewRule.require(trip, expecting: expecting)
    return trip
  }

  /// Marks trips just inserted as submitted by their unit.
  static func submitForReview(_ ids: ClosedRange<Int64>, stamp: Stamp, db: Database) throws {
    let before = try Int64.fetchOne(db, sql: "SELECT max(id) FROM trip_review") ?? 0
    try db.execute(
      sql: """
        INSERT INTO trip_review (trip_id, status, reason, by_login, by_role, by_unit, at)
        SELECT id, 'submitted', NULL, ?, ?, ?, ? FROM trip WHERE id BETWEEN ? AND ? ORDER BY id
        """,
      arguments: [
        stamp.actor.login, stamp.actor.role.rawValue, stamp.actor.unit, stamp.at, ids.lowerBound, ids.upperBound,
      ])
    let after = try Int64.fetchOne(db, sql: "SELECT max(id) FROM trip_review") ?? 0
    guard after > before else { return }
    try AuditTrail.recordCreated(
      .tripsSubmitted, table: .tripReview, range: (before + 1)...after,
      subject: AuditTrail.Subject(unit: stamp.actor.unit, tripID: ids.count == 1 ? ids.lowerBound : nil),
      stamp: stamp, db: db)
  }

  /// Appends one review step per trip and the event recording them.
  static func appendSteps(
    _ trips: [Trip], status: ReviewStatus, reason: String? = nil, action: AuditAction, stamp: Stamp, db: Database
  ) throws {
    var ids: [Int64] = []
    for trip in trips {
      var record = TripReviewRecord(tripID: trip.id ?? 0, status: status, reason: reason, stamp: stamp)
      try record.insert(db)
      if let id = record.id { ids.append(id) }
    }
    try KeptTallies.recount(trips: trips.compactMap(\.id), in: db)
    let months = trips.flatMap { [Month(containing: $0.start), Month(containing: $0.end)] }
    try AuditTrail.recordCreated(
      action, table: .tripReview, range: idRange(ids),
      subject: AuditTrail.Subject(
        heads: trips.map { HeadKey(unit: $0.unit, name: $0.name) }, tripID: trips.count == 1 ? trips[0].id : nil,
        months: months.min().flatMap { low in months.max().map { low...$0 } }),
      stamp: stamp, summary: trips.compactMap(\.id).map { "#\($0)" }.joined(separator: " "), db: db)
  }

  /// Viewers read only.
  package static func requireWriter(_ actor: ActingUser) throws(ZhaoshangError) {
    guard actor.role != .viewer else {
      throw .forbidden(Localized("查看者账号只能查看，不能修改", "a viewer's account can only look, not change anything"))
    }
  }

  /// A unit's account changes only its own unit's data.
  package static func requireReach(_ actor: ActingUser, units: Set<String>) throws(ZhaoshangError) {
    let outside = units.filter { !actor.reaches(unit: $0) }.sorted()
    guard outside.isEmpty else {
      throw .forbidden(
        Localized(
          "\(actor.describe(.zh))只能登记本单位的外出，不能登记「\(outside.joined(separator: "、"))」的",
          "\(actor.describe(.en)) may record trips of its own unit only, not of \(outside.joined(separator: ", "))"))
    }
  }
}
