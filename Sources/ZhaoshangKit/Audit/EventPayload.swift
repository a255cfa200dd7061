/// What an audit event says, stored as canonical JSON (sorted keys) so that its hash can be recomputed.
package struct EventPayload: Codable, Equatable, Sendable {
  /// The table whose rows the event created or changed: `post`, `trip`, `leave`, `explanation`.
  package var table: String?
  /// Rows created: ids `firstID...lastID`, less `gaps`, in id order.
  package var firstID: Int64?
  package var lastID: Int64?
  package var gaps: [Int64]?
  package var rows: Int?
  /// SHA-256 over the rows' fingerprints: what the created rows were.
  package var digest: String?
  /// Each created row's fingerprint, when there are few enough to name a changed row exactly.
  package var fingerprints: [String]?
  /// For large batches, a digest per block of rows, to say which block changed.
  package var blockDigests: [String]?
  /// A changed row: its id and its changing columns before and after.
  package var id: Int64?
  package var before: [String: String]?
  package var after: [String: String]?
  /// The file a batch was read from, and the SHA-256 of its bytes.
  package var file: String?
  package var fileSHA256: String?
  package var month: String?
  package var reason: String?
  /// A few words for `history`: the row's fields for a single row, or counts.
  package var summary: String?
  /// The role and unit of who acted, when not the office (the event's `by` names the login); absent on events
  /// written before accounts existed and on the office's, so those read as they always did.
  package var actorRole: String?
  package var actorUnit: String?
  /// Set when the actor is the OS login because nobody was named; absent otherwise, so older events read as before.
  package var actorFromOSLogin: Bool?
  /// The close a month's closing, reopening or amendment is about (`closed_month.id`); absent in events written
  /// before `verify` covered closed months, which it pairs with their rows by month and order instead.
  package var closedMonthID: Int64?
  /// The amendment row an amendment or a reopening wrote.
  package var amendmentID: Int64?
  /// A closing's fingerprint of each frozen column, by column name: the check, the bulletin, the rules' path and
  /// SHA-256, who closed the month, when, whether forced.
  package var columnPrints: [String: String]?

  /// Every field named, the rest absent: what the events' JSON leaves out is nil here.
  package init(
    table: String? = nil,
    firstID: Int64? = nil,
    lastID: Int64? = nil,
    gaps: [Int64]? = nil,
    rows: Int? = nil,
    digest: String? = nil,
    fingerprints: [String]? = nil,
    blockDigests: [String]? = nil,
    id: Int64? = nil,
    before: [String: String]? = nil,
    after: [String: String]? = nil,
    file: String? = nil,
    fileSHA256: String? = nil,
    month: String? = nil,
    reason: String? = nil,
    summary: String? = nil,
    actorRole: String? = nil,
    actorUnit: String? = nil,
    actorFromOSLogin: Bool? = nil,
    closedMonthID: Int64? = nil,
    amendmentID: Int64? = nil,
    columnPrints: [String: String]? = nil
  ) {
    self.table = table
    self.firstID = firstID
    self.lastID = lastID
    self.gaps = gaps
    self.rows = rows
    self.digest = digest
    self.fingerprints = fingerprints
    self.blockDigests = blockDigests
    self.id = id
    self.before = before
    self.after = after
    self.file = file
    self.fileSHA256 = fileSHA256
    self.month = month
    self.reason = reason
    self.summary = summary
    self.actorRole = actorRole
    self.actorUnit = actorUnit
    self.actorFromOSLogin = actorFromOSLogin
    self.closedMonthID = closedMonthID
    self.amendmentID = amendmentID
    self.columnPrints = columnPrints
  }

  enum CodingKeys: String, CodingKey {
    case table, gaps, rows, digest, fingerprints, id, before, after, file, month, reason, summary
    case firstID = "first_id"
    case lastID = "last_id"
    case blockDigests = "block_digests"
    case fileSHA256 = "file_sha256"
    case actorRole = "actor_role"
    case actorUnit = "actor_unit"
    case actorFromOSLogin = "actor_from_os_login"
    case closedMonthID = "closed_month_id"
    case amendmentID = "amendment_id"
    case columnPrints = "column_prints"
  }
}
