/// Checks closed months and amendments against the events that recorded them: what was frozen (each column a
/// closing's event fingerprints), who closed and when, the rules' path and SHA-256, each reopening, and every
/// amendment. A close, reopening or amendment edited, deleted or written outside zhaoshang is named.
///
/// Events written before closings carried fingerprints name no row: they are paired with the rows of their month
/// in order, and for them what the event itself holds is compared (month, who, when, the rules' path and SHA-256,
/// the reopening's reason, the amendment's command and reason), not the frozen check and bulletin.
package enum ClosingVerifier {
  package typealias Recorded = (event: EventRecord, payload: EventPayload)

  /// The comparison itself, over the closes and amendments as any store reads them (`AuditedTable.closedMonth`'s
  /// and `.amendment`'s columns), in id order.
  package static func check(
    _ payloads: [Recorded], closes: [AuditedTable.Row], amendments: [AuditedTable.Row], report: inout VerifyReport
  ) {
    let closeEvents = pair(
      rows: closes, events: payloads.filter { $0.event.action == AuditAction.monthClosed.rawValue },
      id: \.closedMonthID)
    for (row, recorded) in closeEvents.paired {
      report.rowsChecked += 1
      compareClose(row, recorded, report: &report)
    }
    for row in closeEvents.unrecorded {
      report.disagreements.append(
        Localized(
          "封存记录 \(row.id)（\(row.text("month"))）没有对应的审计记录：不是经由 zhaoshang 封存的",
          "close \(row.id) of \(row.text("month")) was not recorded by any event: it was written outside zhaoshang"))
    }
    for recorded in closeEvents.missing {
      let month = recorded.payload.month ?? ""
      report.disagreements.append(
        Localized(
          "第 \(recorded.event.id) 条审计记录登记的\(month)封存记录已不存在：被删除（该月因此不再显示为已封存）",
          "the close of \(month) recorded by event \(recorded.event.id) is missing: it was deleted (so the month no longer shows as closed)"
        ))
    }
    let reopened = closes.filter { !$0.text("reopened_at").isEmpty }
    let reopenEvents = payloads.filter { $0.event.action == AuditAction.monthReopened.rawValue }
    let reopenings = pair(rows: reopened, events: reopenEvents, id: \.closedMonthID)
    for (row, recorded) in reopenings.paired {
      let agrees =
        row.text("reopened_by") == recorded.event.by && row.text("reopened_at") == recorded.event.at
        && row.text("reopen_reason") == (recorded.payload.reason ?? "")
      if !agrees {
        report.disagreements.append(
          Localized(
            "封存记录 \(row.id)（\(row.text("month"))）的解除封存（人、时间或原因）与第 \(recorded.event.id) 条审计记录不同：被改动",
            "the reopening of close \(row.id) (\(row.text("month"))) differs from what event \(recorded.event.id) recorded (who, when or why): it was changed"
          ))
      }
    }
    for row in reopenings.unrecorded {
      report.disagreements.append(
        Localized(
          "封存记录 \(row.id)（\(row.text("month"))）显示已解除封存，但没有审计记录登记过解除：被伪造",
          "close \(row.id) (\(row.text("month"))) shows as reopened, but no event recorded a reopening: it was forged"))
    }
    for recorded in reopenings.missing {
      let month = recorded.payload.month ?? ""
      report.disagreements.append(
        Localized(
          "第 \(recorded.event.id) 条审计记录登记的\(month)解除封存已不见（封存记录不再显示解除）：被撤销",
          "the reopening of \(month) recorded by event \(recorded.event.id) is gone (no close shows it): it was removed"
        ))
    }
    let amending = payloads.filter {
      [AuditAction.amendment.rawValue, AuditAction.monthReopened.rawValue].contains($0.event.action)
    }
    let amended = pair(rows: amendments, events: amending, id: \.amendmentID)
    for (row, recorded) in amended.paired {
      report.rowsChecked += 1
      compareAmendment(row, recorded, report: &report)
    }
    for row in amended.unrecorded {
      report.disagreements.append(
        Localized(
          "更正记录 \(row.id)（\(row.text("month"))）没有对应的审计记录：不是经由 zhaoshang 写入的",
          "amendment \(row.id) (\(row.text("month"))) was not recorded by any event: it was written outside zhaoshang"))
    }
    for recorded in amended.missing {
      let month = recorded.payload.month ?? ""
      report.disagreements.append(
        Localized(
          "第 \(recorded.event.id) 条审计记录登记的\(month)更正记录已不存在：被删除",
          "the amendment of \(month) recorded by event \(recorded.event.id) is missing: it was deleted"))
    }
  }

  /// Rows and the events that recorded them: by the row's id where the event names it, else (events written
  /// before they did) the month's events and its remaining rows in order.
  static func pair(rows: [AuditedTable.Row], events: [Recorded], id: KeyPath<EventPayload, Int64?>) -> (
    paired: [(AuditedTable.Row, Recorded)], unrecorded: [AuditedTable.Row], missing: [Recorded]
  ) {
    var byID: [Int64: AuditedTable.Row] = [:]
    for row in rows { byID[row.id] = row }
    var claimed = Set<Int64>()
    var paired: [(AuditedTable.Row, Recorded)] = []
    var missing: [Recorded] = []
    var legacy: [String: [Recorded]] = [:]
    for recorded in events {
      guard let rowID = recorded.payload[keyPath: id] else {
        legacy[recorded.payload.month ?? "", default: []].append(recorded)
        continue
      }
      if let row = byID[rowID], !claimed.contains(rowID) {
        claimed.insert(rowID)
        paired.append((row, recorded))
      } else {
        missing.append(recorded)
      }
    }
    var unrecorded: [AuditedTable.Row] = []
    for row in rows where !claimed.contains(row.id) {
      let month = row.text("month")
      if var queue = legacy[month], !queue.isEmpty {
        paired.append((row, queue.removeFirst()))
        legacy[month] = queue
      } else {
        unrecorded.append(row)
      }
    }
    missing += legacy.values.flatMap { $0 }
    return (paired, unrecorded, missing.sorted { $0.event.id < $1.event.id })
  }

  static func compareClose(_ row: AuditedTable.Row, _ recorded: Recorded, report: inout VerifyReport) {
    var changed: [String] = []
    if let prints = recorded.payload.columnPrints {
      let now = row.columnPrints(AuditedTable.frozenColumns)
      changed = AuditedTable.frozenColumns.filter { now[$0] != prints[$0] }
    } else {
      let summary = "rules \(row.text("rules_path")) sha256 \(row.text("rules_sha256"))"
      if row.text("month") != recorded.payload.month ?? "" { changed.append("month") }
      if summary != recorded.payload.summary ?? "" { changed.append("rules_sha256") }
      if row.text("closed_by") != recorded.event.by { changed.append("closed_by") }
      if row.text("closed_at") != recorded.event.at { changed.append("closed_at") }
    }
    guard !changed.isEmpty else { return }
    let what = changed.map(describe)
    report.disagreements.append(
      Localized(
        "封存记录 \(row.id)（\(row.text("month"))）与第 \(recorded.event.id) 条审计记录登记的不同：\(what.map(\.zh).joined(separator: "、"))被改动",
        "close \(row.id) of \(row.text("month")) differs from what event \(recorded.event.id) recorded: \(what.map(\.en).joined(separator: ", ")) changed"
      ))
  }

  static func compareAmendment(_ row: AuditedTable.Row, _ recorded: Recorded, report: inout VerifyReport) {
    let payload = recorded.payload
    let command =
      recorded.event.action == AuditAction.monthReopened.rawValue
      ? "reopen --month \(payload.month ?? "")" : payload.summary ?? ""
    var agrees =
      row.text("month") == payload.month ?? "" && row.text("command") == command
      && row.text("reason") == payload.reason ?? "" && row.text("recorded_by") == recorded.event.by
      && row.text("recorded_at") == recorded.event.at
    if let close = payload.closedMonthID, row.text("closed_month_id") != String(close) { agrees = false }
    guard !agrees else { return }
    report.disagreements.append(
      Localized(
        "更正记录 \(row.id)（\(row.text("month"))）与第 \(recorded.event.id) 条审计记录登记的不同：被改动",
        "amendment \(row.id) (\(row.text("month"))) differs from what event \(recorded.event.id) recorded: it was changed"
      ))
  }

  /// A frozen column in the clerk's words.
  static func describe(_ column: String) -> (zh: String, en: String) {
    switch column {
    case "check_json": return ("封存的核算结果", "the frozen check")
    case "bulletin_json": return ("封存的通报", "the frozen bulletin")
    case "rules_path": return ("规则文件路径", "the rule file's path")
    case "rules_sha256": return ("规则文件的 SHA-256", "the rule file's SHA-256")
    case "forced": return ("是否提前封存", "whether it was forced")
    case "closed_by": return ("封存人", "who closed it")
    case "closed_at": return ("封存时间", "when it was closed")
    default: return ("月份", "the month")
    }
  }
}
