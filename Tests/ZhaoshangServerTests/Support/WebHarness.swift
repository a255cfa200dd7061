import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

/// The web application on the shipped example (Hongze district, July 2022; today 20 July), with one login per
/// role, driven through its router. Passwords are hashed cheaply: the tests check the rules, not bcrypt.
struct WebHarness {
  let ledger: Ledger
  let rules: RuleBook
  let app: Application<RouterResponder<WebContext>>

  static let password = "correct horse battery"
  /// login → its actor.
  static let actors: [String: ActingUser] = [
    "office": ActingUser(login: "office", role: .office),
    "zhuba": ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道"),
    "gonghe": ActingUser(login: "gonghe", role: .unit, unit: "共和镇"),
    "leader": ActingUser(login: "leader", role: .viewer),
  ]

  /// `today`: the server's clock; after July (e.g. 3 August) the short units owe their explanations.
  init(secureCookies: Bool = false, log: CapturedLog? = nil, today: CivilDate = DemoServer.today) throws {
    let (ledger, rules) = try Demo.load()
    let stamp = Stamp.now(by: "测试员")
    for (login, actor) in Self.actors.sorted(by: { $0.key < $1.key }) {
      try ledger.addAccount(
        login: login, role: actor.role, unit: actor.unit, passwordHash: PasswordHashing.hash(Self.password, cost: 4),
        rules: rules, stamp: stamp)
    }
    var configuration = ServerConfiguration(secureCookies: secureCookies)
    configuration.today = { today }
    configuration.defaultMonth = Demo.month
    let web = try WebApp(access: LedgerAccess(ledger: ledger, rules: rules, threads: 2), configuration: configuration)
    self.ledger = ledger
    self.rules = rules
    app = Application(router: web.router(), logger: log?.logger)
  }

  func test<Value>(_ body: @Sendable (WebClient) async throws -> Value) async throws -> Value {
    try await app.test(.router) { client in try await body(WebClient(client: client)) }
  }

  /// A trip recorded as `login` straight into the ledger, for a test's starting point.
  func record(
    as login: String, unit: String, name: String, start: String, destination: String = "上海"
  ) throws -> Int64 {
    let actor = try #require(Self.actors[login])
    let date = try #require(CivilDate(iso: start))
    let outcome = try ledger.recordTrips(
      [Located(Trip(unit: unit, name: name, start: date, end: date, destination: destination))], rules: rules,
      today: DemoServer.today, stamp: Stamp.now(by: login).by(actor))
    return try #require(outcome.added.first?.id)
  }

  func tripCount() throws -> Int { try ledger.trips().count }
}

/// A browser's view of the application: cookies kept between requests, forms posted with the CSRF token.
struct WebClient: Sendable {
  let client: any TestClientProtocol

  struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    /// The value of the hidden `csrf` field of the page's first form.
    var csrf: String? {
      guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
      return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    func cookie(_ name: String) -> String? {
      headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
  }

  /// A session: the cookie and the CSRF token of a logged-in login.
  struct Session: Sendable {
    let cookie: String
    let csrf: String
  }

  func get(_ uri: String, session: Session? = nil, headers: HTTPFields = [:]) async throws -> Reply {
    try await send(uri, method: .get, session: session, headers: headers)
  }

  /// Posts form fields (in order, repeated names kept); the session's CSRF token is added unless `csrf` is false.
  func post(_ uri: String, _ fields: [(String, String)] = [], session: Session? = nil, csrf: Bool = true) async throws
    -> Reply
  {
    var all = fields
    if csrf, let session { all.append(("csrf", session.csrf)) }
    let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    return try await followingNotice(
      try await send(
        uri, method: .post, session: session, headers: [.contentType: "application/x-www-form-urlencoded"], body: body),
      session: session)
  }

  /// The page a form's redirect leads to, fetched as a browser would, with the session and the notice cookie the
  /// redirect set (Post/Redirect/Get). Any other reply, other redirects included (logging in, to the login
  /// page), is returned as it came, for the tests to look at.
  func followingNotice(_ reply: Reply, session: Session?) async throws -> Reply {
    guard reply.status == .seeOther, let location = reply.headers[.location],
      let notice = reply.cookie("zs_notice")?.prefix(while: { $0 != ";" })
    else { return reply }
    var cookies = [String(notice)]
    if let session { cookies.insert("zs_session=\(session.cookie)", at: 0) }
    return try await client.execute(uri: location, method: .get, headers: [.cookie: cookies.joined(separator: "; ")]) {
      response in
      Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
  }

  func send(
    _ uri: String, method: HTTPRequest.Method, session: Session? = nil, headers: HTTPFields = [:], body: String? = nil
  ) async throws -> Reply {
    var headers = headers
    if let session { headers[.cookie] = "zs_session=\(session.cookie)" }
    return try await client.execute(
      uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
    ) { response in
      Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
  }

  /// Posts a `multipart/form-data` body: text fields, then a file under `file` (when given); the session's CSRF
  /// token first unless `csrf` is false.
  func upload(
    _ uri: String, fields: [(String, String)] = [], file: (name: String, data: Data)?, session: Session?,
    csrf: Bool = true
  ) async throws -> Reply {
    let boundary = "----zhaoshang-test-boundary-7MA4YWxkTrZu0gW"
    var body = Data()
    var all = fields
    if csrf, let session { all.insert(("csrf", session.csrf), at: 0) }
    for (name, value) in all {
      body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }
    if let file {
      body.append(
        Data(
          "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            .utf8))
      body.append(file.data)
      body.append(Data("\r\n".utf8))
    }
    body.append(Data("--\(boundary)--\r\n".utf8))
    var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
    if let session { headers[.cookie] = "zs_session=\(session.cookie)" }
    let reply = try await client.execute(
      uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)
    ) { response in
      Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
    return try await followingNotice(reply, session: session)
  }

  /// Logs in and reads the CSRF token from the home page.
  func logIn(_ login: String, password: String = WebHarness.password) async throws -> Session {
    let reply = try await post("/login", [("login", login), ("password", password)])
    #expect(reply.status == .seeOther, "logging in as \(login)")
    let setCookie = try #require(reply.cookie("zs_session"))
    let cookie = String(setCookie.dropFirst("zs_session=".count).prefix { $0 != ";" })
    let home = try await get(reply.headers[.location] ?? "/", session: Session(cookie: cookie, csrf: ""))
    return Session(cookie: cookie, csrf: try #require(home.csrf, "no CSRF token on \(login)'s home page"))
  }

  static func encode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._*")
    return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: "%20", with: "+")
  }
}
