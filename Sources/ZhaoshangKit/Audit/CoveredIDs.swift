/// The ids the audit trail's events vouch for, asked in increasing order: a row outside every one of them was
/// written without an event. Both engines' `verify` walk the table's ids through it.
struct CoveredIDs {
  private let spans: [ClosedRange<Int64>]
  private var index = 0

  init(_ spans: [ClosedRange<Int64>]) {
    self.spans = AuditVerifier.merged(spans)
  }

  /// Whether an event vouches for `id`, which is larger than every id asked before.
  mutating func contain(_ id: Int64) -> Bool {
    while index < spans.count, spans[index].upperBound < id { index += 1 }
    return index < spans.count && spans[index].contains(id)
  }
}
