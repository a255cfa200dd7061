import Foundation
import GRDB

extension Ledger {
  // MARK: Explanations

  /// Records that a short unit's explanation arrived. Refused for a unit that was not short that month (by the
  /// month's result in force), for a month not yet over and not closed, and for a unit already explained.
  ///
  /// - Parameter stored: an uploaded document's bytes, kept in the ledger in the same transaction; the
  ///   explanation's `document` must name them (`ExplanationDocument(data:name:)`).
  @discardableResult
  public func recordExplanation(
    _ explanation: Explanation, rules: RuleBook, today: CivilDate, stamp: Stamp, storing stored: StoredDocument? = nil
  ) throws(ZhaoshangError) -> Explanation {
    let month = explanation.month
    let unit = try ExplanationRule.admit(explanation, storing: stored, today: today, actor: stamp.actor)
    let storedDocument = stored
    return try write { db in
      var months = try MonthResults(db: db, rules: rules)
      let report: CheckReport
      if let closed = try months.closed(month) {
        report = closed.report
      } else {
        try ExplanationRule.requireEnded(month, today: today)
        report = try months.current(month)
      }
      try ExplanationRule.requireShort(unit, in: report)
      if let earlier = try ExplanationRecord.filter(
        ExplanationRecord.Columns.unit == unit && ExplanationRecord.Columns.month == month.iso
      ).fetchOne(db) {
        throw ExplanationRule.alreadyRecorded(try earlier.explanation(), clock: stamp.clock)
      }
      var stored = ExplanationRule.filed(explanation, unit: unit, stamp: stamp)
      var record = ExplanationRecord(stored)
      try record.insert(db)
      stored.id = record.id
      if let document = storedDocument, try DocumentRecord.fetchOne(db, key: document.sha256) == nil {
        try DocumentRecord(
          sha256: document.sha256, mediaType: document.type.mediaType, size: document.data.count,
          bytes: document.data, storedBy: stamp.by, storedAt: stamp.at
        ).insert(db)
      }
      try AuditTrail.recordCreated(
        .explanationAdded, table: .explanation, range: record.id.map { $0...$0 },
        subject: AuditTrail.Subject(unit: unit, months: month...month), stamp: stamp,
        summary: "\(unit) \(month.iso) \(stored.received.iso)", db: db)
      return stored
    }
  }

  /// Recorded explanations, optionally of one month and of one unit, in the order they were recorded.
  public func explanations(month: Month? = nil, unit: String? = nil) throws(ZhaoshangError) -> [Explanation] {
    try read { db in
      var request = ExplanationRecord.all()
      if let month { request = request.filter(ExplanationRecord.Columns.month == month.iso) }
      if let unit { request = request.filter(ExplanationRecord.Columns.unit == unit) }
      return try request.order(Column("id")).fetchAll(db).map { try $0.explanation() }
    }
  }

  /// The month's short units and where their explanations stand as of `asOf`, with the month's standing.
  ///
  /// A month still open is read as of `asOf` (`CheckReport.marking`): a short unit that has not reported owes
  /// nothing yet, until the due day passes.
  ///
  /// - Parameter current: judge shortfalls by today's computation even when the month is closed.
  public func owing(month: Month, rules: RuleBook, asOf: CivilDate, current: Bool = false) throws(ZhaoshangError)
    -> (standing: MonthStanding, owed: [OwedExplanation])
  {
    let standing = try standing(month: month, rules: rules, today: asOf)
    let report = try standing.report(current: current)
    let owed = OwedExplanation.list(report: report, explanations: try explanations(month: month), asOf: asOf)
    return (standing, owed)
  }

  /// Every shortfall still unexplained, of every month of the ledger (`MonthResults.isMember`: closed, or over
  /// and reported or with a trip starting in it), judged by each month's result in force. A unit that has not
  /// reported a month is left out until the due day passes, as every report marks it 未报送 until then.
  ///
  /// - Parameter markingUnreported: false lists a short unit that has not reported as well: a unit's own page
  ///   lets it file an explanation before it has reported.
  public func openExplanations(
    rules: RuleBook, today: CivilDate, asOf: CivilDate, markingUnreported: Bool = true
  ) throws(ZhaoshangError) -> [OwedExplanation] {
    try read { db in
      var months = try MonthResults(db: db, rules: rules, today: today)
      guard var cursor = try months.firstMonth() else { return [] }
      let last = max(Month(containing: today), months.closes.keys.max() ?? cursor)
      let explanations = try ExplanationRecord.fetchAll(db).map { try $0.explanation() }
      let reports = Dictionary(grouping: try Self.monthReports(month: nil, db: db), by: \.month)
      var owed: [OwedExplanation] = []
      while cursor <= last {
        if let report = try months.inForce(cursor) {
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
}

extension Ledger {
  // MARK: Documents

  /// An explanation by its id, if the actor may see it: a unit's account sees its own unit's only, and is told
  /// "not found" for any other, so guessing ids reveals nothing.
  public func explanation(id: Int64, as actor: ActingUser) throws(ZhaoshangError) -> Explanation {
    let found = try read { db in try ExplanationRecord.fetchOne(db, key: id).map { try $0.explanation() } }
    guard let found, actor.reaches(unit: found.unit) else {
      throw .notFound(Localized("没有编号为 \(id) 的情况说明", "there is no explanation \(id)"))
    }
    return found
  }

  /// The stored bytes of an uploaded document, by SHA-256; nil when the ledger holds none under it.
  public func document(sha256: String) throws(ZhaoshangError) -> StoredDocument? {
    try read { db in
      guard let record = try DocumentRecord.fetchOne(db, key: sha256) else { return nil }
      guard let type = DocumentType(mediaType: record.mediaType) else { return nil }
      return StoredDocument(sha256: record.sha256, type: type, data: record.bytes)
    }
  }
}
