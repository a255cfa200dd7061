/// One event's range of rows, met in id order as `verify` reads them on either engine: an id the table no longer
/// holds was deleted, a row the event left out of its range (a gap) was written without it, and every other row's
/// fingerprint is compared with the event's (`RecordedPrints`). SQLite's walk and PostgreSQL's read their rows
/// differently and hand each one here.
struct RecordedRange {
  let first: Int64
  let last: Int64
  private let gaps: Set<Int64>
  private let event: EventRecord
  private let label: AuditVerifier.Label
  private var prints: AuditVerifier.RecordedPrints
  /// Found in id order, reported after the event's own rows, as a list of the event's rows would show them.
  private var unrecordedRows: [Localized] = []
  /// The next id expected; nil once past `last` (which may be the largest id there is).
  private var next: Int64?

  /// Nil for an event that names no range of rows. A range starting at the smallest id there is cannot be read
  /// after the id before it, and no row of zhaoshang's has it: such an event is passed over, and its rows are
  /// named as written without one.
  init?(event: EventRecord, payload: EventPayload, label: AuditVerifier.Label) {
    guard let first = payload.firstID, let last = payload.lastID, first <= last, first > Int64.min else { return nil }
    self.first = first
    self.last = last
    gaps = Set(payload.gaps ?? [])
    self.event = event
    self.label = label
    prints = AuditVerifier.RecordedPrints(payload: payload, event: event, label: label)
    next = first
  }

  /// The ids the event vouches for: its range less its gaps.
  var covered: [ClosedRange<Int64>] { AuditVerifier.spans(first...last, without: gaps) }

  /// Meets the row `id`, the next the table holds in the range; true when the event recorded it, and its
  /// fingerprint is to be given next (`record`).
  mutating func meet(_ id: Int64, report: inout VerifyReport) -> Bool {
    while let expected = next, expected < id {
      missing(expected, report: &report)
      step(past: expected)
    }
    step(past: id)
    guard !gaps.contains(id) else {
      unrecordedRows.append(AuditVerifier.unrecorded(label, id))
      return false
    }
    report.rowsChecked += 1
    return true
  }

  /// The fingerprint of the row just met.
  mutating func record(_ print: String, id: Int64) {
    prints.append(print, id: id)
  }

  /// Once every row of the range was met: the ids never met were deleted; then what the rows' fingerprints and
  /// the gaps' rows showed.
  mutating func finish(report: inout VerifyReport) {
    while let expected = next {
      missing(expected, report: &report)
      step(past: expected)
    }
    prints.finish()
    report.disagreements += unrecordedRows + prints.disagreements
  }

  private mutating func missing(_ id: Int64, report: inout VerifyReport) {
    guard !gaps.contains(id) else { return }
    report.disagreements.append(
      Localized(
        "\(label.zh) \(id)（第 \(event.id) 条审计记录登记）已不存在：被删除",
        "\(label.en) \(id), recorded by event \(event.id), is missing: it was deleted"))
    prints.append("", id: id)
  }

  private mutating func step(past id: Int64) { next = id < last ? id + 1 : nil }
}
