/// The tables of accounts, tokens and trip reviews (schema v6) and of restorations (v9), as the audit trail vouches
/// for them.
extension AuditedTable {
  /// The password hash and the failed-login counters are left out: a password change is an event of its own
  /// (`account.password`), and counters change with every wrong password.
  package static let account = AuditedTable(
    name: "account",
    select: """
      SELECT account.id, account.login, account.role, account.unit, account.created_by, account.created_at,
             account.disabled
      FROM account
      """,
    mutable: ["disabled"])

  package static let apiToken = AuditedTable(
    name: "api_token",
    select: """
      SELECT api_token.id, account.login, api_token.token_sha256, api_token.created_by, api_token.created_at,
             api_token.revoked_by, api_token.revoked_at
      FROM api_token JOIN account ON account.id = api_token.account_id
      """,
    mutable: ["revoked_by", "revoked_at"])

  /// Every status change of a trip is a row here, created once and never changed.
  package static let tripReview = AuditedTable(
    name: "trip_review",
    select: """
      SELECT trip_review.id, trip_review.trip_id, trip_review.status, trip_review.reason, trip_review.by_login,
             trip_review.by_role, trip_review.by_unit, trip_review.at
      FROM trip_review
      """,
    mutable: [])

  /// An undone void (schema v9): which voided trip the restored copy stands for, who restored it and why.
  package static let tripRestoration = AuditedTable(
    name: "trip_restoration",
    select: """
      SELECT trip_restoration.id, trip_restoration.voided_trip_id, trip_restoration.restored_trip_id,
             trip_restoration.reason, trip_restoration.recorded_by, trip_restoration.recorded_at
      FROM trip_restoration
      """,
    mutable: [])
}
