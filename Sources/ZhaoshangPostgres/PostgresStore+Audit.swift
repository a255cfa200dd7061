import Foundation
import PostgresNIO
import ZhaoshangKit

/// The audit trail on PostgreSQL: the same events, payloads and hashes as SQLite's (`AuditTrail` makes them), over
/// the same canonical text of each row, appended by writers holding the store's advisory lock.
extension PostgresStore {
  // MARK: Appending

  /// Appends the next event, chained to the last one. Only ever called inside `write`, whose advisory lock makes
  /// the read of the last event and the insert of the next one a single step for every writer of the database.
  @discardableResult
  static func append(
    _ action: AuditAction, payload: EventPayload, subject: AuditTrail.Subject = AuditTrail.Subject(), stamp: Stamp,
    link: PostgresLink
  ) async throws(ZhaoshangError) -> EventRecord {
    let last = try await link.rows("SELECT id, hash FROM event ORDER BY id DESC LIMIT 1").first
    let previous = last.flatMap { row in row[0].flatMap { Int64($0) }.map { (id: $0, hash: row[1] ?? "") } }
    let event: EventRecord
    do {
      event = try AuditTrail.event(action, payload: payload, subject: subject, stamp: stamp, after: previous)
    } catch {
      throw ZhaoshangError.storage(
        Localized("无法写出审计记录，台账未作改动", "the audit event could not be written, and the ledger is unchanged"))
    }
    try await link.execute(
      """
      INSERT INTO event (id, at, by, command, action, unit, name, trip_id, first_month, last_month, payload,
        prev_hash, hash)
      VALUES (\(event.id), \(event.at), \(event.by), \(event.command), \(event.action), \(event.unit), \(event.name),
        \(event.tripId), \(event.firstMonth), \(event.lastMonth), \(event.payload)::json, \(event.prevHash),
        \(event.hash))
      """)
    return event
  }

  /// Records rows of `table` just created, with the ids `ids`, as one event whose digest vouches for all of them:
  /// read back as stored, as SQLite's `AuditTrail.recordCreated` does.
  @discardableResult
  static func recordCreated(
    _ action: AuditAction, table: AuditedTable, ids: [Int64], subject: AuditTrail.Subject, stamp: Stamp,
    file: FileSource? = nil, summary: String? = nil, link: PostgresLink
  ) async throws(ZhaoshangError) -> EventRecord? {
    guard let low = ids.min(), let high = ids.max() else { return nil }
    var payload = try await creationPayload(table, range: low...high, link: link)
    payload.file = file?.path
    payload.fileSHA256 = file?.sha256
    payload.summary = summary
    return try await append(action, payload: payload, subject: subject, stamp: stamp, link: link)
  }

  /// `AuditTrail.creationPayload` of the rows of `table` in `range`, read a page at a time (`CreationDigest`):
  /// an import of a million trips is digested in the memory of one page.
  static func creationPayload(_ table: AuditedTable, range: ClosedRange<Int64>, link: PostgresLink)
    async throws(ZhaoshangError) -> EventPayload
  {
    var digest = CreationDigest(over: range)
    var after = range.lowerBound - 1
    while after < range.upperBound {
      let page = try await auditRows(table, after: after, upTo: range.upperBound, limit: creationPageSize, link: link)
      for row in page {
        var canonical = row.canonical(initial: [:])
        canonical.withUTF8 { digest.add(id: row.id, canonical: UnsafeRawBufferPointer($0)) }
      }
      guard let last = page.last, page.count == creationPageSize else { break }
      after = last.id
    }
    return digest.payload(of: table)
  }

  /// Rows read at a time for a creation's digest.
  static let creationPageSize = 10_000

  // MARK: Reading rows as the audit sees them

  /// A table's audited columns: SQLite's select (`AuditedTable.select`), with JSON read as text.
  static func auditSelect(_ table: AuditedTable) -> (sql: String, columns: [String]) {
    var sql = table.select
    for column in jsonColumns {
      sql = sql.replacingOccurrences(of: "\(table.name).\(column),", with: "\(table.name).\(column)::text,")
    }
    let list = sql.components(separatedBy: "FROM").first ?? ""
    let columns = list.replacingOccurrences(of: "SELECT", with: "").split(separator: ",").map { item in
      let name = item.trimmingCharacters(in: .whitespacesAndNewlines)
      return String((name.components(separatedBy: ".").last ?? name).replacingOccurrences(of: "::text", with: ""))
    }
    return (sql, Array(columns.dropFirst()))
  }

  /// Columns PostgreSQL keeps as jsonb, whose text it rewrites in its own form.
  static let jsonColumns = ["companies", "check_json", "bulletin_json"]

  /// The rows of `table` with ids in `range`, in id order, each column as its value's canonical text
  /// (`CanonicalText`): what the audit fingerprints on either engine.
  static func auditRows(_ table: AuditedTable, in range: ClosedRange<Int64>, link: PostgresLink)
    async throws(ZhaoshangError) -> [AuditedTable.Row]
  {
    try await auditRows(table, after: range.lowerBound - 1, upTo: range.upperBound, limit: Int.max, link: link)
  }

  /// The rows of `table` with `after < id <= upTo`, in id order, at most `limit`: a page of `auditRows`.
  static func auditRows(_ table: AuditedTable, after: Int64, upTo: Int64, limit: Int, link: PostgresLink)
    async throws(ZhaoshangError) -> [AuditedTable.Row]
  {
    let (select, columns) = auditSelect(table)
    let name = table.name
    let rows = try await link.rows(
      """
      \(unescaped: select) WHERE \(unescaped: name).id > \(after) AND \(unescaped: name).id <= \(upTo)
      ORDER BY \(unescaped: name).id LIMIT \(Int64(min(limit, Int(Int64.max))))
      """)
    return rows.map { row in
      var texts = Array(row.dropFirst())
      // jsonb keeps JSON in a form of its own; the audit fingerprints it as zhaoshang writes it.
      for (index, column) in columns.enumerated() where jsonColumns.contains(column) {
        texts[index] = texts[index].map { CanonicalText.json(column: column, text: $0) }
      }
      return AuditedTable.Row(id: row[0].flatMap { Int64($0) } ?? 0, columns: columns, texts: texts)
    }
  }

