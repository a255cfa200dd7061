import Hummingbird
import ZhaoshangKit

/// Chinese unless asked otherwise: `?lang=en` (remembered in a cookie), the cookie, or an `Accept-Language`
/// whose first choice is English.
struct LanguageMiddleware: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    let asked = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
    if let asked {
      context.language = asked
    } else if let remembered = request.cookies[WebApp.languageCookie].flatMap({ Language(rawValue: $0.value) }) {
      context.language = remembered
    } else {
      context.language = Self.fromAcceptLanguage(request.headers[.acceptLanguage])
    }
    var response = try await next(request, context)
    if let asked {
      response.setCookie(
        Cookie(name: WebApp.languageCookie, value: asked.rawValue, path: "/", httpOnly: true, sameSite: .lax))
    }
    return response
  }

  /// English when the header's first language is English; Chinese otherwise, and by default.
  static func fromAcceptLanguage(_ header: String?) -> Language {
    guard let first = header?.split(separator: ",").first?.split(separator: ";").first else { return .zh }
    return first.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("en") ? .en : .zh
  }
}
