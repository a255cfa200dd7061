/// What an audit event says, stored as canonical JSON (sorted keys) so that its hash can be recomputed.
struct EventPayload: Codable, Equatable, Sendable {
  /// The table whose rows the event created or changed: `post`, `trip`, `leave`, `explanation`.
  var table: String?
  /// Rows created: ids `firstID...lastID`, less `gaps`, in id order.
  var firstID: Int64?
  var lastID: Int64?
  var gaps: [Int64]?
  var rows: Int?
  /// SHA-256 over the rows' fingerprints: what the created rows were.
  var digest: String?
  /// Each created row's fingerprint, when there are few enough to name a changed row exactly.
  var fingerprints: [String]?
  /// For large batches, a digest per block of rows, to say which block changed.
  var blockDigests: [String]?
  /// A changed row: its id and its changing columns before and after.
  var id: Int64?
  var before: [String: String]?
  var after: [String: String]?
  /// The file a batch was read from, and the SHA-256 of its bytes.
  var file: String?
  var fileSHA256: String?
  var month: String?
  var reason: String?
  /// A few words for `history`: the row's fields for a single row, or counts.
  var summary: String?
  /// The role and unit of who acted, when not the office (the event's `by` names the login); absent on events
  /// written before accounts existed and on the office's, so those read as they always did.
  var actorRole: String?
  var actorUnit: String?
  /// Set when the actor is the OS login because nobody was named; absent otherwise, so older events read as before.
  var actorFromOSLogin: Bool?
  /// The close a month's closing, reopening or amendment is about (`closed_month.id`); absent in events written
  /// before `verify` covered closed months, which it pairs with their rows by month and order instead.
  var closedMonthID: Int64?
  /// The amendment row an amendment or a reopening wrote.
  var amendmentID: Int64?
  /// A closing's fingerprint of each frozen column, by column name: the check, the bulletin, the rules' path and
  /// SHA-256, who closed the month, when, whether forced.
  var columnPrints: [String: String]?

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
