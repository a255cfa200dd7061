import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// A form's POST does its work and redirects to the page that shows the outcome (Post/Redirect/Get): reloading
/// that page reloads a page, and never sends the trip, the report or the review step a second time.
@Suite("Forms redirect to the page of their outcome")
struct PostRedirectGetTests {
  static let tripForm = [
    ("heads[]", "王某"), ("from", "2022-07-18"), ("to", "2022-07-19"), ("kind", "visit"), ("destination", "南京"),
    ("purpose", "拜访企业"),
  ]

  @Test func aSubmittedTripIsShownOnceAndAReloadSendsNothing() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      // Given a unit's clerk with the trip form filled in
      let zhuba = try await client.logIn("zhuba")
      let before = try harness.tripCount()

      // When the form is sent, as the browser sends it
      var fields = Self.tripForm
      fields.append(("csrf", zhuba.csrf))
      let body = fields.map { "\(WebClient.encode($0.0))=\(WebClient.encode($0.1))" }.joined(separator: "&")
      let posted = try await client.send(
        "/unit/trips", method: .post, session: zhuba,
        headers: [.contentType: "application/x-www-form-urlencoded"], body: body)

      // Then the answer is a redirect to the trip's month, carrying the outcome in a cookie, and the trip is stored
      #expect(posted.status == .seeOther)
      #expect(posted.headers[.location] == "/unit?month=2022-07")
      let notice = try #require(posted.cookie("zs_notice"))
      #expect(notice.contains("HttpOnly") && notice.contains("Max-Age=60"))
      #expect(try harness.tripCount() == before + 1)

      // When the browser follows it with the cookie, then reloads the page once the cookie is gone
      let cookie = "zs_session=\(zhuba.cookie); \(notice.prefix { $0 != ";" })"
      let shown = try await client.get("/unit?month=2022-07", headers: [.cookie: cookie])
      let reloaded = try await client.get("/unit?month=2022-07", session: zhuba)

      // Then the page shows the outcome once and clears the cookie; the reload shows the month, sends nothing
      #expect(shown.status == .ok)
      #expect(shown.body.contains("等待督考服务中心审核"))
      #expect(shown.cookie("zs_notice")?.contains("Max-Age=0") == true)
      #expect(reloaded.status == .ok)
      #expect(!reloaded.body.contains("等待督考服务中心审核"))
      #expect(reloaded.body.contains("南京"))
      #expect(try harness.tripCount() == before + 1)
    }
  }

  @Test func theOfficesReviewStepRedirectsToTheQueue() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      // Given a trip a unit submitted, waiting in the office's queue
      let zhuba = try await client.logIn("zhuba")
      _ = try await client.post("/unit/trips", Self.tripForm, session: zhuba)
      let id = try #require(try harness.ledger.pendingTrips(unit: "朱坝街道").first?.id)

      // When the office approves it
      let office = try await client.logIn("office")
      let body = "ids%5B%5D=\(id)&csrf=\(WebClient.encode(office.csrf))"
      let approved = try await client.send(
        "/office/review/approve", method: .post, session: office,
        headers: [.contentType: "application/x-www-form-urlencoded"], body: body)

      // Then it is approved, and the answer leads back to the queue with the outcome
      #expect(approved.status == .seeOther)
      #expect(approved.headers[.location] == "/office/review")
      let queue = try await client.followingNotice(approved, session: office)
      #expect(queue.body.contains("已通过 #\(id)"))
      #expect(try harness.ledger.pendingTrips(unit: "朱坝街道").isEmpty)
    }
  }

  @Test func aNoticeCookieWrittenByHandIsShownAsText() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      // Given a clerk whose browser holds a notice cookie made to look like markup
      let zhuba = try await client.logIn("zhuba")
      let forged = WebApp.encodedNotice("<script>alert(1)</script><b>已通过</b>")

      // When a page is fetched with it
      let page = try await client.get(
        "/unit", headers: [.cookie: "zs_session=\(zhuba.cookie); zs_notice=\(forged)"])

      // Then the page shows it as text, never as markup
      #expect(page.status == .ok)
      #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(!page.body.contains("<script>alert"))
      #expect(!page.body.contains("<b>已通过"))
    }
  }

  @Test func aNoticeSurvivesItsCookieWhateverItSays() {
    // Given notices with the characters a cookie may not hold as they are, and one far longer than a cookie
    let plain = "已退回 #12（朱坝街道 王某）; reason: \"日期不对\", a=b\\c 100%"
    let long = String(repeating: "《洪泽区朱坝街道7月外出登记表.xlsx》：已添加 12 条外出；", count: 200)

    // When each is written into the cookie and read back
    let plainValue = WebApp.encodedNotice(plain)
    let longValue = WebApp.encodedNotice(long)

    // Then the value holds only letters, digits and escapes, the short one comes back whole, and the long one is
    // cut short to fit, with an ellipsis
    for value in [plainValue, longValue] {
      #expect(value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "%") })
    }
    #expect(WebApp.decodedNotice(plainValue) == plain)
    #expect(longValue.utf8.count <= WebApp.noticeBytes)
    let cut = WebApp.decodedNotice(longValue) ?? ""
    #expect(cut.hasSuffix("…"))
    #expect(cut.count > 100 && long.hasPrefix(String(cut.dropLast())))
  }
}
