import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// Explanations (情况说明) on the web: a short unit files its document for a month it owes, the office and
/// viewers see who owes one and download the documents; nobody reaches another unit's.
@Suite("Explanation uploads")
struct ExplanationUploadTests {
  /// 3 August 2022: July is over, 朱坝街道 was short, its explanation is due 5 August.
  static let august = CivilDate(year: 2022, month: 8, day: 3) ?? CivilDate(ordinal: 0)
  static let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\n情况说明\n%%EOF\n".utf8)

  func harness() throws -> WebHarness { try WebHarness(today: Self.august) }

  /// 朱坝街道 files `pdf` for July; the explanation's id.
  func fileJuly(_ harness: WebHarness, _ client: WebClient) async throws -> Int64 {
    let zhuba = try await client.logIn("zhuba")
    let reply = try await client.upload(
      "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("朱坝街道7月说明.pdf", Self.pdf), session: zhuba)
    #expect(reply.status == .ok)
    return try #require(try harness.ledger.explanations(unit: "朱坝街道").first?.id)
  }

  @Test func aShortUnitSeesTheMonthItOwesAndFilesItsDocument() async throws {
    let harness = try harness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let page = try await client.get("/unit/explanations", session: zhuba)
      #expect(page.status == .ok)
      #expect(page.body.contains("2022年7月"))
      #expect(page.body.contains("2022-08-05"))
      #expect(page.body.contains("未提交"))
      #expect(page.body.contains("enctype=\"multipart/form-data\""))

      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("朱坝街道7月说明.pdf", Self.pdf),
        session: zhuba)
      #expect(reply.status == .ok)
      #expect(reply.body.contains("已提交2022年7月的情况说明"))
      #expect(reply.body.contains("朱坝街道7月说明.pdf"))
      let filed = try #require(try harness.ledger.explanations(unit: "朱坝街道").first)
      #expect(filed.received == Self.august)
      #expect(filed.recordedBy.contains("zhuba"))
      #expect(filed.document?.sha256 == SHA256Digest.hex(of: Self.pdf))
      #expect(try harness.ledger.document(sha256: SHA256Digest.hex(of: Self.pdf))?.type == .pdf)
      #expect(try harness.ledger.verify().isClean)
      #expect(try harness.ledger.history(unit: "朱坝街道").last?.action == .explanationAdded)

      let second = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("again.pdf", Self.pdf), session: zhuba)
      #expect(second.status == .conflict)
      #expect(second.body.contains("已于 2022-08-03 收到并登记"))
      #expect(try harness.ledger.explanations().count == 1)
    }
  }

  @Test func aDocumentOverTwentyMegabytesIsRefused() async throws {
    let harness = try harness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      var big = Data("%PDF-1.4\n".utf8)
      big.append(Data(count: 21 * 1024 * 1024))
      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("big.pdf", big), session: zhuba)
      #expect(reply.status == .contentTooLarge)
      #expect(reply.body.contains("20 MB"))
      #expect(reply.body.contains("只接受 PDF、Word"))
      #expect(try harness.ledger.explanations().isEmpty)
    }
  }

  @Test func anExecutableRenamedPDFIsRefusedSayingWhichTypesAreAccepted() async throws {
    let harness = try harness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      var elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0])
      elf.append(Data(count: 1000))
      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("说明.pdf", elf), session: zhuba)
      #expect(reply.status == .unsupportedMediaType)
      #expect(reply.body.contains("不是 PDF、Word 或图片文件"))
      #expect(reply.body.contains("只接受 PDF、Word（.docx 或 .doc）或图片（JPEG、PNG）"))
      #expect(try harness.ledger.explanations().isEmpty)
    }
  }

  @Test func theTypeIsTheContentsNotTheName() async throws {
    let harness = try harness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("说明.pdf", png), session: zhuba)
      #expect(reply.status == .ok)
      let office = try await client.logIn("office")
      let id = try #require(try harness.ledger.explanations().first?.id)
      let download = try await client.get("/explanations/\(id)/document", session: office)
      #expect(download.headers[.contentType] == "image/png")
    }
  }

  @Test func aMonthNotOwedIsRefusedWithASentence() async throws {
    let harness = try harness()
    try await harness.test { client in
      // 共和镇 met its quota in July, so it owes nothing; a unit field in the form changes nothing
      let gonghe = try await client.logIn("gonghe")
      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07"), ("unit", "朱坝街道")], file: ("说明.pdf", Self.pdf),
        session: gonghe)
      #expect(reply.status == .conflict)
      #expect(reply.body.contains("共和镇"))
      #expect(reply.body.contains("无需作出情况说明"))
      #expect(try harness.ledger.explanations().isEmpty)
    }
  }

  @Test func aMonthNotYetOverIsRefusedWithASentence() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("说明.pdf", Self.pdf), session: zhuba)
      #expect(reply.status == .conflict)
      #expect(reply.body.contains("尚未结束"))
      #expect(try harness.ledger.explanations().isEmpty)
    }
  }

  @Test func aMissingCSRFTokenIsRefused() async throws {
    let harness = try harness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let reply = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("说明.pdf", Self.pdf), session: zhuba,
        csrf: false)
      #expect(reply.status == .forbidden)
      #expect(try harness.ledger.explanations().isEmpty)
    }
  }

  @Test func onlyAUnitsClerkUploadsAndSeesTheUnitsPage() async throws {
    let harness = try harness()
    try await harness.test { client in
      for login in ["office", "leader"] {
        let session = try await client.logIn(login)
        #expect(try await client.get("/unit/explanations", session: session).status == .forbidden)
        let reply = try await client.upload(
          "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("说明.pdf", Self.pdf), session: session)
        #expect(reply.status == .forbidden, "\(login)")
      }
      let anonymous = try await client.upload(
        "/unit/explanations/upload", fields: [("month", "2022-07")], file: ("说明.pdf", Self.pdf), session: nil)
      #expect(anonymous.status == .seeOther)
      #expect(try await client.get("/unit/explanations").headers[.location] == "/login")
      #expect(try harness.ledger.explanations().isEmpty)
    }
  }

  @Test func theOfficeAndViewersDownloadAsAnAttachment() async throws {
    let harness = try harness()
    try await harness.test { client in
      let id = try await fileJuly(harness, client)
      for login in ["office", "leader"] {
        let session = try await client.logIn(login)
        let reply = try await client.get("/explanations/\(id)/document", session: session)
        #expect(reply.status == .ok, "\(login)")
        #expect(reply.headers[.contentType] == "application/pdf")
        #expect(reply.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
        #expect(reply.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
        #expect(reply.headers[.xContentTypeOptions] == "nosniff")
        #expect(Data(reply.body.utf8) == Self.pdf)
      }
      let zhuba = try await client.logIn("zhuba")
      #expect(try await client.get("/explanations/\(id)/document", session: zhuba).status == .ok)
    }
  }

  @Test func anotherUnitCannotDownloadNorGuessIds() async throws {
    let harness = try harness()
    try await harness.test { client in
      let id = try await fileJuly(harness, client)
      let gonghe = try await client.logIn("gonghe")
      let theirs = try await client.get("/explanations/\(id)/document", session: gonghe)
      let guessed = try await client.get("/explanations/\(id + 100)/document", session: gonghe)
      #expect(theirs.status == .notFound)
      #expect(guessed.status == .notFound)
      #expect(!theirs.body.contains("%PDF"))
      // The same answer for another unit's and for none, so a guess tells nothing
      #expect(theirs.body.contains("没有编号为 \(id) 的情况说明"))
      #expect(guessed.body.contains("没有编号为 \(id + 100) 的情况说明"))
      let anonymous = try await client.get("/explanations/\(id)/document")
      #expect(anonymous.status == .seeOther)
    }
  }

  @Test func theOfficeSeesWhoOwesWithStatusAndLink() async throws {
    let harness = try harness()
    try await harness.test { client in
      let id = try await fileJuly(harness, client)
      // The short units have reported July (until a unit reports, the office sees it as 未报送, owing nothing yet)
      for unit in ["朱坝街道", "黄集街道"] {
        try harness.ledger.reportMonth(
          unit: unit, month: Demo.month, nothingToReport: false, rules: harness.rules, today: Self.august,
          stamp: Stamp.now(by: "测试员"))
      }
      let office = try await client.logIn("office")
      let home = try await client.get("/office?month=2022-07", session: office)
      #expect(home.body.contains("/office/explanations?month=2022-07"))
      let page = try await client.get("/office/explanations?month=2022-07", session: office)
      #expect(page.status == .ok)
      #expect(page.body.contains("黄集街道"))
      #expect(page.body.contains("未提交"))
      #expect(page.body.contains("已提交"))
      #expect(page.body.contains("/explanations/\(id)/document"))
      #expect(page.body.contains("已提交 1 个"))
      // The units still to report are named, not counted as owing
      #expect(page.body.contains("尚未报送"), "\(page.body)")

      let leader = try await client.logIn("leader")
      let viewer = try await client.get("/office/explanations?month=2022-07", session: leader)
      #expect(viewer.status == .ok)
      #expect(viewer.body.contains("只读"))
      #expect(!viewer.body.contains("<form method=\"post\" action=\"/unit"))

      let zhuba = try await client.logIn("zhuba")
      #expect(try await client.get("/office/explanations?month=2022-07", session: zhuba).status == .forbidden)
      #expect(try await client.get("/office/explanations").headers[.location] == "/login")
    }
  }

  @Test func overdueOnceTheDueDatePasses() async throws {
    let harness = try WebHarness(today: CivilDate(year: 2022, month: 8, day: 9) ?? Self.august)
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let page = try await client.get("/unit/explanations", session: zhuba)
      #expect(page.body.contains("逾期"))
    }
  }

  @Test func aClosedMonthsOwingPageDoesNotSayTheMonthIsInProgress() async throws {
    // Given July closed on 20 July, before its end
    let harness = try WebHarness()
    try harness.ledger.close(
      month: Demo.month, rules: harness.rules, today: DemoServer.today, force: true, stamp: Stamp.now(by: "测试员"))
    try await harness.test { client in
      let office = try await client.logIn("office")
      let page = try await client.get("/office/explanations?month=2022-07", session: office)
      #expect(page.body.contains("朱坝街道"))
      #expect(!page.body.contains("尚未结束"))
      // and the unit owes its explanation at once
      let zhuba = try await client.logIn("zhuba")
      let unit = try await client.get("/unit/explanations", session: zhuba)
      #expect(unit.body.contains("name=\"month\" value=\"2022-07\""))
    }
  }

  @Test func thePagesSpeakEnglishWhenAsked() async throws {
    let harness = try harness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let page = try await client.get("/unit/explanations?lang=en", session: zhuba)
      #expect(page.body.contains("Months that need an explanation"))
      #expect(page.body.contains("not filed (due 2022-08-05)"))
      let upload = try await client.get("/trips/upload?lang=en", session: zhuba)
      #expect(upload.body.contains("Upload a trips file"))
    }
  }
}
