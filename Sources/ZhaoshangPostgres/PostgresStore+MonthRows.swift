import PostgresNIO
import ZhaoshangKit

/// The rows `PostgresMonths` reads for a bulletin and its months, each in one query: the decisions over them are the
/// core's (`MonthsPlan`, `MonthSpanBuckets`, `MonthSpanCheck`, `ShortRunsWalk`), as they are SQLite's.
extension PostgresStore {
  /// The roster in the order it was written, each post with its head's id (`headIDs[i]` the head of `posts[i]`).
  static func postsWithHeadIDs(link: PostgresLink) async throws(ZhaoshangError) -> (posts: [Post], headIDs: [Int64]) {
    let rows = try await link.rows(
      "SELECT \(unescaped: postColumns), head.id FROM post JOIN head ON head.id = post.head_id ORDER BY post.id")
    var posts: [Post] = []
    var headIDs: [Int64] = []
    posts.reserveCapacity(rows.count)
    headIDs.reserveCapacity(rows.count)
    for row in rows {
      guard let headID = row[6].flatMap({ Int64($0) }) else { continue }
      posts.append(
        Post(
          id: row[0].flatMap { Int64($0) }, unit: row[1] ?? "", name: row[2] ?? "", role: row[3] ?? "",
          from: row[4].flatMap(CivilDate.init(iso:)), to: row[5].flatMap(CivilDate.init(iso:))))
      headIDs.append(headID)
    }
    return (posts, headIDs)
  }

  /// The closes in force, without their frozen results, which are read when a month's is first needed.
  static func closesInForce(link: PostgresLink) async throws(ZhaoshangError) -> [ClosedMonthRule.Close] {
    try await link.rows(
      "SELECT id, month, closed_by, closed_at FROM closed_month WHERE reopened_at IS NULL ORDER BY month, id"
    ).compactMap { row in
      guard let id = row[0].flatMap({ Int64($0) }), let month = row[1].flatMap(Month.init(parsing:)) else {
        return nil
      }
      return ClosedMonthRule.Close(id: id, month: month, closedBy: row[2] ?? "", closedAt: row[3] ?? "")
    }
  }

  /// What the bulletin frozen by the close numbered `id` carries forward, read alone: PostgreSQL picks the two
  /// fields out of the frozen JSON, so the ranked table never crosses the wire.
  static func carriedForward(id: Int64, month: Month, link: PostgresLink) async throws(ZhaoshangError)
    -> CarriedForward
  {
    let json = try await link.value(
      """
      SELECT jsonb_build_object('year_to_date', bulletin_json->'year_to_date', 'short_units',
        bulletin_json->'short_units')::text
      FROM closed_month WHERE id = \(id)
      """)
    guard let json, let carried = try? FrozenJSON.decode(CarriedForward.self, from: json) else {
      throw ZhaoshangError.storage(
        Localized(
          "封存记录 \(id)（\(month.iso)）已损坏，无法读取封存的结果",
          "closed month \(id) (\(month.iso)) is damaged; its frozen result cannot be read"))
    }
    return carried
  }

  /// Every trip whose latest review step is not `approved`, with that step, read once.
  static func unapproved(link: PostgresLink) async throws(ZhaoshangError) -> [Int64: ReviewStatus] {
    var statuses: [Int64: ReviewStatus] = [:]
    for row in try await link.rows(
      """
      SELECT trip_id, status FROM (
        SELECT DISTINCT ON (trip_id) trip_id, status FROM trip_review ORDER BY trip_id, id DESC) AS latest
      WHERE status <> 'approved'
      """)
    {
      if let id = row[0].flatMap({ Int64($0) }), let status = row[1].flatMap(ReviewStatus.init(rawValue:)) {
        statuses[id] = status
      }
    }
    return statuses
  }

  /// Approved leave touching the days from `first` through `last`, of the given heads or of all.
  static func leaves(from first: CivilDate, through last: CivilDate, heads: [Int64]?, link: PostgresLink)
    async throws(ZhaoshangError) -> [Leave]
  {
    let rows = try await link.rows(
      """
      SELECT leave.id, head.unit, head.name, leave.from_date, leave.to_date, leave.reason
      FROM leave JOIN head ON head.id = leave.head_id
      WHERE leave.from_date <= \(last.iso)::date AND leave.to_date >= \(first.iso)::date
        AND (\(heads)::bigint[] IS NULL OR leave.head_id = ANY(\(heads)::bigint[]))
      ORDER BY leave.from_date, leave.id
      """)
    return try rows.map(leave(from:))
  }

