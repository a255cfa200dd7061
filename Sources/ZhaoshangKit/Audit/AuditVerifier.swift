import GRDB

/// Recomputes the audit trail and checks the audited tables against it, reporting every disagreement.
enum AuditVerifier {
  static func verify(db: Database, migrator: DatabaseMigrator = Schema.migrator) throws -> VerifyReport {
    var report = VerifyReport()
    report.damage = try SchemaAudit.problems(in: db, migrator: migrator)
    do {
      try verifyRows(db: db, report: &report)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT && !report.damage.isEmpty {
      // The damage already named stops the reading of rows (a damaged index may serve any query); what was
      // found so far stands, and the clerk is told to restore a backup.
    }
    return report
  }

  /// The chain of events, then every audited row, closed month and amendment against them.
  static func verifyRows(db: Database, report: inout VerifyReport) throws {
    let events = try EventRecord.order(EventRecord.Columns.id).fetchAll(db)
    report.events = events.count
    report.lastHash = events.last?.hash
    report.brokenLink = firstBrokenLink(events, hidingBytes: try eventsWithNUL(db))
    var payloads: [(EventRecord, EventPayload)] = []
    for event in events {
      if let payload = AuditTrail.decode(event.payload) { payloads.append((event, payload)) }
    }
    for table in AuditedTable.all {
      try check(table, payloads: payloads, db: db, report: &report)
    }
    try ClosingVerifier.check(payloads.map { (event: $0.0, payload: $0.1) }, db: db, report: &report)
    try DocumentVerifier.check(db: db, report: &report)
  }

  /// Events holding a NUL byte in a column: zhaoshang never writes one (JSON escapes it), and text read back
  /// stops at it, so the hash alone would not see what follows.
  static func eventsWithNUL(_ db: Database) throws -> Set<Int64> {
    let columns =
      ["at", "by", "command", "action", "unit", "name", "first_month", "last_month", "payload"]
      + ["prev_hash", "hash"]
    let test = columns.map { "instr(CAST(\"\($0)\" AS BLOB), x'00') > 0" }.joined(separator: " OR ")
    return Set(try Int64.fetchAll(db, sql: "SELECT id FROM event WHERE \(test)"))
  }

  /// The first event whose link to the one before, or whose own content, does not match its hash.
  static func firstBrokenLink(_ events: [EventRecord], hidingBytes: Set<Int64> = []) -> Localized? {
    var previous: EventRecord?
    for event in events {
      let expectedID = (previous?.id ?? 0) + 1
      if event.id != expectedID {
        return Localized(
          "第 \(expectedID) 至 \(event.id - 1) 条审计记录缺失（被删除）",
          "events \(expectedID) to \(event.id - 1) are missing (deleted)")
      }
      if event.prevHash != (previous?.hash ?? EventRecord.genesisHash) {
        return Localized(
          "第 \(event.id) 条审计记录与前一条衔接不上（前一条已被改动或替换）",
          "event \(event.id) does not follow from the event before it (that event was changed or replaced)")
      }
      if SHA256Digest.hex(of: event.canonicalText) != event.hash || hidingBytes.contains(event.id) {
        return Localized(
          "第 \(event.id) 条审计记录的内容与其哈希不符（记录被改动）", "event \(event.id)'s content does not match its hash (it was changed)")
      }
      if AuditTrail.decode(event.payload) == nil {
        return Localized("第 \(event.id) 条审计记录无法读取", "event \(event.id) cannot be read")
      }
      previous = event
    }
    return nil
  }

  static func check(
    _ table: AuditedTable, payloads: [(EventRecord, EventPayload)], db: Database, report: inout VerifyReport
  ) throws {
    let label = Label(table: table.name)
    var changes: [Int64: [(EventRecord, EventPayload)]] = [:]
    for (event, payload) in payloads where payload.table == table.name {
      if let id = payload.id { changes[id, default: []].append((event, payload)) }
    }
    var covered = Set<Int64>()
    for (event, payload) in payloads where payload.table == table.name {
      guard let first = payload.firstID, let last = payload.lastID, first <= last else { continue }
      let gaps = Set(payload.gaps ?? [])
      let expected = (first...last).filter { !gaps.contains($0) }
      let rows = try table.rows(in: first...last, db: db)
      var byID: [Int64: AuditedTable.Row] = [:]
      for row in rows { byID[row.id] = row }
      var prints: [String] = []
      for id in expected {
        covered.insert(id)
        guard let row = byID[id] else {
          report.disagreements.append(
            Localized(
              "\(label.zh) \(id)（第 \(event.id) 条审计记录登记）已不存在：被删除",
              "\(label.en) \(id), recorded by event \(event.id), is missing: it was deleted"))
          prints.append("")
          continue
        }
        report.rowsChecked += 1
        let initial = try initialValues(
          of: row, table: table, changes: changes[id] ?? [], label: label, report: &report)
        prints.append(AuditTrail.fingerprint(row.canonical(initial: initial)))
      }
      for row in rows where gaps.contains(row.id) {
        report.disagreements.append(unrecorded(label, row.id))
      }
      compare(prints, expected: expected, payload: payload, event: event, label: label, report: &report)
    }
    for id in try table.ids(db: db) where !covered.contains(id) {
      report.disagreements.append(unrecorded(label, id))
    }
  }

  /// The row's changing columns as first written, from the first change event; checks the last one matches now.
  static func initialValues(
    of row: AuditedTable.Row, table: AuditedTable, changes: [(EventRecord, EventPayload)], label: Label,
    report: inout VerifyReport
  ) throws -> [String: String?] {
    guard let firstChange = changes.first?.1, let (lastEvent, lastChange) = changes.last else { return [:] }
    let now = row.mutableValues(table.mutable)
    if let after = lastChange.after, after != now {
      let column = table.mutable.first { after[$0] != now[$0] } ?? ""
      report.disagreements.append(
        Localized(
          "\(label.zh) \(row.id) 的 \(column) 现为「\(now[column] ?? "")」，但第 \(lastEvent.id) 条审计记录为「\(after[column] ?? "")」",
          "\(label.en) \(row.id)'s \(column) is \"\(now[column] ?? "")\" but event \(lastEvent.id) recorded \"\(after[column] ?? "")\""
        ))
    }
    var initial: [String: String?] = [:]
    for column in table.mutable {
      let value = firstChange.before?[column] ?? ""
      initial[column] = .some(value.isEmpty ? nil : value)
    }
    return initial
  }

  static func compare(
    _ prints: [String], expected: [Int64], payload: EventPayload, event: EventRecord, label: Label,
    report: inout VerifyReport
  ) {
    if let recorded = payload.fingerprints {
      for (index, id) in expected.enumerated() where index < recorded.count {
        if !prints[index].isEmpty, prints[index] != recorded[index] {
          report.disagreements.append(
            Localized(
              "\(label.zh) \(id) 与第 \(event.id) 条审计记录登记的内容不同：被改动",
              "\(label.en) \(id) differs from what event \(event.id) recorded: it was changed"))
        }
      }
      return
    }
    guard let recorded = payload.blockDigests else { return }
    for (index, block) in AuditTrail.blocks(prints).enumerated() where index < recorded.count {
      let presentOnly = !block.contains("")
      if presentOnly, AuditTrail.digest(block) != recorded[index] {
        let low = expected[index * AuditTrail.blockSize]
        let high = expected[min(expected.count, (index + 1) * AuditTrail.blockSize) - 1]
        report.disagreements.append(
          Localized(
            "\(label.zh) \(low)–\(high)（第 \(event.id) 条审计记录登记的一批）中有记录被改动",
            "\(label.en)s \(low) to \(high), recorded together by event \(event.id), include a changed row"))
      }
    }
  }

  static func unrecorded(_ label: Label, _ id: Int64) -> Localized {
    Localized(
      "\(label.zh) \(id) 没有对应的审计记录：不是经由 zhaoshang 写入的",
      "\(label.en) \(id) was not recorded by any event: it was written outside zhaoshang")
  }

  /// How a table's rows are named in messages.
  struct Label {
    let zh: String
    let en: String

    init(table: String) {
      switch table {
      case "post": (zh, en) = ("任职记录", "post")
      case "trip": (zh, en) = ("外出记录", "trip")
      case "leave": (zh, en) = ("请假记录", "leave")
      default: (zh, en) = ("情况说明", "explanation")
      }
    }
  }
}
