/// A table of the ledger as `zhaoshang copy` moves it between engines: its columns with the kind of value each
/// holds, in the order rows are read and written.
///
/// Rows travel as each column's canonical text (`CanonicalText`: integers in decimal, booleans as 1 and 0, dates
/// as YYYY-MM-DD, bytes in base64, JSON as zhaoshang writes it), which is also what SQLite's ledger stores; each
/// engine turns it into its own types on the way in and back into it on the way out, so the audit trail's digests
/// over the copied rows are the digests over the rows copied.
package struct CopiedTable: Sendable {
  /// What a column holds, which decides how each engine stores it.
  package enum Kind: Sendable {
    case integer, boolean, text, date
    /// JSON PostgreSQL keeps as `jsonb`, in a form of its own: read back into zhaoshang's form.
    case jsonb
    /// JSON kept as written (the audit payload, whose text is hashed).
    case json
    case bytes
  }

  package let name: String
  /// The column rows are ordered and resumed by: `id`, or a document's `sha256`.
  package let key: String
  package let columns: [(name: String, kind: Kind)]
  /// Chinese and English names of its rows, for the sentence saying what was copied.
  package let rowsName: Localized

  /// Whether ids come from an identity sequence that must be moved past the copied ids.
  package var hasIdentity: Bool { key == "id" }
  package var columnNames: [String] { columns.map(\.name) }

  init(_ name: String, key: String = "id", _ rowsName: Localized, _ columns: [(String, Kind)]) {
    self.name = name
    self.key = key
    self.rowsName = rowsName
    self.columns = columns.map { (name: $0.0, kind: $0.1) }
  }

  package static let head = CopiedTable(
    "head", Localized("考核对象", "heads"), [("id", .integer), ("unit", .text), ("name", .text)])
  package static let post = CopiedTable(
    "post", Localized("任职", "posts"),
    [
      ("id", .integer), ("head_id", .integer), ("role", .text), ("from_date", .date), ("to_date", .date),
      ("recorded_by", .text), ("recorded_at", .text),
    ])
  package static let trip = CopiedTable(
    "trip", Localized("外出", "trips"),
    [
      ("id", .integer), ("head_id", .integer), ("start_date", .date), ("starts_afternoon", .boolean),
      ("end_date", .date), ("ends_morning", .boolean), ("kind", .text), ("destination", .text), ("purpose", .text),
      ("companies", .jsonb), ("recorded_by", .text), ("recorded_at", .text), ("void_reason", .text),
      ("voided_by", .text), ("voided_at", .text),
    ])
  /// Where a trip's voiding columns start: a trip is copied unvoided and voided afterwards (see `LedgerCopier`).
  package static let tripVoidingColumns = 12..<15
  package static let leave = CopiedTable(
    "leave", Localized("请假", "leave records"),
    [
      ("id", .integer), ("head_id", .integer), ("from_date", .date), ("to_date", .date), ("reason", .text),
      ("recorded_by", .text), ("recorded_at", .text),
    ])
  package static let explanation = CopiedTable(
    "explanation", Localized("情况说明", "explanations"),
    [
      ("id", .integer), ("unit", .text), ("month", .text), ("received_date", .date), ("note", .text),
      ("document_path", .text), ("document_sha256", .text), ("recorded_by", .text), ("recorded_at", .text),
    ])
  package static let closedMonth = CopiedTable(
    "closed_month", Localized("关账", "month closes"),
    [
      ("id", .integer), ("month", .text), ("check_json", .jsonb), ("bulletin_json", .jsonb), ("rules_path", .text),
      ("rules_sha256", .text), ("forced", .boolean), ("closed_by", .text), ("closed_at", .text),
      ("reopened_by", .text), ("reopened_at", .text), ("reopen_reason", .text),
    ])
  package static let amendment = CopiedTable(
    "amendment", Localized("补正", "amendments"),
    [
      ("id", .integer), ("closed_month_id", .integer), ("month", .text), ("command", .text), ("reason", .text),
      ("recorded_by", .text), ("recorded_at", .text),
    ])
  package static let account = CopiedTable(
    "account", Localized("账号", "accounts"),
    [
      ("id", .integer), ("login", .text), ("role", .text), ("unit", .text), ("password_hash", .text),
      ("disabled", .boolean), ("failed_attempts", .integer), ("locked_until", .text), ("created_by", .text),
      ("created_at", .text),
    ])
  package static let apiToken = CopiedTable(
    "api_token", Localized("接口令牌", "API tokens"),
    [
      ("id", .integer), ("account_id", .integer), ("token_sha256", .text), ("created_by", .text),
      ("created_at", .text), ("revoked_by", .text), ("revoked_at", .text),
    ])
  package static let tripReview = CopiedTable(
    "trip_review", Localized("审核步骤", "review steps"),
    [
      ("id", .integer), ("trip_id", .integer), ("status", .text), ("reason", .text), ("by_login", .text),
      ("by_role", .text), ("by_unit", .text), ("at", .text),
    ])
  package static let document = CopiedTable(
    "document", key: "sha256", Localized("附件", "documents"),
    [
      ("sha256", .text), ("media_type", .text), ("size", .integer), ("bytes", .bytes), ("stored_by", .text),
      ("stored_at", .text),
    ])
  package static let monthReport = CopiedTable(
    "month_report", Localized("月度报送", "month reports"),
    [
      ("id", .integer), ("unit", .text), ("month", .text), ("nothing_to_report", .boolean), ("recorded_by", .text),
      ("recorded_at", .text),
    ])
  package static let tripRestoration = CopiedTable(
    "trip_restoration", Localized("撤销作废", "restored voids"),
    [
      ("id", .integer), ("voided_trip_id", .integer), ("restored_trip_id", .integer), ("reason", .text),
      ("recorded_by", .text), ("recorded_at", .text),
    ])
  package static let event = CopiedTable(
    "event", Localized("审计记录", "audit events"),
    [
      ("id", .integer), ("at", .text), ("by", .text), ("command", .text), ("action", .text), ("unit", .text),
      ("name", .text), ("trip_id", .integer), ("first_month", .text), ("last_month", .text), ("payload", .json),
      ("prev_hash", .text), ("hash", .text),
    ])

  /// Every table copied, each after the tables its foreign keys name; restorations come last of all, after the
  /// voids they follow (`LedgerCopier`).
  ///
  /// Browser sessions (`session`) are not copied: they are logins to one server, expire within hours, are not part
  /// of the audited record, and an office moving its ledger logs in afresh on the server of the new one. Accounts
  /// and tokens are copied: the audit trail vouches for them, and the office's people keep their logins.
  package static let copiedInOrder: [CopiedTable] = [
    .head, .post, .trip, .leave, .explanation, .closedMonth, .amendment, .account, .apiToken, .tripReview,
    .document, .monthReport, .event, .tripRestoration,
  ]

  /// Every table of the schema that holds rows, sessions included: a target must have none in any.
  package static let everyTable: [String] = copiedInOrder.map(\.name) + ["session"]
}