  /// Deals the counted, non-void trips of `kinds` touching `buckets`' months (of the given heads, or of all) into
  /// them, in two queries whatever the span: the long trips starting before the short ones could reach it
  /// (`trip_long_by_start`), then every trip starting within reach, in order of departure (`trip_by_dates`), as
  /// `MonthSpanBuckets` needs them. Each row is the head's id, the trip's half-days as numbers and its id.
  static func deal(
    into buckets: inout MonthSpanBuckets, kinds: Set<String>, heads: [Int64]?, unapproved: [Int64: ReviewStatus],
    link: PostgresLink, handOver: (Month, MonthSpanBuckets.MonthHalves) -> Void
  ) async throws(ZhaoshangError) {
    guard let first = buckets.months.first?.firstDay, let last = buckets.months.last?.lastDay,
      let earliest = buckets.earliestShortStart
    else { return }
    let kinds = kinds.sorted()
    // Half-days as `Trip.halves` counts them: days since 1970-01-01 (`CivilDate.ordinal`) doubled, plus one for
    // an afternoon.
    // The trip's id only when some review status must be looked up by it: without, trip_by_dates covers the
    // query, and once the table is vacuumed PostgreSQL reads the index alone (a third of the time at 1,000,000).
    let columns = """
      SELECT head_id, (start_date - DATE '1970-01-01') * 2 + starts_afternoon::int,
        (end_date - DATE '1970-01-01') * 2 + 1 - ends_morning::int, \(unapproved.isEmpty ? "0::bigint" : "id") FROM trip
      """
    let queries: [PostgresQuery] = [
      """
      \(unescaped: columns) WHERE end_date - start_date > \(unescaped: String(CheckQuery.longTripDays))
        AND start_date < \(earliest.iso)::date AND end_date >= \(first.iso)::date AND kind = ANY(\(kinds))
        AND void_reason IS NULL AND (\(heads)::bigint[] IS NULL OR head_id = ANY(\(heads)::bigint[]))
      """,
      """
      \(unescaped: columns) WHERE start_date BETWEEN \(earliest.iso)::date AND \(last.iso)::date
        AND end_date >= \(first.iso)::date AND kind = ANY(\(kinds)) AND void_reason IS NULL
        AND (\(heads)::bigint[] IS NULL OR head_id = ANY(\(heads)::bigint[]))
      ORDER BY start_date
      """,
    ]
    for query in queries {
      try await link.forEach(query) { row in
        let (head, lower, upper, id) = try row.decode((Int64, Int, Int, Int64).self)
        // A trip covering nothing, which a CHECK keeps out of the ledger, would count nothing anyway.
        guard lower <= upper else { return }
        buckets.add(
          head: head, lower: lower, upper: upper, status: unapproved.isEmpty ? nil : unapproved[id],
          handOver: handOver)
      }
    }
    buckets.finish(handOver: handOver)
  }

  /// Hands each of `months` over as the halves its kept tallies of `kinds` make (of the given heads, or of all),
  /// oldest first, a month without tallies empty: what `deal` hands over for the same months from their trips,
  /// read from one query of small rows (`trip_month_tally`) instead of every trip of the span.
  static func dealTallies(
    months: [Month], kinds: Set<String>, heads: [Int64]?, link: PostgresLink,
    handOver: (Month, MonthSpanBuckets.MonthHalves) -> Void
  ) async throws(ZhaoshangError) {
    let months = Set(months).sorted()
    guard !months.isEmpty else { return }
    var next = 0
    var halves = MonthSpanBuckets.MonthHalves()
    // The rows come a month at a time: its text is parsed once, not on every row.
    var current: (text: String, month: Month, firstDay: Int)?
    if !kinds.isEmpty {
      try await link.forEach(
        """
        SELECT month, head_id, counted_halves, pending_halves, counted_trips_ending FROM trip_month_tally
        WHERE month = ANY(\(months.map(\.iso))) AND kind = ANY(\(kinds.sorted()))
          AND (\(heads)::bigint[] IS NULL OR head_id = ANY(\(heads)::bigint[]))
        ORDER BY month
        """
      ) { row in
        let (text, head, counted, pending, ending) = try row.decode((String, Int64, Int64, Int64, Int).self)
        if current?.text != text {
          guard let month = Month(parsing: text) else { return }
          current = (text, month, month.firstDay.ordinal)
        }
        guard let (_, month, firstDay) = current else { return }
        while next < months.count, months[next] < month {
          handOver(months[next], halves)
          halves = MonthSpanBuckets.MonthHalves()
          next += 1
        }
        halves.add(
          head: head,
          tally: MonthTally(
            counted: UInt64(bitPattern: counted), pending: UInt64(bitPattern: pending), ending: ending),
          firstDay: firstDay)
      }
    }
    while next < months.count {
      handOver(months[next], halves)
      halves = MonthSpanBuckets.MonthHalves()
      next += 1
    }
  }

  /// The month's counted trips of `kinds` as each head's id and destination, in `BulletinTrips.counted`'s order
  /// (departure, a morning before an afternoon, then the id), less those whose latest review step is not
  /// `approved`: what the bulletin's destinations are read from.
  static func destinationRows(
    month: Month, kinds: Set<String>, unapproved: [Int64: ReviewStatus], link: PostgresLink
  ) async throws(ZhaoshangError) -> [(head: Int64, destination: String)] {
    let first = month.firstDay.iso
    let earliest = month.firstDay.adding(days: -CheckQuery.longTripDays).iso
    let kinds = kinds.sorted()
    let columns = "SELECT head_id, destination, id, start_date, starts_afternoon FROM trip"
    var trips: [(head: Int64, destination: String)] = []
    try await link.forEach(
      """
      \(unescaped: columns) WHERE start_date BETWEEN \(earliest)::date AND \(month.lastDay.iso)::date
        AND end_date >= \(first)::date AND kind = ANY(\(kinds)) AND void_reason IS NULL
      UNION ALL
      \(unescaped: columns) WHERE end_date - start_date > \(unescaped: String(CheckQuery.longTripDays))
        AND start_date < \(earliest)::date AND end_date >= \(first)::date AND kind = ANY(\(kinds))
        AND void_reason IS NULL
      ORDER BY start_date, starts_afternoon, id
      """
    ) { row in
      let cells = row.makeRandomAccess()
      let id = try cells[2].decode(Int64.self)
      if !unapproved.isEmpty, unapproved[id] != nil { return }
      trips.append((try cells[0].decode(Int64.self), try cells[1].decode(String.self)))
    }
    return trips
  }
}
