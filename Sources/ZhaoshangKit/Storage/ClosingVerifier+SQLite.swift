import GRDB

/// A SQLite ledger's closes and amendments, read for `ClosingVerifier`'s checks.
extension ClosingVerifier {
  static func check(_ payloads: [Recorded], db: Database, report: inout VerifyReport) throws {
    check(
      payloads, closes: try AuditedTable.closedMonth.rows(in: nil, db: db),
      amendments: try AuditedTable.amendment.rows(in: nil, db: db), report: &report)
  }
}
