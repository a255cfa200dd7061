import Foundation

/// Checks the uploaded documents the ledger keeps: each one's bytes still hash to the SHA-256 it is stored
/// under (which the audited explanation row names), and each uploaded document an explanation names is there.
package enum DocumentVerifier {
  /// One stored document: its bytes still hash to the SHA-256 it is stored under, and are as long as recorded.
  package static func check(document sha256: String, bytes: Data, size: Int, report: inout VerifyReport) {
    report.rowsChecked += 1
    if SHA256Digest.hex(of: bytes) != sha256 || bytes.count != size {
      report.disagreements.append(
        Localized(
          "上传的文件 \(sha256.prefix(12)) 的内容与其登记的哈希不符（文件被改动）",
          "the uploaded document \(sha256.prefix(12)) no longer matches its recorded hash (it was changed)"))
    }
  }

  /// One explanation naming an uploaded document (its path under `ExplanationDocument.uploadPrefix`): the
  /// document is among those `stored`.
  package static func check(
    explanation id: Int64, unit: String, month: String, naming sha256: String?, stored: Set<String>,
    report: inout VerifyReport
  ) {
    guard let sha256, !stored.contains(sha256) else { return }
    report.disagreements.append(
      Localized(
        "情况说明 \(id)（\(unit) \(month)）上传的文件不在台账中（被删除）",
        "explanation \(id) (\(unit) \(month)) names an uploaded document the ledger no longer holds (deleted)"))
  }
}
