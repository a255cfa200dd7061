import Foundation
import Hummingbird
import Logging
import Mustache
import ZhaoshangKit

/// The web application: its routes, pages and API over one ledger. Built by `ZhaoshangWebServer`, and by
/// tests, which drive its router without a socket.
public struct WebApp: Sendable {
  let access: LedgerAccess
  let configuration: ServerConfiguration
  let templates: MustacheLibrary

  static let sessionCookie = "zs_session"
  static let languageCookie = "zs_lang"
  static let noticeCookie = "zs_notice"

  public init(access: LedgerAccess, configuration: ServerConfiguration) throws {
    self.access = access
    self.configuration = configuration
    var library = MustacheLibrary()
    for (name, text) in PageTemplates.all { try library.register(text, named: name) }
    templates = library
  }

  /// Every route, behind logging, security headers, the language, error pages and authentication.
  public func router() -> Router<WebContext> {
    let router = Router(context: WebContext.self)
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: NoticeMiddleware())
    router.add(middleware: FailureMiddleware(app: self))
    router.add(middleware: AuthenticationMiddleware(app: self))
    router.get("/healthz") { _, _ in "ok\n" }
    router.get("/static/app.css") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(string: PageTemplates.styleSheet)))
    }
    addLoginRoutes(to: router)
    addUnitRoutes(to: router)
    addOfficeRoutes(to: router)
    addTripUploadRoutes(to: router)
    addExplanationRoutes(to: router)
    addAPIRoutes(to: router)
    return router
  }

  // MARK: Helpers for the routes

  /// The request's body as form fields, refusing bodies over the limit (413) and bad encoding (400).
  func form(_ request: Request) async throws -> FormFields {
    let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
    guard let fields = FormFields(String(buffer: buffer)) else { throw WebFailure.malformed }
    return fields
  }

  /// The logged-in actor, else a redirect to the login page (pages) or 401 (API).
  func actor(_ context: WebContext) throws -> ActingUser {
    guard let actor = context.actor else { throw LoginRequired() }
    return actor
  }

  /// A changing form must carry the session's CSRF token.
  func requireCSRF(_ fields: FormFields, _ context: WebContext) throws {
    guard let expected = context.csrf, let given = fields["csrf"], Self.constantTimeEqual(given, expected) else {
      throw WebFailure.badCSRF
    }
  }

  static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }

  /// Work that takes a while without touching the ledger (reading an uploaded workbook) runs on the server's own
  /// threads, so no event loop waits on it; the library's refusals become web failures.
  func offTheLoop<T: Sendable>(_ body: @escaping @Sendable () throws(ZhaoshangError) -> T) async throws -> T {
    do {
      return try await access.pool.runIfActive { try body() }
    } catch let error as ZhaoshangError {
      throw WebFailure.from(error)
    }
  }

  /// Calls on the ledger's store (`LedgerStore`, whatever engine keeps it): every route reads and writes the
  /// ledger through here and nothing else; the library's refusals become web failures.
  func store<T: Sendable>(_ body: (any LedgerStore, RuleBook) async throws(ZhaoshangError) -> T) async throws -> T {
    do {
      return try await body(access.store, access.rules)
    } catch {
      throw WebFailure.from(error)
    }
  }

  /// A stamp for a change made through the web: the actor, now, and the request as the "command".
  func stamp(_ actor: ActingUser, _ request: Request) -> Stamp {
    // Kept in UTC, unambiguous whatever the server's zone; pages show it in the office's (`OfficeClock`).
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
    return Stamp(
      actor: actor, at: formatter.string(from: Date()), command: "web \(request.method.rawValue) \(request.uri.path)")
  }

  func month(_ request: Request) throws -> Month {
    guard let text = request.uri.queryParameters["month"].map(String.init), !text.isEmpty else {
      return configuration.month(nil)
    }
    guard let month = Month(parsing: text) else {
      throw WebFailure(
        .badRequest, code: "invalid", field: "month",
        Localized("月份格式不对：\(text)；请写成 2022-07", "not a month: \(text); write it as 2022-07"))
    }
    return month
  }

  // MARK: Pages

  /// The values every page's header needs.
  func base(_ context: WebContext, title: String, month: Month? = nil) -> [String: Any] {
    let language = context.language
    var values: [String: Any] = [
      "t": PageLabels.of(language), "lang": language == .zh ? "zh-CN" : "en",
      "otherLang": language == .zh ? "en" : "zh", "title": title,
    ]
    if let month { values["month"] = month.iso }
    if let actor = context.actor {
      values["user"] = ["describe": actor.describe(language)]
      values["csrf"] = context.csrf ?? ""
      values["isOffice"] = actor.role == .office
      values["isViewer"] = actor.role == .viewer
      values["isUnit"] = actor.role == .unit
    }
    return values
  }

  func page(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
    let html = templates.render(values, withTemplate: name) ?? ""
    return Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  /// 303 to the page at `location`, which shows `notice` once (Post/Redirect/Get, see `NoticeMiddleware`).
  func redirect(_ location: String, notice: String) -> Response {
    var response = Self.redirect(location)
    response.setCookie(
      Cookie(
        name: Self.noticeCookie, value: Self.encodedNotice(notice), maxAge: 60, path: "/",
        secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
    return response
  }

  /// The notice as a cookie's value: UTF-8, percent-encoded but for ASCII letters and digits, cut short (with an
  /// ellipsis) where a browser might refuse the cookie.
  static func encodedNotice(_ notice: String) -> String {
    let hex = Array("0123456789ABCDEF")
    func encoded(_ text: Substring) -> String {
      var value = ""
      for byte in text.utf8 {
        if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
          value.append(Character(UnicodeScalar(byte)))
        } else {
          value += ["%", hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
      }
      return value
    }
    var kept = Substring(notice)
    var value = encoded(kept)
    while value.count > noticeBytes, !kept.isEmpty {
      kept = kept.dropLast(max(1, kept.count / 8))
      value = encoded(kept + "…")
    }
    return value
  }

  /// Browsers keep cookies of up to 4,096 bytes, name and attributes included.
  static let noticeBytes = 3_600

  static func decodedNotice(_ value: String) -> String? {
    guard let text = value.removingPercentEncoding, !text.isEmpty else { return nil }
    return text
  }

  static func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }

  static func problems(_ failure: WebFailure, _ language: Language) -> [[String: Any]] {
    failure.problems.map { problem in
      var entry: [String: Any] = ["message": problem.message.text(language)]
      // Shown before the message: the file's line, or the field by its label on the form.
      let label = problem.field.map { ProblemField(rawValue: $0)?.label(language) ?? $0 }
      if let place = problem.position ?? label { entry["field"] = place }
      return entry
    }
  }

  /// `12.5`, `3`: days without a trailing `.0`.
  static func days(_ count: DayCount) -> String { count.description }
}

/// Thrown where a page needs a logged-in user and there is none.
struct LoginRequired: Error {}
