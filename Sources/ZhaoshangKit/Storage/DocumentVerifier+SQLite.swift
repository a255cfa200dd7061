import Foundation
import GRDB

/// The documents of a SQLite ledger, read for `DocumentVerifier`'s checks.
extension DocumentVerifier {
  static func check(db: Database, report: inout VerifyReport) throws {
    // A ledger not yet upgraded to keep documents has none to check.
    guard try db.tableExists(DocumentRecord.databaseTableName) else { return }
    let rows = try Row.fetchCursor(db, sql: "SELECT sha256, bytes, size FROM document")
    var stored = Set<String>()
    while let row = try rows.next() {
      let sha256: String = row["sha256"]
      let bytes: Data = row["bytes"] ?? Data()
      let size: Int = row["size"]
      stored.insert(sha256)
      check(document: sha256, bytes: bytes, size: size, report: &report)
    }
    let named = try Row.fetchAll(
      db,
      sql: "SELECT id, unit, month, document_sha256 FROM explanation WHERE document_path LIKE ? ESCAPE '\\'",
      arguments: [ExplanationDocument.uploadPrefix + "%"])
    for row in named {
      check(
        explanation: row["id"], unit: row["unit"], month: row["month"], naming: row["document_sha256"],
        stored: stored, report: &report)
    }
  }
}