  /// Every event, in order.
  static func events(link: PostgresLink) async throws(ZhaoshangError) -> [EventRecord] {
    try await link.rows(
      """
      SELECT id, at, by, command, action, unit, name, trip_id, first_month, last_month, payload::text, prev_hash, hash
      FROM event ORDER BY id
      """
    ).map { row in
      EventRecord(
        id: row[0].flatMap { Int64($0) } ?? 0, at: row[1] ?? "", by: row[2] ?? "", command: row[3] ?? "",
        action: row[4] ?? "", unit: row[5], name: row[6], tripId: row[7].flatMap { Int64($0) }, firstMonth: row[8],
        lastMonth: row[9], payload: row[10] ?? "", prevHash: row[11] ?? "", hash: row[12] ?? "")
    }
  }

  // MARK: Verifying and listing

  public func verify() async throws(ZhaoshangError) -> VerifyReport {
    try await verify(pageSize: 10_000)
  }

  /// `verify`, reading `pageSize` rows at a time.
  package func verify(pageSize: Int) async throws(ZhaoshangError) -> VerifyReport {
    try await read { link throws(ZhaoshangError) in try await Self.verify(link: link, pageSize: pageSize) }
  }

  /// `verify` on a connection already in a transaction: the store's own snapshot, or a copy's before it commits.
  static func verify(link: PostgresLink, pageSize: Int) async throws(ZhaoshangError) -> VerifyReport {
    let events = try await Self.events(link: link)
    do {
      var report = try await AuditVerifier.verify(
        events: events,
        rows: { table, after, upTo, limit in
          try await Self.auditRows(table, after: after, upTo: upTo, limit: limit, link: link)
        },
        ids: { table, after, limit in
          try await link.rows(
            "SELECT id FROM \(unescaped: table.name) WHERE id > \(after) ORDER BY id LIMIT \(Int64(limit))"
          ).compactMap { $0[0].flatMap { Int64($0) } }
        }, pageSize: pageSize)
      try await Self.checkDocuments(link: link, report: &report)
      report.disagreements += try await Self.tallyDisagreements(link: link)
      report.damage = try await PostgresSchemaAudit.problems(link: link)
      return report
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw PostgresFailure.translate(error, address: link.address)
    }
  }

  /// Each uploaded document's bytes against its SHA-256, and each explanation's uploaded document present.
  static func checkDocuments(link: PostgresLink, report: inout VerifyReport) async throws(ZhaoshangError) {
    var stored = Set<String>()
    for row in try await link.rows("SELECT sha256, bytes, size FROM document ORDER BY sha256") {
      let sha256 = row[0] ?? ""
      stored.insert(sha256)
      DocumentVerifier.check(
        document: sha256, bytes: row[1].flatMap { Data(base64Encoded: $0) } ?? Data(),
        size: row[2].flatMap { Int($0) } ?? -1, report: &report)
    }
    let named = try await link.rows(
      """
      SELECT id, unit, month, document_sha256 FROM explanation
      WHERE starts_with(document_path, \(ExplanationDocument.uploadPrefix)) ORDER BY id
      """)
    for row in named {
      DocumentVerifier.check(
        explanation: row[0].flatMap { Int64($0) } ?? 0, unit: row[1] ?? "", month: row[2] ?? "", naming: row[3],
        stored: stored, report: &report)
    }
  }

  public func history(unit: String?, name: String?, trip: Int64?, month: Month?) async throws(ZhaoshangError)
    -> [AuditEvent]
  {
    let scope = HistoryScope(unit: unit, name: name, month: month)
    return try await read { link throws(ZhaoshangError) in
      var shown: [AuditEvent] = []
      for event in try await Self.events(link: link) {
        if let trip, !Ledger.isAbout(event, trip: trip) { continue }
        switch scope.settle(event) {
        case .excluded: continue
        case .included: break
        case .reaching(let table, let ids):
          guard try await Self.reaches(scope, table: table, ids: ids, link: link) else { continue }
        }
        if let listed = AuditEvent(event) { shown.append(listed) }
      }
      return shown
    }
  }

  /// Whether a row of `table` with an id in `ids` is of the scope's unit, head and month: `HistoryScope.reaches`
  /// in PostgreSQL's SQL.
  static func reaches(_ scope: HistoryScope, table: String, ids: ClosedRange<Int64>, link: PostgresLink)
    async throws(ZhaoshangError) -> Bool
  {
    guard let dated = HistoryScope.datedRows(of: table) else { return false }
    let first = scope.month?.firstDay.iso
    let last = scope.month?.lastDay.iso
    let found = try await link.value(
      """
      SELECT EXISTS (SELECT 1 FROM \(unescaped: dated.join) BETWEEN \(ids.lowerBound) AND \(ids.upperBound)
        AND (\(scope.unit)::text IS NULL OR head.unit = \(scope.unit))
        AND (\(scope.name)::text IS NULL OR head.name = \(scope.name))
        AND (\(last)::date IS NULL OR \(unescaped: dated.from) IS NULL OR \(unescaped: dated.from) <= \(last)::date)
        AND (\(first)::date IS NULL OR \(unescaped: dated.to) IS NULL OR \(unescaped: dated.to) >= \(first)::date))
      """)
    return found == "1"
  }
}
