import PostgresNIO
import ZhaoshangKit

/// Leave written to PostgreSQL: one transaction under the writers' lock, decided by `LeaveAdmission` and audited
/// as SQLite's `Ledger.addLeave` audits it.
extension PostgresStore {
  public func addLeave(
    _ entries: [Located<Leave>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem], dryRun: Bool,
    amendment: Amendment?, source: FileSource?
  ) async throws(ZhaoshangError) -> WriteOutcome<Leave> {
    try await write(dryRun: dryRun) { link throws(ZhaoshangError) in
      let (fresh, alreadyPresent) = try LeaveAdmission.admit(
        entries, existing: try await Self.leaves(in: nil, unit: nil, name: nil, link: link),
        posts: try await Self.posts(unit: nil, link: link), rules: rules, carrying: earlier)
      var outcome = WriteOutcome<Leave>()
      outcome.alreadyPresent = alreadyPresent
      outcome.warnings = LeaveAdmission.tripsUnder(fresh, trips: try await Self.tripsUnder(fresh, link: link))
      let leaves = fresh.map(\.value)
      try await Self.admit(amendment: amendment, stamp: stamp, link: link) { month in
        leaves.contains { $0.touches(month) }
      }
      for leave in leaves {
        let head = try await Self.headID(unit: leave.unit, name: leave.name, link: link)
        var added = leave
        added.id = try await link.int64(
          """
          INSERT INTO leave (head_id, from_date, to_date, reason, recorded_by, recorded_at)
          VALUES (\(head), \(leave.from.iso)::date, \(leave.to.iso)::date, \(leave.reason), \(stamp.by), \(stamp.at))
          RETURNING id
          """)
        outcome.added.append(added)
      }
      let event = LeaveAdmission.event(of: outcome.added)
      try await Self.recordCreated(
        .leaveAdded, table: .leave, ids: outcome.added.compactMap(\.id), subject: event.subject, stamp: stamp,
        file: source, summary: event.summary, link: link)
      return outcome
    }
  }

  /// The trips not void over the days the batch spans, by start date and id, for `LeaveAdmission.tripsUnder`.
  static func tripsUnder(_ entries: [Located<Leave>], link: PostgresLink) async throws(ZhaoshangError)
    -> [LeaveAdmission.RecordedTrip]
  {
    guard let span = LeaveAdmission.span(of: entries) else { return [] }
    return try await link.rows(
      """
      SELECT trip.id, head.unit, head.name, trip.start_date, trip.end_date, trip.destination
      FROM trip JOIN head ON head.id = trip.head_id
      WHERE trip.void_reason IS NULL AND trip.end_date >= \(span.first.iso)::date
        AND trip.start_date <= \(span.last.iso)::date
      ORDER BY trip.start_date, trip.id
      """
    ).map { row in
      LeaveAdmission.RecordedTrip(
        id: row[0].flatMap { Int64($0) } ?? 0, unit: row[1] ?? "", name: row[2] ?? "", start: row[3] ?? "",
        end: row[4] ?? "", destination: row[5] ?? "")
    }
  }
}
