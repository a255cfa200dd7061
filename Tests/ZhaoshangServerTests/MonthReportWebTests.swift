import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// A unit reports its month (报送) from its home page, and the office sees who has not.
@Suite("Month reports in the browser")
struct MonthReportWebTests {
  /// The text of the office page's list of units that have not reported.
  private func notReported(_ page: String) -> String {
    guard let start = page.range(of: #"<p id="not-reported">"#),
      let end = page.range(of: "</p>", range: start.upperBound..<page.endIndex)
    else { return "" }
    return String(page[start.upperBound..<end.lowerBound])
  }

  @Test("A unit reports the month with the same call as the command line, CSRF-checked, and the office sees it")
  func unitReportsAndOfficeSees() async throws {
    // Given the demo on 20 July, nobody having reported
    let harness = try WebHarness()
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      // The unit's home shows the month so far and the two buttons
      let home = try await client.get("/unit", session: zhuba)
      #expect(home.body.contains("本月已报送") && home.body.contains("本月未外出"), "\(home.body)")
      #expect(home.body.contains("截至2022年7月20日（本月还剩 11 天）"))
      #expect(home.body.contains(#"action="/unit/report""#))
      let office = try await client.logIn("office")
      let before = try await client.get("/office?month=2022-07", session: office)
      #expect(notReported(before.body).contains("朱坝街道"), "\(notReported(before.body))")
      // A post without the form's token is refused and records nothing
      let forged = try await client.post("/unit/report", [("month", "2022-07")], session: zhuba, csrf: false)
      #expect(forged.status == .forbidden)
      #expect(try harness.ledger.monthReports().isEmpty)
      // When the unit presses 本月已报送
      let reported = try await client.post("/unit/report", [("month", "2022-07")], session: zhuba)
      #expect(reported.status == .ok)
      #expect(reported.body.contains("已报送2022年7月"), "\(reported.body)")
      // Then the ledger holds the report, by the unit's login, and the office's list no longer names the unit
      let report = try #require(try harness.ledger.monthReports(month: Demo.month).first)
      #expect(report.unit == "朱坝街道" && report.recordedBy == "zhuba" && !report.nothingToReport)
      let after = try await client.get("/office?month=2022-07", session: office)
      #expect(!notReported(after.body).contains("朱坝街道"))
      #expect(notReported(after.body).contains("共和镇"))
      // A second report is a conflict; the office and viewers have no unit page to report from
      let again = try await client.post("/unit/report", [("month", "2022-07")], session: zhuba)
      #expect(again.status == .conflict)
      let viewer = try await client.logIn("leader")
      #expect(try await client.post("/unit/report", [("month", "2022-07")], session: viewer).status == .forbidden)
      #expect(try harness.ledger.verify().isClean)
    }
  }

  @Test("本月未外出 records a zero report for a month with no trips of the unit")
  func zeroReport() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let gonghe = try await client.logIn("gonghe")
      let reply = try await client.post("/unit/report", [("month", "2022-06"), ("none", "1")], session: gonghe)
      #expect(reply.status == .ok, "\(reply.body)")
      let report = try #require(try harness.ledger.monthReports(month: try #require(Month(parsing: "2022-06"))).first)
      #expect(report.unit == "共和镇" && report.nothingToReport)
      let page = try await client.get("/unit?month=2022-06", session: gonghe)
      #expect(page.body.contains("已报送：未外出"), "\(page.body)")
    }
  }
}
