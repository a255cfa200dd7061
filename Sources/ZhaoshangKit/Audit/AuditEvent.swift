/// One event of the audit trail as `history` shows it.
public struct AuditEvent: Sendable, Equatable {
  public let id: Int64
  public let at: String
  public let by: String
  public let command: String
  public let action: AuditAction
  public let unit: String?
  public let name: String?
  public let tripID: Int64?
  /// What the event says in a few words: the rows it created, the values it changed, the reason given.
  public let detail: String
  public let hash: String
  /// `by` is the OS login, recorded because nobody was named with `--by` or `$ZHAOSHANG_ACTOR`.
  public let byOSLogin: Bool

  package init?(_ record: EventRecord) {
    guard let action = AuditAction(rawValue: record.action) else { return nil }
    let payload = AuditTrail.decode(record.payload)
    id = record.id
    at = record.at
    by = record.by
    command = record.command
    self.action = action
    unit = record.unit
    name = record.name
    tripID = record.tripId
    hash = record.hash
    detail = payload.map(AuditEvent.describe) ?? ""
    byOSLogin = payload?.actorFromOSLogin ?? false
  }

  static func describe(_ payload: EventPayload) -> String {
    var parts: [String] = []
    if let table = payload.table, let first = payload.firstID, let last = payload.lastID {
      parts.append(first == last ? "\(table) #\(first)" : "\(table) #\(first)–#\(last) (\(payload.rows ?? 0))")
    }
    if let table = payload.table, let id = payload.id { parts.append("\(table) #\(id)") }
    if let before = payload.before, let after = payload.after {
      for key in after.keys.sorted() where before[key] != after[key] {
        parts.append("\(key): \(before[key].flatMap { $0.isEmpty ? nil : $0 } ?? "∅") → \(after[key] ?? "")")
      }
    }
    if let month = payload.month { parts.append(month) }
    if let summary = payload.summary { parts.append(summary) }
    if let file = payload.file { parts.append("\(file) sha256 \(payload.fileSHA256?.prefix(12) ?? "")") }
    if let reason = payload.reason { parts.append("«\(reason)»") }
    if let role = payload.actorRole { parts.append("[\(role)\(payload.actorUnit.map { " " + $0 } ?? "")]") }
    return parts.joined(separator: "; ")
  }
}
