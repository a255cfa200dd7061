import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// Who may reach what: every page and API route for every role, allowed or refused with nothing written.
@Suite("Web access")
struct WebAccessTests {
  @Test func healthzAnswersAndEveryResponseCarriesTheSecurityHeaders() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let reply = try await client.get("/healthz")
      #expect(reply.status == .ok)
      #expect(reply.body == "ok\n")
      for path in ["/healthz", "/login", "/nowhere"] {
        let headers = try await client.get(path).headers
        let policy = try #require(headers[.contentSecurityPolicy], "\(path) has no CSP")
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("script-src") || !policy.contains("unsafe-inline"))
        #expect(policy.contains("default-src 'none'"))
        #expect(headers[.xContentTypeOptions] == "nosniff")
        #expect(headers.first { $0.name.canonicalName == "x-frame-options" }?.value == "DENY")
      }
    }
  }

  @Test func theLoginPageIsChineseByDefaultAndEnglishWhenAsked() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let reply1 = try await client.get("/login")
      #expect(reply1.body.contains("登录名"))
      let reply2 = try await client.get("/login?lang=en")
      #expect(reply2.body.contains(">Login"))
      let reply3 = try await client.get("/login", headers: [.acceptLanguage: "en-GB,en;q=0.9"])
      #expect(reply3.body.contains(">Login"))
      let reply4 = try await client.get("/login")
      #expect(!(reply4.body.contains("<script")))
    }
  }

  @Test(arguments: [false, true]) func theSessionCookieIsHttpOnlyLaxAndSecureWhenAsked(secure: Bool) async throws {
    let harness = try WebHarness(secureCookies: secure)
    try await harness.test { client in
      let reply = try await client.post("/login", [("login", "zhuba"), ("password", WebHarness.password)])
      let cookie = try #require(reply.cookie("zs_session"))
      #expect(cookie.contains("HttpOnly"))
      #expect(cookie.contains("SameSite=Lax"))
      #expect(cookie.contains("Secure") == secure)
    }
  }

  @Test func aLoginPostedFromAnotherSiteSignsNobodyIn() async throws {
    // Given the right password, posted once by a form on another site and once by this site's own page
    let harness = try WebHarness()
    try await harness.test { client in
      let body = "login=zhuba&password=\(WebClient.encode(WebHarness.password))"
      let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
      var foreign = form
      foreign[.origin] = "https://evil.example"
      var own = form
      own[.origin] = "http://localhost"

      // When each is sent
      let refused = try await client.send("/login", method: .post, headers: foreign, body: body)
      let accepted = try await client.send("/login", method: .post, headers: own, body: body)

      // Then the other site's gets a page saying why and no session; this site's logs in
      #expect(refused.status == .forbidden)
      #expect(refused.cookie("zs_session") == nil)
      #expect(refused.body.contains("登录表单不是从本站提交的"))
      #expect(accepted.status == .seeOther)
      #expect(accepted.cookie("zs_session") != nil)
    }
  }

  @Test func withoutALoginPagesSendToTheLoginAndTheAPIAnswers401() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      for path in ["/unit", "/office", "/office/review", "/office/bulletin"] {
        let reply = try await client.get(path)
        #expect(reply.status == .seeOther, "\(path)")
        #expect(reply.headers[.location] == "/login")
      }
      let api = try await client.get("/api/v1/trips?month=2022-07")
      #expect(api.status == .unauthorized)
      #expect(api.body.contains(#""problems":[{"code":"unauthenticated""#))
      let badToken = try await client.get("/api/v1/check", headers: [.authorization: "Bearer nonsense"])
      #expect(badToken.status == .unauthorized)
    }
  }

  /// Each page for each role: 200 where the role belongs, 403 elsewhere.
  @Test(arguments: [
    ("/unit", ["zhuba": 200, "office": 403, "leader": 403]),
    ("/unit/trips/new", ["zhuba": 200, "office": 403, "leader": 403]),
    ("/office", ["zhuba": 403, "office": 200, "leader": 200]),
    ("/office/review", ["zhuba": 403, "office": 200, "leader": 200]),
    ("/office/bulletin", ["zhuba": 403, "office": 200, "leader": 200]),
    ("/office/roster", ["zhuba": 403, "office": 200, "leader": 200]),
  ])
  func pagesAnswerEachRole(path: String, expected: [String: Int]) async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      for (login, status) in expected {
        let session = try await client.logIn(login)
        let reply = try await client.get(path, session: session)
        #expect(reply.status.code == status, "\(login) GET \(path)")
      }
    }
  }

  @Test func onlyAUnitSubmitsTripsByTheFormAndOnlyForItsOwnUnit() async throws {
    let harness = try WebHarness()
    let form = [
      ("heads[]", "王某"), ("from", "2022-07-18"), ("to", "2022-07-19"), ("kind", "visit"), ("destination", "南京"),
    ]
    try await harness.test { client in
      let before = try harness.tripCount()
      for login in ["office", "leader"] {
        let reply = try await client.post("/unit/trips", form, session: try await client.logIn(login))
        #expect(reply.status == .forbidden, "\(login)")
      }
      #expect(try harness.tripCount() == before)
      // 共和镇's clerk naming 朱坝街道's head: the unit comes from the login, so the head is not on its roster
      let gonghe = try await client.post("/unit/trips", form, session: try await client.logIn("gonghe"))
      #expect(gonghe.status == .unprocessableContent)
      #expect(try harness.tripCount() == before)
      let zhuba = try await client.post("/unit/trips", form, session: try await client.logIn("zhuba"))
      #expect(zhuba.status == .ok)
      #expect(try harness.tripCount() == before + 1)
      #expect(try harness.ledger.pendingTrips(unit: "朱坝街道").count == 1)
    }
  }

  @Test func reviewIsTheOfficesAloneByPage() async throws {
    let harness = try WebHarness()
    let id = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    try await harness.test { client in
      for login in ["zhuba", "leader"] {
        let session = try await client.logIn(login)
        let reply5 = try await client.post("/office/review/approve", [("ids[]", "\(id)")], session: session)
        #expect(reply5.status == .forbidden)
        let reply6 = try await client.post("/office/review/\(id)/return", [("reason", "x")], session: session)
        #expect(reply6.status == .forbidden)
      }
      #expect(try harness.ledger.pendingTrips().map(\.id) == [id])
      let office = try await client.logIn("office")
      let reply = try await client.post("/office/review/approve", [("ids[]", "\(id)")], session: office)
      #expect(reply.status == .ok)
      #expect(try harness.ledger.pendingTrips().isEmpty)
    }
  }

  @Test func theUnitsTripActionsAreRefusedToTheOfficeAndViewers() async throws {
    let harness = try WebHarness()
    let id = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    try harness.ledger.returnTrip(id: id, reason: "请补充", stamp: Stamp.now(by: "office"))
    let correction = [("heads[]", "王某"), ("from", "2022-07-18"), ("destination", "更正后的目的地")]
    try await harness.test { client in
      for login in ["office", "leader"] {
        let session = try await client.logIn(login)
        for (path, fields) in [
          ("/unit/trips/\(id)/withdraw", []), ("/unit/trips/\(id)/resubmit", []),
          ("/unit/trips/\(id)/correct", correction),
        ] {
          let reply = try await client.post(path, fields, session: session)
          #expect(reply.status == .forbidden, "\(login) POST \(path)")
        }
        let form = try await client.get("/unit/trips/\(id)/correct", session: session)
        #expect(form.status == .forbidden, "\(login) GET correct")
      }
      let trip = try harness.ledger.trip(id: id, as: .office("x"))
      #expect(trip.review == .returned)
      #expect(try harness.ledger.trips().filter { $0.destination == "更正后的目的地" }.isEmpty)
    }
  }

  @Test func aUnitCannotTouchAnotherUnitsTripByGuessingItsId() async throws {
    let harness = try WebHarness()
    let theirs = try harness.record(as: "gonghe", unit: "共和镇", name: "何某", start: "2022-07-18")
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      for action in ["withdraw", "resubmit"] {
        let reply7 = try await client.post("/unit/trips/\(theirs)/\(action)", session: zhuba)
        #expect(reply7.status == .notFound, "\(action)")
      }
      let reply8 = try await client.get("/unit/trips/\(theirs)/correct", session: zhuba)
      #expect(reply8.status == .notFound)
      let reply9 = try await client.get("/unit?month=2022-07", session: zhuba)
      #expect(!(reply9.body.contains("何某")))
      #expect(try harness.ledger.pendingTrips().map(\.id) == [theirs])
    }
  }

  @Test func aChangingFormWithoutTheCSRFTokenIsRefusedAndWritesNothing() async throws {
    let harness = try WebHarness()
    let id = try harness.record(as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18")
    try await harness.test { client in
      let zhuba = try await client.logIn("zhuba")
      let before = try harness.tripCount()
      let form = [("heads[]", "王某"), ("from", "2022-07-19"), ("destination", "南京")]
      let reply10 = try await client.post("/unit/trips", form, session: zhuba, csrf: false)
      #expect(reply10.status == .forbidden)
      let forged = WebClient.Session(cookie: zhuba.cookie, csrf: String(repeating: "0", count: 64))
      let reply11 = try await client.post("/unit/trips", form, session: forged)
      #expect(reply11.status == .forbidden)
      #expect(try harness.tripCount() == before)
      let office = try await client.logIn("office")
      let reply12 = try await client.post("/office/review/approve", [("ids[]", "\(id)")], session: office, csrf: false)
      #expect(reply12.status == .forbidden)
      #expect(try harness.ledger.pendingTrips().map(\.id) == [id])
    }
  }

  @Test func tenWrongPasswordsLockTheLoginWith429() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      for attempt in 1...10 {
        let reply = try await client.post("/login", [("login", "zhuba"), ("password", "wrong password \(attempt)")])
        #expect(reply.status == (attempt < 10 ? .unauthorized : .tooManyRequests), "attempt \(attempt)")
        #expect(reply.cookie("zs_session") == nil)
      }
      let right = try await client.post("/login", [("login", "zhuba"), ("password", WebHarness.password)])
      #expect(right.status == .tooManyRequests)
      #expect(right.cookie("zs_session") == nil)
      // another login is not affected
      _ = try await client.logIn("gonghe")
    }
  }

  @Test func aDestinationIsShownAsTextNeverAsMarkup() async throws {
    let harness = try WebHarness()
    _ = try harness.record(
      as: "zhuba", unit: "朱坝街道", name: "王某", start: "2022-07-18", destination: "<script>alert(1)</script>")
    try await harness.test { client in
      for (login, path) in [("zhuba", "/unit"), ("office", "/office/review")] {
        let body = try await client.get(path, session: try await client.logIn(login)).body
        #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        #expect(!body.contains("<script>"), "\(path)")
      }
    }
  }

  @Test func requestsAreLoggedWithoutPasswordTokenOrQuery() async throws {
    let log = CapturedLog()
    let harness = try WebHarness(log: log)
    let token = try harness.ledger.issueToken(login: "zhuba", stamp: Stamp.now(by: "测试员"))
    try await harness.test { client in
      _ = try await client.post("/login", [("login", "zhuba"), ("password", "a wrong password")])
      _ = try await client.logIn("zhuba")
      _ = try await client.send(
        "/api/v1/check?month=2022-07", method: .get, headers: [.authorization: "Bearer \(token)"])
    }
    let text = log.text
    #expect(text.contains("path=/login") && text.contains("status=401") && text.contains("path=/api/v1/check"))
    #expect(!text.contains("a wrong password") && !text.contains(WebHarness.password) && !text.contains(token))
    #expect(!text.contains("month=2022-07"))
  }

  @Test func refusalsNameNoFileSQLOrStack() async throws {
    let harness = try WebHarness()
    try await harness.test { client in
      let session = try await client.logIn("zhuba")
      let missing = try await client.get("/no/such/page", session: session)
      #expect(missing.status == .notFound)
      let badMonth = try await client.get("/unit?month=2022-13", session: session)
      #expect(badMonth.status == .badRequest)
      let huge = String(repeating: "a", count: 300 * 1024)
      let tooLarge = try await client.post("/unit/trips", [("destination", huge)], session: session)
      #expect(tooLarge.status == .contentTooLarge)
      let malformed = try await client.send(
        "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: "login=%zz")
      #expect(malformed.status == .badRequest)
      for reply in [missing, badMonth, tooLarge, malformed] {
        #expect(!reply.body.contains("sqlite") && !reply.body.contains("/work/") && !reply.body.contains("Error("))
      }
    }
  }
}
