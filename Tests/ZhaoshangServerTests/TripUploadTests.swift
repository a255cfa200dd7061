import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// Uploading a trips file: all lines recorded in one transaction, or none with every line's problem shown.
@Suite("Trips file upload")
struct TripUploadTests {
  static let header = "unit,name,start,end,destination,purpose,companies,kind\n"

  static func csv(_ lines: [String]) -> Data { Data((header + lines.joined(separator: "\n") + "\n").utf8) }

  static let twoGoodLines = csv([
    "朱坝街道,王某,2022-07-18,2022-07-19,南京,拜访企业,甲公司,visit",
    "朱坝街道,刘某,2022-07-18,2022-07-18,扬州,洽谈项目,乙公司,visit",
  ])

  @Test func aUnitsGoodFileIsRecordedAsSubmittedWithTheClerkAsActor() async throws {
    let harness = try WebHarness()
    let before = try harness.tripCount()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let form = try await client.get("/trips/upload", session: zhuba)
      #expect(form.status == .ok)
      #expect(form.body.contains("enctype=\"multipart/form-data\""))
      let reply = try await client.upload(
        "/trips/upload", file: ("7月外出.csv", Self.twoGoodLines), session: zhuba)
      #expect(reply.status == .ok)
      #expect(reply.body.contains("已添加 2 条外出"))
      #expect(!reply.body.contains("条与已登记的重复"))
      let pending = try harness.ledger.pendingTrips(unit: "朱坝街道")
      #expect(pending.map(\.destination).sorted() == ["南京", "扬州"])
      #expect(try harness.tripCount() == before + 2)
      #expect(try harness.ledger.verify().isClean)
      let history = try harness.ledger.history(unit: "朱坝街道").last
      #expect(history?.by.contains("zhuba") == true)

      let again = try await client.upload("/trips/upload", file: ("7月外出.csv", Self.twoGoodLines), session: zhuba)
      #expect(again.body.contains("已添加 0 条外出"))
      #expect(again.body.contains("2 条与已登记的重复"))
    }
  }

  @Test func oneBadLineWritesNothingAndShowsThatLinesProblem() async throws {
    let harness = try WebHarness()
    let before = try harness.tripCount()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let file = Self.csv([
        "朱坝街道,王某,2022-07-18,2022-07-19,南京,拜访企业,甲公司,visit",
        "朱坝街道,刘某,2022-07-32,2022-07-18,扬州,洽谈项目,乙公司,visit",
      ])
      let reply = try await client.upload("/trips/upload", file: ("7月外出.csv", file), session: zhuba)
      #expect(reply.status == .unprocessableContent)
      #expect(reply.body.contains("第 3 行"))
      #expect(reply.body.contains("2022-07-32"))
      #expect(reply.body.contains("未导入，没有写入任何一行：发现 1 处问题"))
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func aLineOfAnotherUnitIsRefusedBesideItsLineAndNothingIsWritten() async throws {
    let harness = try WebHarness()
    let before = try harness.tripCount()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let file = Self.csv([
        "朱坝街道,王某,2022-07-18,2022-07-19,南京,拜访企业,甲公司,visit",
        "共和镇,何某,2022-07-18,2022-07-18,扬州,洽谈项目,乙公司,visit",
      ])
      let reply = try await client.upload("/trips/upload", file: ("外出.csv", file), session: zhuba)
      #expect(reply.status == .unprocessableContent)
      #expect(reply.body.contains("第 3 行"))
      #expect(reply.body.contains("不是本单位「朱坝街道」"))
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func aWorkbookIsReadAndItsProblemsNameTheCell() async throws {
    let harness = try WebHarness()
    let before = try harness.tripCount()
    let table = ReportTable(
      sheetName: "外出", title: "7月外出", header: ["单位", "姓名", "开始日期", "结束日期", "目的地"],
      textRows: [["朱坝街道", "王某", "2022-07-18", "不是日期", "南京"]])
    let workbook = try XLSXWriter.data([table])
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let reply = try await client.upload("/trips/upload", file: ("7月外出.xlsx", workbook), session: zhuba)
      #expect(reply.status == .unprocessableContent)
      #expect(reply.body.contains("外出!D"), "the problem names the cell")
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func theOfficesUploadIsApprovedAtOnce() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let office = try await client.logIn("office")
      let reply = try await client.upload("/trips/upload", file: ("外出.csv", Self.twoGoodLines), session: office)
      #expect(reply.status == .ok)
      #expect(reply.body.contains("直接计入"))
      #expect(try harness.ledger.pendingTrips(unit: "朱坝街道").isEmpty)
      #expect(try harness.ledger.trips(in: Demo.month, unit: "朱坝街道").contains { $0.destination == "扬州" })
    }
  }

  @Test func viewersAndAnonymousUploadNothing() async throws {
    let harness = try WebHarness()
    let before = try harness.tripCount()
    try await harness.test { client in
      let leader = try await client.logIn("leader")
      let viewer = try await client.upload("/trips/upload", file: ("外出.csv", Self.twoGoodLines), session: leader)
      #expect(viewer.status == .forbidden)
      #expect(try await client.get("/trips/upload", session: leader).status == .forbidden)
      let anonymous = try await client.upload("/trips/upload", file: ("外出.csv", Self.twoGoodLines), session: nil)
      #expect(anonymous.status == .seeOther)
      #expect(anonymous.headers[.location] == "/login")
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func aMissingCSRFTokenIsRefused() async throws {
    let harness = try WebHarness()
    let before = try harness.tripCount()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let reply = try await client.upload(
        "/trips/upload", file: ("外出.csv", Self.twoGoodLines), session: zhuba, csrf: false)
      #expect(reply.status == .forbidden)
      #expect(reply.body.contains("表单已过期"))
      #expect(try harness.tripCount() == before)
    }
  }

  @Test func aFileOverTenMegabytesIsRefusedWithAPage() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let big = Data(count: WebApp.tripsFileLimit + 1)
      let reply = try await client.upload("/trips/upload", file: ("外出.csv", big), session: zhuba)
      #expect(reply.status == .contentTooLarge)
      #expect(reply.body.contains("文件超过 10 MB"))
      #expect(reply.body.contains("<html"))
    }
  }

  @Test func aTripInAClosedMonthIsRefusedWithASentence() async throws {
    let harness = try WebHarness()
    try harness.ledger.close(
      month: Demo.month, rules: harness.rules, today: DemoServer.today, force: true, stamp: Stamp.now(by: "测试员"))
    let before = try harness.tripCount()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let reply = try await client.upload("/trips/upload", file: ("外出.csv", Self.twoGoodLines), session: zhuba)
      #expect(reply.status == .conflict)
      #expect(reply.body.contains("封存"))
      #expect(try harness.tripCount() == before)
    }
  }
}
