import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// Files read from bytes (uploads) as from paths, and explanation documents kept in the ledger.
@Suite("Readers from bytes; stored documents")
struct UploadedBytesTests {
  @Test("A CSV read from bytes names its problems by the name given, as a file would by its path")
  func csvFromBytes() throws {
    // Given a trips file in memory with one bad date on line 3
    let text = """
      unit,name,start,end,destination
      朱坝街道,王某,2022-07-04,2022-07-05,南京
      朱坝街道,刘某,2022-07-32,2022-07-05,南京

      """
    // When it is read from bytes under an uploaded file's name
    let batch = try TripImporter.read(data: Data(text.utf8), name: "7月外出.csv")
    // Then the good line is read and the bad one located as 7月外出.csv:3
    #expect(batch.entries.count == 1)
    #expect(batch.entries.first?.location == "7月外出.csv:2")
    #expect(batch.problems.map(\.location) == ["7月外出.csv:3"])
    #expect(batch.source?.sha256 == SHA256Digest.hex(of: Data(text.utf8)))
  }

  @Test("A workbook read from bytes names its problems by sheet and cell")
  func workbookFromBytes() throws {
    let table = ReportTable(
      sheetName: "Sheet1", title: "外出", header: ["单位", "姓名", "开始日期", "结束日期", "目的地"],
      textRows: [["朱坝街道", "王某", "2022-07-04", "2022-07-05", "南京"], ["朱坝街道", "刘某", "不是日期", "", "南京"]])
    let data = try XLSXWriter.data([table])
    let batch = try TripImporter.read(data: data, name: "7月外出.xlsx")
    #expect(batch.entries.count == 1)
    #expect(batch.problems.first?.location?.hasPrefix("7月外出.xlsx:Sheet1!C") == true, "\(batch.problems)")
    #expect(batch.source?.sha256 == SHA256Digest.hex(of: data))
  }

  @Test("Leave and roster files read from bytes too")
  func leaveAndRosterFromBytes() throws {
    let leave = try LeaveImporter.read(
      data: Data("unit,name,from,to,reason\n朱坝街道,王某,2022-07-04,2022-07-05,党校学习\n".utf8), name: "请假.csv")
    #expect(leave.entries.first?.location == "请假.csv:2")
    let roster = try RosterImporter.read(data: Data("unit,name,role\n朱坝街道,王某,党工委书记\n".utf8), name: "花名册.csv")
    #expect(roster.entries.first?.value.role == "党工委书记")
  }

  @Test("A file that cannot be read by path is still refused in the clerk's words")
  func unreadablePath() throws {
    #expect(throws: ZhaoshangError.self) { try TripImporter.read(path: "/nonexistent/外出.csv") }
    do {
      _ = try TripImporter.read(path: "/nonexistent/外出.csv")
    } catch {
      #expect(error.problems.first?.message.zh.contains("找不到该文件") == true)
    }
  }

  @Test("Document types are told by content, not by name")
  func documentTypes() throws {
    #expect(DocumentType.detect(Data("%PDF-1.7\n".utf8)) == .pdf)
    #expect(DocumentType.detect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])) == .jpeg)
    #expect(DocumentType.detect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == .png)
    #expect(DocumentType.detect(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0])) == .doc)
    let word = try DOCXWriter.data(WordDocument(blocks: [.title("情况说明"), .paragraph("说明")]))
    #expect(DocumentType.detect(word) == .docx)
    // A workbook is a zip too, but no Word file; an executable is nothing accepted
    let workbook = try XLSXWriter.data([ReportTable(sheetName: "S", title: "t", header: ["a"], textRows: [["1"]])])
    #expect(DocumentType.detect(workbook) == nil)
    #expect(DocumentType.detect(Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0])) == nil)
    #expect(DocumentType.detect(Data("MZ\u{90}\0".utf8)) == nil)
  }

  @Test("An uploaded document is kept in the ledger, verify re-hashes it, and a changed one is named")
  func storedDocumentVerified() throws {
    try withTemporaryFolder { folder in
      // Given a ledger where 朱坝街道 was short in July, and its explanation filed with a PDF
      let fixture = try AuditedLedger(folder: folder)
      let bytes = Data("%PDF-1.4\n情况说明\n".utf8)
      let stored = try #require(StoredDocument(data: bytes))
      let unit = ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道")
      let stamp = Stamp(by: "zhuba", at: "2022-08-03T09:00:00+08:00", command: "web").by(unit)
      let filed = try fixture.ledger.recordExplanation(
        Explanation(
          unit: "朱坝街道", month: try m("2022-07"), received: try d("2022-08-03"),
          document: ExplanationDocument(data: bytes, name: "7月说明.pdf")),
        rules: try TestRules.book(), today: try d("2022-08-03"), stamp: stamp, storing: stored)
      #expect(filed.document?.isUploaded == true)
      #expect(filed.document?.displayName == "7月说明.pdf")
      #expect(try fixture.ledger.document(sha256: stored.sha256)?.data == bytes)
      #expect(try fixture.verify().isClean)
      // When the stored bytes are changed behind the tool's back
      try fixture.tamper("UPDATE document SET bytes = CAST('%PDF-1.4 forged' AS BLOB), size = 15")
      // Then verify names the document
      let found = try fixture.verify().disagreements.map { $0.text(.en) }
      #expect(found.contains { $0.contains("no longer matches its recorded hash") }, "\(found)")
    }
  }

  @Test("A deleted uploaded document is named by verify")
  func deletedDocumentNamed() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
      let stored = try #require(StoredDocument(data: bytes))
      try fixture.ledger.recordExplanation(
        Explanation(
          unit: "朱坝街道", month: try m("2022-07"), received: try d("2022-08-03"),
          document: ExplanationDocument(data: bytes, name: "scan.png")),
        rules: try TestRules.book(), today: try d("2022-08-03"), stamp: fixture.stamp, storing: stored)
      try fixture.tamper("DELETE FROM document")
      let found = try fixture.verify().disagreements.map { $0.text(.en) }
      #expect(found.contains { $0.contains("names an uploaded document the ledger no longer holds") }, "\(found)")
    }
  }

  @Test("A unit's account files its own unit's explanation only")
  func unitFilesOwnOnly() throws {
    try withTemporaryFolder { folder in
      let fixture = try AuditedLedger(folder: folder)
      let other = ActingUser(login: "gonghe", role: .unit, unit: "共和镇")
      let stamp = Stamp(by: "gonghe", at: "2022-08-03T09:00:00+08:00", command: "web").by(other)
      #expect(throws: ZhaoshangError.self) {
        try fixture.ledger.recordExplanation(
          Explanation(unit: "朱坝街道", month: try m("2022-07"), received: try d("2022-08-03")),
          rules: try TestRules.book(), today: try d("2022-08-03"), stamp: stamp)
      }
      #expect(try fixture.ledger.explanations().isEmpty)
    }
  }

  @Test("The demo loads from the shipped bytes without writing a file")
  func demoWritesNoFile() throws {
    let temporary = FileManager.default.temporaryDirectory
    let before = Set((try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [])
    let (ledger, _) = try Demo.load()
    #expect(try ledger.trips().count > 0)
    let after = Set((try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [])
    #expect(after.subtracting(before).filter { $0.hasPrefix("zhaoshang-demo") }.isEmpty)
  }
}
