import HTTPTypes
import Hummingbird

/// Headers on every response: no script at all (the pages need none), no framing, no MIME sniffing, and no
/// caching of pages that show a unit's data.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  static var policy: String {
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    // HTTPTypes names neither header; both names are valid tokens, so these lets always succeed.
    if let frame = HTTPField.Name("X-Frame-Options") { response.headers[frame] = "DENY" }
    if let referrer = HTTPField.Name("Referrer-Policy") { response.headers[referrer] = "same-origin" }
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}
