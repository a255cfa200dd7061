import Foundation
import NIOCore
import PostgresNIO
import ZhaoshangKit

/// Explanations from short units, their documents, what is owed, a month's completeness and its bulletin, on
/// PostgreSQL: decided by the core (`ExplanationRule`, `OwedExplanation`, `MonthCompleteness`, `Bulletin`) over
/// rows read here, as SQLite's `Ledger+Explanations` decides them over its own.
extension PostgresStore {
  public func recordExplanation(
    _ explanation: Explanation, rules: RuleBook, today: CivilDate, stamp: Stamp, storing stored: StoredDocument?
  ) async throws(ZhaoshangError) -> Explanation {
    let month = explanation.month
    let unit = try ExplanationRule.admit(explanation, storing: stored, today: today, actor: stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, link: link)
      let report: CheckReport
      if let closed = try await months.closed(month) {
        report = closed.report
      } else {
        try ExplanationRule.requireEnded(month, today: today)
        report = try await months.current(month)
      }
      try ExplanationRule.requireShort(unit, in: report)
      if let earlier = try await Self.explanations(month: month, unit: unit, id: nil, link: link).first {
        throw ExplanationRule.alreadyRecorded(earlier, clock: stamp.clock)
      }
      var filed = ExplanationRule.filed(explanation, unit: unit, stamp: stamp)
      filed.id = try await link.int64(
        """
        INSERT INTO explanation (unit, month, received_date, note, document_path, document_sha256, recorded_by,
          recorded_at)
        VALUES (\(unit), \(month.iso), \(filed.received.iso)::date, \(filed.note), \(filed.document?.path),
          \(filed.document?.sha256), \(stamp.by), \(stamp.at))
        RETURNING id
        """)
      if let stored {
        try await link.execute(
          """
          INSERT INTO document (sha256, media_type, size, bytes, stored_by, stored_at)
          VALUES (\(stored.sha256), \(stored.type.mediaType), \(Int64(stored.data.count)),
            \(ByteBuffer(bytes: stored.data)), \(stamp.by), \(stamp.at))
          ON CONFLICT (sha256) DO NOTHING
          """)
      }
      try await Self.recordCreated(
        .explanationAdded, table: .explanation, ids: filed.id.map { [$0] } ?? [],
        subject: AuditTrail.Subject(unit: unit, months: month...month), stamp: stamp,
        summary: "\(unit) \(month.iso) \(filed.received.iso)", link: link)
      return filed
    }
  }

  public func explanations(month: Month?, unit: String?) async throws(ZhaoshangError) -> [Explanation] {
    try await read { link throws(ZhaoshangError) in
      try await Self.explanations(month: month, unit: unit, id: nil, link: link)
    }
  }

  /// Explanations of a month, of a unit, or the one with `id`, in the order they were recorded.
  static func explanations(month: Month?, unit: String?, id: Int64?, link: PostgresLink)
    async throws(ZhaoshangError) -> [Explanation]
  {
    let rows = try await link.rows(
      """
      SELECT id, unit, month, received_date, note, document_path, document_sha256, recorded_by, recorded_at
      FROM explanation
      WHERE (\(month?.iso)::text IS NULL OR month = \(month?.iso)) AND (\(unit)::text IS NULL OR unit = \(unit))
        AND (\(id)::bigint IS NULL OR id = \(id))
      ORDER BY id
      """)
    var explanations: [Explanation] = []
    for row in rows {
      guard let month = row[2].flatMap(Month.init(parsing:)), let received = row[3].flatMap(CivilDate.init(iso:))
      else {
        throw ZhaoshangError.storage(
          Localized("情况说明记录 \(row[0] ?? "") 的日期已损坏", "explanation \(row[0] ?? "") holds a damaged date"))
      }
      let document = row[5].flatMap { path in row[6].map { ExplanationDocument(path: path, sha256: $0) } }
      explanations.append(
        Explanation(
          id: row[0].flatMap { Int64($0) }, unit: row[1] ?? "", month: month, received: received, note: row[4] ?? "",
          document: document, recordedBy: row[7] ?? "", recordedAt: row[8] ?? ""))
    }
    return explanations
  }

  public func explanation(id: Int64, as actor: ActingUser) async throws(ZhaoshangError) -> Explanation {
    let found = try await read { link throws(ZhaoshangError) in
      try await Self.explanations(month: nil, unit: nil, id: id, link: link).first
    }
    guard let found, actor.reaches(unit: found.unit) else {
      throw .notFound(Localized("没有编号为 \(id) 的情况说明", "there is no explanation \(id)"))
    }
    return found
  }

  public func document(sha256: String) async throws(ZhaoshangError) -> StoredDocument? {
    try await read { link throws(ZhaoshangError) in
      guard
        let row = try await link.rows("SELECT media_type, bytes FROM document WHERE sha256 = \(sha256)").first,
        let type = row[0].flatMap(DocumentType.init(mediaType:)),
        let data = row[1].flatMap({ Data(base64Encoded: $0) })
      else { return nil }
      return StoredDocument(data: data).flatMap { $0.type == type && $0.sha256 == sha256 ? $0 : nil }
    }
  }

  public func owing(month: Month, rules: RuleBook, asOf: CivilDate) async throws(ZhaoshangError)
    -> (standing: MonthStanding, owed: [OwedExplanation])
  {
    try await read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, link: link)
      let standing = try await months.standing(month, asOf: asOf)
      let report = try standing.report()
      let explanations = try await Self.explanations(month: month, unit: nil, id: nil, link: link)
      return (standing, OwedExplanation.list(report: report, explanations: explanations, asOf: asOf))
    }
  }

  public func openExplanations(rules: RuleBook, today: CivilDate, asOf: CivilDate, markingUnreported: Bool)
    async throws(ZhaoshangError) -> [OwedExplanation]
  {
    try await read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, today: today, link: link)
      guard var cursor = try await months.firstMonth() else { return [] }
      let last = max(Month(containing: today), months.closes.keys.max() ?? cursor)
      let explanations = try await Self.explanations(month: nil, unit: nil, id: nil, link: link)
      let reports = Dictionary(
        grouping: try await Self.monthReports(month: nil, unit: nil, link: link), by: \.month)
      var owed: [OwedExplanation] = []
      while cursor <= last {
        if let report = try await months.inForce(cursor) {
          owed += OwedExplanation.stillOpen(
            report: report, closed: months.closes[cursor] != nil, reports: reports[cursor] ?? [],
            explanations: explanations, today: today, asOf: asOf, markingUnreported: markingUnreported)
        }
        guard cursor.next > cursor else { break }
        cursor = cursor.next
      }
      return owed
    }
  }

  public func completeness(month: Month, rules: RuleBook, today: CivilDate) async throws(ZhaoshangError)
    -> MonthCompleteness
  {
    try await read { link throws(ZhaoshangError) in
      try await Self.completeness(month: month, rules: rules, today: today, link: link)
    }
  }

  /// Which units have reported the month as of `today`, and whether any trip that is not void touches it.
  static func completeness(month: Month, rules: RuleBook, today: CivilDate, link: PostgresLink)
    async throws(ZhaoshangError) -> MonthCompleteness
  {
    let due = (try? rules.ruleSet(for: month))?.explanationDue(for: month) ?? month.next.firstDay
    // As SQLite's `Ledger.anyTrip`: a probe of the trips index from the earliest start a short trip could reach
    // the month from, and one of the long trips' partial index, not a scan of every earlier trip.
    let earliest = month.firstDay.adding(days: -CheckQuery.longTripDays).iso
    let hasTrips = try await link.value(
      """
      SELECT EXISTS (SELECT 1 FROM trip WHERE start_date BETWEEN \(earliest)::date AND \(month.lastDay.iso)::date
          AND end_date >= \(month.firstDay.iso)::date AND void_reason IS NULL)
        OR EXISTS (SELECT 1 FROM trip WHERE end_date - start_date > \(unescaped: String(CheckQuery.longTripDays))
          AND start_date < \(earliest)::date AND end_date >= \(month.firstDay.iso)::date AND void_reason IS NULL)
      """)
    return MonthCompleteness(
      month: month, asOf: today, reportsDue: due,
      reports: try await monthReports(month: month, unit: nil, link: link), hasTrips: hasTrips == "1")
  }
}
