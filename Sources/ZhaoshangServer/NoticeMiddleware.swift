import Hummingbird

/// Carries a form's outcome ("submitted #12; waiting for the office's review") from its POST to the page the POST
/// redirects to (Post/Redirect/Get). The POST does the work and answers 303 with the notice in a cookie that lives a
/// minute (`WebApp.redirect(_:notice:)`); the page shows it (`WebContext.notice`) and clears it. Reloading that page
/// reloads a page: it never sends the form again, so a clerk is never asked to resubmit a trip or a review step.
struct NoticeMiddleware: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    let carried = request.cookies[WebApp.noticeCookie]?.value
    context.notice = carried.flatMap(WebApp.decodedNotice)
    var response = try await next(request, context)
    // Cleared by the page that showed it; a redirect passes it on, and a new notice replaces it.
    let isPage = response.headers[.contentType]?.hasPrefix("text/html") == true
    let setsOwn = response.headers[values: .setCookie].contains { $0.hasPrefix(WebApp.noticeCookie + "=") }
    if carried != nil, isPage, !setsOwn {
      response.setCookie(
        Cookie(name: WebApp.noticeCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
    }
    return response
  }
}
