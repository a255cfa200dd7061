import Foundation
import Hummingbird
import ZhaoshangKit

extension WebApp {
  /// A hash no password matches, checked against when the login is unknown, so that answer takes as long
  /// as a wrong password and does not tell which logins exist.
  static let decoyHash = PasswordHashing.hash(SecretToken.make())

  func addLoginRoutes(to router: Router<WebContext>) {
    router.get("/") { _, context in
      guard let actor = context.actor else { return WebApp.redirect("/login") }
      return WebApp.redirect(actor.role == .unit ? "/unit" : "/office")
    }
    router.get("/login") { _, context in
      if context.actor != nil { return WebApp.redirect("/") }
      return self.loginPage(context, login: "", failure: nil, status: .ok)
    }
    router.post("/login") { request, context in try await self.logIn(request, context) }
    router.post("/logout") { request, context in
      let fields = try await self.form(request)
      if context.actor != nil {
        try self.requireCSRF(fields, context)
        if let cookie = request.cookies[WebApp.sessionCookie]?.value {
          try await self.store { store, _ throws(ZhaoshangError) in try await store.endSession(cookie: cookie) }
        }
      }
      var response = WebApp.redirect("/login")
      response.setCookie(self.sessionCookie(value: "", maxAge: 0))
      return response
    }
  }

  func logIn(_ request: Request, _ context: WebContext) async throws -> Response {
    // No session yet, so no CSRF token: a login posted from another site (which would sign the clerk in as the
    // attacker's account) is told apart by the Origin header browsers send with every cross-site POST.
    guard Self.sameOrigin(request) else {
      return loginPage(
        context, login: "",
        failure: WebFailure(
          .forbidden, code: "login.crossSite",
          Localized(
            "登录表单不是从本站提交的，未登录；请直接打开本站的登录页面再登录",
            "the login form was not sent from this site, so nobody was logged in; open this site's login page and log in there"
          )), status: .forbidden)
    }
    let fields = try await form(request)
    let login = fields.text("login")
    let password = fields["password"] ?? ""
    let wrong = WebFailure(
      .unauthorized, code: "login",
      Localized(
        "登录名或密码不对；连续输错 \(PasswordPolicy.attemptsBeforeLock) 次将锁定 \(PasswordPolicy.lockMinutes) 分钟",
        "wrong login or password; \(PasswordPolicy.attemptsBeforeLock) wrong passwords in a row lock the login for \(PasswordPolicy.lockMinutes) minutes"
      ))
    let now = Date()
    let found =
      login.isEmpty
      ? nil : try await store { store, _ throws(ZhaoshangError) in try await store.credentials(login: login) }
    guard let (account, hash) = found, !account.disabled else {
      _ = try await PasswordHashing.verify(password, hash: Self.decoyHash, on: access.pool)
      return loginPage(context, login: login, failure: wrong, status: .unauthorized)
    }
    if let until = PasswordPolicy.lockedUntil(account, now: now) {
      return loginPage(context, login: login, failure: Self.locked(until: until), status: .tooManyRequests)
    }
    guard try await PasswordHashing.verify(password, hash: hash, on: access.pool) else {
      if let until = try await store({ store, _ throws(ZhaoshangError) in
        try await store.recordFailedLogin(login: login, now: now)
      }) {
        return loginPage(context, login: login, failure: Self.locked(until: until), status: .tooManyRequests)
      }
      return loginPage(context, login: login, failure: wrong, status: .unauthorized)
    }
    let lifetime = configuration.sessionLifetime
    let session = try await store { store, _ throws(ZhaoshangError) in
      try await store.recordSuccessfulLogin(login: login)
      return try await store.startSession(accountID: account.id, now: now, lifetime: lifetime)
    }
    var response = WebApp.redirect(account.role == .unit ? "/unit" : "/office")
    response.setCookie(sessionCookie(value: session.cookie, maxAge: Int(lifetime)))
    return response
  }

  /// True when the request carries no Origin (not a browser's cross-site form: curl, the tests, old browsers) or
  /// one naming the host the request was sent to. Only host names are compared: behind nginx the Host header
  /// loses the port and the scheme the browser used.
  static func sameOrigin(_ request: Request) -> Bool {
    guard let origin = request.headers[.origin] else { return true }
    guard let originHost = URL(string: origin)?.host?.lowercased() else { return false }
    let authority = request.head.authority ?? ""
    let host = URL(string: "http://\(authority)")?.host?.lowercased() ?? ""
    return !host.isEmpty && originHost == host
  }

  static func locked(until: Date) -> WebFailure {
    let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
    return WebFailure(
      .tooManyRequests, code: "locked",
      Localized(
        "密码连续输错次数过多，该登录名已锁定；请 \(minutes) 分钟后再试，或请督考服务中心重设密码",
        "too many wrong passwords: the login is locked; try again in \(minutes) minutes, or ask the office to reset the password"
      ))
  }

  func loginPage(_ context: WebContext, login: String, failure: WebFailure?, status: HTTPResponse.Status) -> Response {
    var values = base(context, title: context.language.pick("登录", "Log in"))
    values["login"] = login
    if let failure {
      values["problems"] = WebApp.problems(failure, context.language)
      values["hasProblems"] = true
    }
    return page("login", values, status: status)
  }

  /// HttpOnly, SameSite=Lax, and Secure when the server sits behind HTTPS.
  func sessionCookie(value: String, maxAge: Int) -> Cookie {
    Cookie(
      name: WebApp.sessionCookie, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies,
      httpOnly: true, sameSite: .lax)
  }
}
