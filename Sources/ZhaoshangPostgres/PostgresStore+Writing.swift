import Foundation
import PostgresNIO
import ZhaoshangKit

/// Roster, trips and month reports written to PostgreSQL: each method one transaction under the writers' lock,
/// deciding with the core's rules and appending the events SQLite's ledger appends for the same change.
extension PostgresStore {
  // MARK: Roster

  public func addPosts(
    _ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem], dryRun: Bool,
    amendment: Amendment?, source: FileSource?
  ) async throws(ZhaoshangError) -> WriteOutcome<Post> {
    try await write(dryRun: dryRun) { link throws(ZhaoshangError) in
      let existing = try await Self.posts(unit: nil, link: link)
      var outcome = WriteOutcome<Post>()
      var fresh: [Located<Post>] = []
      for entry in entries {
        if existing.contains(where: { $0.sameEntry(as: entry.value) }) {
          outcome.alreadyPresent.append(entry)
        } else {
          fresh.append(entry)
        }
      }
      let problems = earlier + RosterValidation.problems(adding: fresh, existing: existing, rules: rules)
      guard problems.isEmpty else { throw ZhaoshangError.invalidInput(problems.sortedByLine()) }
      let posts = fresh.map(\.value)
      try await Self.admit(amendment: amendment, stamp: stamp, link: link) { month in
        posts.contains { $0.daysInPost(during: month) != nil }
      }
      for post in posts {
        let head = try await Self.headID(unit: post.unit, name: post.name, link: link)
        let id = try await link.int64(
          """
          INSERT INTO post (head_id, role, from_date, to_date, recorded_by, recorded_at)
          VALUES (\(head), \(post.role), \(post.from?.iso)::date, \(post.to?.iso)::date, \(stamp.by), \(stamp.at))
          RETURNING id
          """)
        var added = post
        added.id = id
        outcome.added.append(added)
      }
      let added = outcome.added
      try await Self.recordCreated(
        .postsAdded, table: .post, ids: added.compactMap(\.id),
        subject: AuditTrail.Subject(heads: added.map { HeadKey(unit: $0.unit, name: $0.name) }), stamp: stamp,
        file: source,
        summary: added.count == 1 ? added.first.map { "\($0.unit) \($0.name) \($0.role) \($0.tenure(.en))" } : nil,
        link: link)
      return outcome
    }
  }

  public func endPost(unit: String, name: String, on date: CivilDate, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> Post
  {
    try await write { link throws(ZhaoshangError) in
      let post = try PostEnding.post(
        toEnd: unit, name: name, on: date, posts: try await Self.posts(unit: unit, link: link))
      let id = post.id ?? 0
      try await Self.admit(amendment: amendment, stamp: stamp, link: link) { month in
        PostEnding.changes(month, ending: post, on: date)
      }
      try await link.execute("UPDATE post SET to_date = \(date.iso)::date WHERE id = \(id)")
      try await Self.append(
        .postEnded,
        payload: EventPayload(
          table: AuditedTable.post.name, id: id, before: ["to_date": ""], after: ["to_date": date.iso]),
        subject: AuditTrail.Subject(heads: [HeadKey(unit: unit, name: name)]), stamp: stamp, link: link)
      var ended = post
      ended.to = date
      return ended
    }
  }

  /// The head's id, the head added when it is new.
  /// Every head's id, read in one query: an import meets thousands of heads, and a query each costs a round trip.
  static func headIDs(link: PostgresLink) async throws(ZhaoshangError) -> [HeadKey: Int64] {
    var ids: [HeadKey: Int64] = [:]
    for row in try await link.rows("SELECT id, unit, name FROM head") {
      if let id = row[0].flatMap({ Int64($0) }) { ids[HeadKey(unit: row[1] ?? "", name: row[2] ?? "")] = id }
    }
    return ids
  }

  static func headID(unit: String, name: String, link: PostgresLink) async throws(ZhaoshangError) -> Int64 {
    if let id = try await link.int64("SELECT id FROM head WHERE unit = \(unit) AND name = \(name)") { return id }
    guard let id = try await link.int64("INSERT INTO head (unit, name) VALUES (\(unit), \(name)) RETURNING id") else {
      throw ZhaoshangError.storage(
        Localized(
          "无法登记人员「\(unit) \(name)」，台账未作改动", "the head \(unit) \(name) could not be added; the ledger is unchanged"))
    }
    return id
  }

  // MARK: Closed months

  /// Refuses the write when it touches a closed month without an amendment (`ClosedMonthRule` decides), and
  /// records the amendment against each close it names: SQLite's `ClosedMonthGuard`, in PostgreSQL's SQL.
  static func admit(
    amendment: Amendment?, stamp: Stamp, link: PostgresLink, touches: (Month) -> Bool
  ) async throws(ZhaoshangError) {
    let closes = try await link.rows(
      "SELECT id, month, closed_by, closed_at FROM closed_month WHERE reopened_at IS NULL ORDER BY month"
    ).compactMap { row -> ClosedMonthRule.Close? in
      guard let id = row[0].flatMap({ Int64($0) }), let month = row[1].flatMap(Month.init(parsing:)) else { return nil }
      return ClosedMonthRule.Close(id: id, month: month, closedBy: row[2] ?? "", closedAt: row[3] ?? "")
    }
    let amended = try ClosedMonthRule.amended(by: amendment, closes: closes, clock: stamp.clock, touches: touches)
    guard let amendment else { return }
    let reason = amendment.reason.trimmingCharacters(in: .whitespacesAndNewlines)
    for close in amended {
      let id = try await link.int64(
        """
        INSERT INTO amendment (closed_month_id, month, command, reason, recorded_by, recorded_at)
        VALUES (\(close.id), \(close.month.iso), \(amendment.command), \(reason), \(stamp.by), \(stamp.at)) RETURNING id
        """)
      try await append(
        .amendment,
        payload: EventPayload(
          month: close.month.iso, reason: reason, summary: amendment.command, closedMonthID: close.id, amendmentID: id),
        subject: AuditTrail.Subject(months: close.month...close.month), stamp: stamp, link: link)
    }
  }

  // MARK: Trips

  public func recordTrips(
    _ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, carrying earlier: [Problem],
    dryRun: Bool, amendment: Amendment?
  ) async throws(ZhaoshangError) -> WriteOutcome<Trip> {
    // Before any validation, so a unit's account learns nothing of another unit's roster from the problems.
    try Ledger.requireReach(stamp.actor, units: Set(entries.map(\.value.unit)))
    try Ledger.requireWriter(stamp.actor)
    return try await write(dryRun: dryRun) { link throws(ZhaoshangError) in
      try await Self.writeTrips(
        entries, carrying: earlier, rules: rules, today: today, stamp: stamp, amendment: amendment, link: link
      ).outcome
    }
  }

  public func correctTrip(id: Int64, with corrected: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp)
    async throws(ZhaoshangError) -> WriteOutcome<Trip>
  {
    try Ledger.requireReach(stamp.actor, units: Set(corrected.map(\.value.unit)))
    try Ledger.requireWriter(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      let outcome = try await Self.writeTrips(
        corrected, carrying: [], rules: rules, today: today, stamp: stamp, amendment: nil, link: link
      ).outcome
      _ = try await Self.reviewable(id: id, expecting: [.returned], actor: stamp.actor, link: link)
      let ids = outcome.added.compactMap(\.id)
      guard !ids.isEmpty else { throw ReviewRule.unchangedCorrection(id) }
      let trip = try await Self.visibleTrip(id: id, actor: stamp.actor, link: link)
      try await Self.appendSteps(
        [trip], status: .withdrawn, reason: ReviewRule.correctedReason(ids),
        action: .tripWithdrawn, stamp: stamp, link: link)
      return outcome
    }
  }

  /// Validates every entry, skips repeats and notes overlaps (`TripJudge`), then writes the new trips, the
  /// closed-month guard's amendments and the events, as SQLite's `writeTrips` does. As there, the outcome names the
  /// first ten entries already recorded; `alreadyPresent` counts them all.
  static func writeTrips(
    _ entries: [Located<Trip>], carrying earlier: [Problem], rules: RuleBook, today: CivilDate, stamp: Stamp,
    amendment: Amendment?, link: PostgresLink
  ) async throws(ZhaoshangError) -> (outcome: WriteOutcome<Trip>, alreadyPresent: Int) {
    var judge = try await TripJudge(rules: rules, today: today, carrying: earlier, link: link)
    var toWrite: [Trip] = []
    for entry in entries {
      if let trip = try await judge.admit(entry, link: link) { toWrite.append(trip) }
    }
    guard judge.problems.isEmpty else { throw ZhaoshangError.invalidInput(judge.problems.listed) }
    var tally = TripTally()
    var headIDs: [HeadKey: Int64] = [:]
    for trip in toWrite {
      let key = tally.count(trip)
      if headIDs[key] == nil { headIDs[key] = try await headID(unit: trip.unit, name: trip.name, link: link) }
    }
    var outcome = WriteOutcome<Trip>()
    outcome.added = try await insert(toWrite, headIDs: headIDs, stamp: stamp, link: link)
    var tallies = MonthTallies()
    for trip in outcome.added {
      tallyNewTrip(
        trip, headID: headIDs[HeadKey(unit: trip.unit, name: trip.name)] ?? 0, submitted: stamp.actor.role == .unit,
        into: &tallies)
    }
    try await mergeTallies(tallies, link: link)
    if let low = outcome.added.compactMap(\.id).min(), let high = outcome.added.compactMap(\.id).max() {
      tally.ids = low...high
    }
    try await finishWriting(tally, amendment: amendment, stamp: stamp, file: nil, link: link)
    if stamp.actor.role == .unit {
      for index in outcome.added.indices { outcome.added[index].review = .submitted }
    }
    outcome.alreadyPresent = judge.alreadyPresent
    outcome.warnings = judge.warnings.listed
    return (outcome, judge.alreadyPresentCount)
  }

  /// What a write of trips wrote, for the steps after: the heads, the months touched and the ids taken.
  struct TripTally {
    var heads: Set<HeadKey> = []
    var months: Set<Month> = []
    var ids: ClosedRange<Int64>?

    /// Counts a trip about to be written, returning its head.
    @discardableResult
    mutating func count(_ trip: Trip) -> HeadKey {
      let key = HeadKey(unit: trip.unit, name: trip.name)
      heads.insert(key)
      var month = Month(containing: trip.start)
      while month <= Month(containing: trip.end) {
        months.insert(month)
        month = month.next
      }
      return key
    }

    /// Takes in ids written after those counted so far.
    mutating func took(_ written: ClosedRange<Int64>) {
      ids = ids.map { min($0.lowerBound, written.lowerBound)...max($0.upperBound, written.upperBound) } ?? written
    }
  }

  /// Once the trips are written: the actor's reach over their units, the closed-month guard, the event, and a
  /// unit's trips submitted for the office's review (the office's own count at once).
  static func finishWriting(
    _ tally: TripTally, amendment: Amendment?, stamp: Stamp, file: FileSource?, link: PostgresLink
  ) async throws(ZhaoshangError) {
    try Ledger.requireReach(stamp.actor, units: Set(tally.heads.map(\.unit)))
    let touched = tally.months
    try await admit(amendment: amendment, stamp: stamp, link: link) { touched.contains($0) }
    let ids = tally.ids.map { [$0.lowerBound, $0.upperBound] } ?? []
    try await recordCreated(
      .tripsAdded, table: .trip, ids: ids,
      subject: AuditTrail.Subject(
        heads: Array(tally.heads), tripID: tally.ids.flatMap { $0.count == 1 ? $0.lowerBound : nil },
        months: touched.min().flatMap { low in touched.max().map { low...$0 } }),
      stamp: stamp, file: file, link: link)
    if stamp.actor.role == .unit, let ids = tally.ids {
      try await submitForReview(ids, stamp: stamp, link: link)
    }
  }

  /// The trip as written: its id, the stamp, and a void's stamp.
  static func stamped(_ trip: Trip, id: Int64?, stamp: Stamp) -> Trip {
    var stamped = trip
    stamped.id = id
    stamped.recordedBy = stamp.by
    stamped.recordedAt = stamp.at
    if let voiding = trip.voiding { stamped.voiding = Voiding(reason: voiding.reason, by: stamp.by, at: stamp.at) }
    return stamped
  }

  /// The next `count` ids of the trip table's sequence, in order: consecutive, since every writer holds the lock.
  static func drawTripIDs(_ count: Int, link: PostgresLink) async throws(ZhaoshangError) -> [Int64] {
    try await link.rows(
      "SELECT nextval(pg_get_serial_sequence('trip', 'id')) FROM generate_series(1, \(count))"
    ).compactMap { $0[0].flatMap { Int64($0) } }
  }

  /// Inserts the trips, stamped, and returns them as written, with their ids: in batches of one statement each,
  /// the ids drawn from the table's sequence first, so each batch is one round trip whatever its size. A trip
  /// that arrives with an id keeps it.
  static func insert(_ trips: [Trip], headIDs: [HeadKey: Int64], stamp: Stamp, link: PostgresLink)
    async throws(ZhaoshangError) -> [Trip]
  {
    var drawn = try await drawTripIDs(trips.filter { $0.id == nil }.count, link: link).makeIterator()
    var written: [Trip] = []
    written.reserveCapacity(trips.count)
    for trip in trips { written.append(stamped(trip, id: trip.id ?? drawn.next(), stamp: stamp)) }
    for start in stride(from: 0, to: written.count, by: 5_000) {
      let batch = written[start..<min(start + 5_000, written.count)]
      // Arrays hold no NULLs here: an empty void reason (which the schema refuses) stands for none.
      let companies = batch.map { trip -> String in
        var bytes: [UInt8] = []
        CompanyJSON.encode(trip.companies, appendingTo: &bytes)
        return String(decoding: bytes, as: UTF8.self)
      }
      try await link.execute(
        """
        INSERT INTO trip (id, head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination,
          purpose, companies, recorded_by, recorded_at, void_reason, voided_by, voided_at)
        SELECT id, head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination, purpose,
          companies, recorded_by, recorded_at, nullif(void_reason, ''), nullif(voided_by, ''), nullif(voided_at, '')
        FROM unnest(\(batch.map { $0.id ?? 0 })::bigint[],
          \(batch.map { headIDs[HeadKey(unit: $0.unit, name: $0.name)] ?? 0 })::bigint[],
          \(batch.map(\.start.iso))::date[], \(batch.map(\.startsAfternoon))::boolean[], \(batch.map(\.end.iso))::date[],
          \(batch.map(\.endsMorning))::boolean[], \(batch.map(\.kind))::text[], \(batch.map(\.destination))::text[],
          \(batch.map(\.purpose))::text[], \(companies)::jsonb[], \(batch.map(\.recordedBy))::text[],
          \(batch.map(\.recordedAt))::text[], \(batch.map { $0.voiding?.reason ?? "" })::text[],
          \(batch.map { $0.voiding?.by ?? "" })::text[], \(batch.map { $0.voiding?.at ?? "" })::text[])
          AS row(id, head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination, purpose,
            companies, recorded_by, recorded_at, void_reason, voided_by, voided_at)
        """)
    }
    return written
  }

  /// The head's recorded trips, by start date and id, less those their unit withdrew: what a new trip is judged
  /// against.
  static func recordedTrips(of head: HeadKey, link: PostgresLink) async throws(ZhaoshangError)
    -> [TripAdmission.Known]
  {
    try await link.rows(
      """
      SELECT \(unescaped: tripColumns)
      WHERE head.unit = \(head.unit) AND head.name = \(head.name)
        AND NOT EXISTS (SELECT 1 FROM trip_review WHERE trip_id = trip.id AND status = 'withdrawn')
      ORDER BY trip.start_date, trip.id
      """
    ).map { row throws(ZhaoshangError) in
      let trip = try trip(from: row)
      return TripAdmission.Known(id: trip.id, trip: trip)
    }
  }

  /// Every head's leave, by start date and id.
  static func leavesByHead(link: PostgresLink) async throws(ZhaoshangError) -> [HeadKey: [Leave]] {
    Dictionary(grouping: try await leaves(in: nil, unit: nil, name: nil, link: link)) {
      HeadKey(unit: $0.unit, name: $0.name)
    }
  }

  public func voidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?) async throws(ZhaoshangError)
    -> Trip
  {
    try Ledger.requireOffice(stamp.actor)
    let reason = try ReviewRule.voidReason(reason)
    return try await write { link throws(ZhaoshangError) in
      guard let trip = try await Self.trips(ids: [id], link: link).first else {
        throw ZhaoshangError.refused(Problem.noSuchTrip(id, code: .refused))
      }
      if let earlier = trip.voiding { throw ReviewRule.alreadyVoided(id, earlier, clock: stamp.clock) }
      try await Self.admit(amendment: amendment, stamp: stamp, link: link) { trip.touches($0) }
      try await link.execute(
        "UPDATE trip SET void_reason = \(reason), voided_by = \(stamp.by), voided_at = \(stamp.at) WHERE id = \(id)")
      try await Self.recountTallies(touching: [id], link: link)
      var voided = trip
      voided.voiding = Voiding(reason: reason, by: stamp.by, at: stamp.at)
      try await Self.append(
        .tripVoided,
        payload: EventPayload(
          table: AuditedTable.trip.name, id: id, before: ["void_reason": "", "voided_by": "", "voided_at": ""],
          after: ["void_reason": reason, "voided_by": stamp.by, "voided_at": stamp.at], reason: reason),
        subject: AuditTrail.Subject(
          heads: [HeadKey(unit: trip.unit, name: trip.name)], tripID: id,
          months: Month(containing: trip.start)...Month(containing: trip.end)),
        stamp: stamp, link: link)
      return voided
    }
  }

  // MARK: Month reports

  public func reportMonth(
    unit: String, month: Month, nothingToReport: Bool, rules: RuleBook, today: CivilDate, stamp: Stamp,
    amendment: Amendment?
  ) async throws(ZhaoshangError) -> MonthReport {
    let (unit, ruleSet) = try MonthReportRule.admit(
      unit: unit, month: month, rules: rules, today: today, actor: stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      if let earlier = try await Self.monthReports(month: month, unit: unit, link: link).first {
        throw MonthReportRule.alreadyReported(earlier)
      }
      if nothingToReport,
        let refusal = MonthReportRule.refusingNone(
          unit: unit, month: month, trips: try await Self.trips(in: month, unit: unit, name: nil, link: link),
          rules: ruleSet)
      {
        throw refusal
      }
      try await Self.admit(amendment: amendment, stamp: stamp, link: link) { $0 == month }
      let id = try await link.int64(
        """
        INSERT INTO month_report (unit, month, nothing_to_report, recorded_by, recorded_at)
        VALUES (\(unit), \(month.iso), \(nothingToReport), \(stamp.by), \(stamp.at)) RETURNING id
        """)
      try await Self.recordCreated(
        .monthReported, table: .monthReport, ids: id.map { [$0] } ?? [],
        subject: AuditTrail.Subject(unit: unit, months: month...month), stamp: stamp,
        summary: "\(unit) \(month.iso)\(nothingToReport ? " none" : "")", link: link)
      return MonthReport(
        id: id, unit: unit, month: month, nothingToReport: nothingToReport, recordedBy: stamp.by,
        recordedAt: stamp.at)
    }
  }
}
