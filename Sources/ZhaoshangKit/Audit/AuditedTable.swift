import Foundation

/// A table the audit trail vouches for: how to read its rows in a canonical form, and which columns may change.
package struct AuditedTable: Sendable {
  package let name: String
  /// Reads `id` and then the canonical columns, joined with the head's unit and name where the table has a head.
  package let select: String
  /// Columns a later event may change (a post's end, a trip's voiding); a row's fingerprint uses their first values.
  package let mutable: [String]

  package static let post = AuditedTable(
    name: "post",
    select: """
      SELECT post.id, head.unit, head.name, post.role, post.from_date, post.to_date, post.recorded_by,
             post.recorded_at
      FROM post JOIN head ON head.id = post.head_id
      """,
    mutable: ["to_date"])

  package static let trip = AuditedTable(
    name: "trip",
    select: """
      SELECT trip.id, head.unit, head.name, trip.start_date, trip.starts_afternoon, trip.end_date,
             trip.ends_morning, trip.kind, trip.destination, trip.purpose, trip.companies, trip.recorded_by,
             trip.recorded_at, trip.void_reason, trip.voided_by, trip.voided_at
      FROM trip JOIN head ON head.id = trip.head_id
      """,
    mutable: ["void_reason", "voided_by", "voided_at"])

  package static let leave = AuditedTable(
    name: "leave",
    select: """
      SELECT leave.id, head.unit, head.name, leave.from_date, leave.to_date, leave.reason, leave.recorded_by,
             leave.recorded_at
      FROM leave JOIN head ON head.id = leave.head_id
      """,
    mutable: [])

  package static let explanation = AuditedTable(
    name: "explanation",
    select: """
      SELECT explanation.id, explanation.unit, explanation.month, explanation.received_date, explanation.note,
             explanation.document_path, explanation.document_sha256, explanation.recorded_by,
             explanation.recorded_at
      FROM explanation
      """,
    mutable: [])

  /// A unit's month declared reported (schema v8), created once and never changed.
  package static let monthReport = AuditedTable(
    name: "month_report",
    select: """
      SELECT month_report.id, month_report.unit, month_report.month, month_report.nothing_to_report,
             month_report.recorded_by, month_report.recorded_at
      FROM month_report
      """,
    mutable: [])

  package static let all: [AuditedTable] =
    auditedSinceTheTrailBegan + [.account, .apiToken, .tripReview, .monthReport, .tripRestoration]

  /// The tables migration v4 began the trail with, and adopted the rows of: it must adopt the same ones whatever
  /// tables later versions audit.
  static let auditedSinceTheTrailBegan: [AuditedTable] = [.post, .trip, .leave, .explanation]

  /// A month's close, read for `ClosingVerifier`: the frozen columns, then the reopening's.
  package static let closedMonth = AuditedTable(
    name: "closed_month",
    select: """
      SELECT closed_month.id, closed_month.month, closed_month.check_json, closed_month.bulletin_json,
             closed_month.rules_path, closed_month.rules_sha256, closed_month.forced, closed_month.closed_by,
             closed_month.closed_at, closed_month.reopened_by, closed_month.reopened_at, closed_month.reopen_reason
      FROM closed_month
      """,
    mutable: ["reopened_by", "reopened_at", "reopen_reason"])

  /// The columns a close freezes, each fingerprinted in the closing's event.
  package static let frozenColumns = [
    "month", "check_json", "bulletin_json", "rules_path", "rules_sha256", "forced", "closed_by", "closed_at",
  ]

  /// An amendment, read for `ClosingVerifier`.
  package static let amendment = AuditedTable(
    name: "amendment",
    select: """
      SELECT amendment.id, amendment.closed_month_id, amendment.month, amendment.command, amendment.reason,
             amendment.recorded_by, amendment.recorded_at
      FROM amendment
      """,
    mutable: [])

  package static func named(_ name: String) -> AuditedTable? { all.first { $0.name == name } }

  /// A row as read for the audit: its id, its columns as text (NULL as nil), by column name.
  package struct Row: Sendable {
    package let id: Int64
    package var values: [String: String?]
    package let order: [String]

    /// A row read by any engine: its id, and its canonical columns' text (nil for NULL) in the select's order.
    package init(id: Int64, columns: [String], texts: [String?]) {
      self.id = id
      order = columns
      var values: [String: String?] = [:]
      for (column, text) in zip(columns, texts) { values[column] = .some(text) }
      self.values = values
    }

    init(id: Int64, values: [String: String?], order: [String]) {
      self.id = id
      self.values = values
      self.order = order
    }

    /// The row's canonical text, with the mutable columns replaced by the values it was created with.
    package func canonical(initial: [String: String?]) -> String {
      order.map { column -> String in
        let value = initial[column] ?? values[column] ?? nil
        return value.map { "=" + $0 } ?? "∅"
      }.joined(separator: "\u{1F}")
    }

    /// A column's value, "" for NULL.
    func text(_ column: String) -> String { (values[column] ?? nil) ?? "" }

    /// Each column's fingerprint, as a closing's event keeps them.
    package func columnPrints(_ columns: [String]) -> [String: String] {
      var prints: [String: String] = [:]
      for column in columns {
        prints[column] = AuditTrail.fingerprint((values[column] ?? nil).map { "=" + $0 } ?? "∅")
      }
      return prints
    }

    func mutableValues(_ columns: [String]) -> [String: String] {
      var result: [String: String] = [:]
      for column in columns { result[column] = (values[column] ?? nil) ?? "" }
      return result
    }
  }

}
