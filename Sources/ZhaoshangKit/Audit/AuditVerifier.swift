/// Recomputes the audit trail and checks the audited tables against it, reporting every disagreement.
package enum AuditVerifier {
  /// The first event whose link to the one before, or whose own content, does not match its hash.
  package static func firstBrokenLink(_ events: [EventRecord], hidingBytes: Set<Int64> = []) -> Localized? {
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

  /// One page of a table's rows, for a store that reads them another way than SQLite's: those with
  /// `after < id <= upTo`, in id order, at most `limit`, each with its canonical columns as `AuditedTable.Row`
  /// holds them.
  package typealias RowPage = (
    _ table: AuditedTable, _ after: Int64, _ upTo: Int64, _ limit: Int
  ) async throws -> [AuditedTable.Row]

  /// One page of a table's ids: those above `after`, in order, at most `limit`.
  package typealias IDPage = (_ table: AuditedTable, _ after: Int64, _ limit: Int) async throws -> [Int64]

  /// The chain and every audited row against it, the same comparisons as `verifyRows` makes over SQLite's rows,
  /// over rows read a page at a time: memory holds one page and one event's fingerprints, whatever the ledger's size.
  package static func verify(
    events: [EventRecord], rows: RowPage, ids: IDPage, pageSize: Int = 10_000
  ) async rethrows -> VerifyReport {
    var report = VerifyReport()
    report.events = events.count
    report.lastHash = events.last?.hash
    report.brokenLink = firstBrokenLink(events)
    var payloads: [(EventRecord, EventPayload)] = []
    for event in events {
      if let payload = AuditTrail.decode(event.payload) { payloads.append((event, payload)) }
    }
    for table in AuditedTable.all {
      try await check(table, payloads: payloads, rows: rows, ids: ids, pageSize: pageSize, report: &report)
    }
    // Closes and amendments are a few rows a month: read whole.
    func all(_ table: AuditedTable) async throws -> [AuditedTable.Row] {
      try await rows(table, Int64.min, Int64.max, Int.max)
    }
    ClosingVerifier.check(
      payloads.map { (event: $0.0, payload: $0.1) }, closes: try await all(.closedMonth),
      amendments: try await all(.amendment), report: &report)
    return report
  }

  /// `check`, over rows read a page at a time.
  static func check(
    _ table: AuditedTable, payloads: [(EventRecord, EventPayload)], rows: RowPage, ids: IDPage, pageSize: Int,
    report: inout VerifyReport
  ) async rethrows {
    let label = Label(table: table.name)
    var changes: [Int64: [(EventRecord, EventPayload)]] = [:]
    for (event, payload) in payloads where payload.table == table.name {
      if let id = payload.id { changes[id, default: []].append((event, payload)) }
    }
    var covered: [ClosedRange<Int64>] = []
    for (event, payload) in payloads where payload.table == table.name {
      guard var range = RecordedRange(event: event, payload: payload, label: label) else { continue }
      covered += range.covered
      var after = range.first - 1
      while true {
        let page = try await rows(table, after, range.last, pageSize)
        for row in page {
          guard range.meet(row.id, report: &report) else { continue }
          var initial: [String: String?] = [:]
          if let rowChanges = changes[row.id], !rowChanges.isEmpty {
            initial = initialValues(of: row, table: table, changes: rowChanges, label: label, report: &report)
          }
          range.record(AuditTrail.fingerprint(row.canonical(initial: initial)), id: row.id)
        }
        guard page.count == pageSize, let lastRow = page.last else { break }
        after = lastRow.id
      }
      range.finish(report: &report)
    }
    var recorded = CoveredIDs(covered)
    var after = Int64.min
    while true {
      let page = try await ids(table, after, pageSize)
      for id in page where !recorded.contain(id) {
        report.disagreements.append(unrecorded(label, id))
      }
      guard page.count == pageSize, let last = page.last else { break }
      after = last
    }
  }

  /// `range` less the ids in `gaps`, as ranges.
  static func spans(_ range: ClosedRange<Int64>, without gaps: Set<Int64>) -> [ClosedRange<Int64>] {
    var result: [ClosedRange<Int64>] = []
    var low = range.lowerBound
    for gap in gaps.filter({ range.contains($0) }).sorted() {
      if low < gap { result.append(low...(gap - 1)) }
      guard gap < range.upperBound else { return result }
      low = gap + 1
    }
    if low <= range.upperBound { result.append(low...range.upperBound) }
    return result
  }

  /// Ranges sorted and joined where they overlap or touch, so that each id is looked for in one place.
  static func merged(_ ranges: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
    var result: [ClosedRange<Int64>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let open = result.last,
        range.lowerBound <= open.upperBound || (open.upperBound < .max && range.lowerBound == open.upperBound + 1)
      {
        result[result.count - 1] = open.lowerBound...max(open.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// Compares the fingerprints of an event's rows, in id order, with those the event recorded: one by one, or
  /// block by block as digests; an empty fingerprint stands for a deleted row, already reported.
  struct RecordedPrints {
    let payload: EventPayload
    let event: EventRecord
    let label: Label
    private(set) var disagreements: [Localized] = []
    private var index = 0
    private var block: [String] = []
    private var blockIDs: [Int64] = []
    private var blockIndex = 0

    init(payload: EventPayload, event: EventRecord, label: Label) {
      self.payload = payload
      self.event = event
      self.label = label
    }

    mutating func append(_ print: String, id: Int64) {
      defer { index += 1 }
      if let recorded = payload.fingerprints {
        if index < recorded.count, !print.isEmpty, print != recorded[index] {
          disagreements.append(
            Localized(
              "\(label.zh) \(id) 与第 \(event.id) 条审计记录登记的内容不同：被改动",
              "\(label.en) \(id) differs from what event \(event.id) recorded: it was changed"))
        }
        return
      }
      guard payload.blockDigests != nil else { return }
      block.append(print)
      blockIDs.append(id)
      if block.count == AuditTrail.blockSize { finishBlock() }
    }

    mutating func finish() {
      if !block.isEmpty { finishBlock() }
    }

    private mutating func finishBlock() {
      defer {
        block.removeAll(keepingCapacity: true)
        blockIDs.removeAll(keepingCapacity: true)
        blockIndex += 1
      }
      guard let recorded = payload.blockDigests, blockIndex < recorded.count, !block.contains(""),
        let low = blockIDs.first, let high = blockIDs.last
      else { return }
      if AuditTrail.digest(block) != recorded[blockIndex] {
        disagreements.append(
          Localized(
            "\(label.zh) \(low)–\(high)（第 \(event.id) 条审计记录登记的一批）中有记录被改动",
            "\(label.en)s \(low) to \(high), recorded together by event \(event.id), include a changed row"))
      }
    }
  }

  /// The row's changing columns as first written, from the first change event; checks the last one matches now.
  static func initialValues(
    of row: AuditedTable.Row, table: AuditedTable, changes: [(EventRecord, EventPayload)], label: Label,
    report: inout VerifyReport
  ) -> [String: String?] {
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
      case "month_report": (zh, en) = ("报送记录", "month report")
      case "trip_restoration": (zh, en) = ("撤销作废记录", "restoration")
      default: (zh, en) = ("情况说明", "explanation")
      }
    }
  }
}
