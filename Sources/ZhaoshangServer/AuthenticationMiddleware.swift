import Foundation
import Hummingbird
import ZhaoshangKit

/// Finds who is asking: under /api an `Authorization: Bearer` token, elsewhere the session cookie (kept in the
/// ledger). Neither grants anything by itself; each route checks the role and unit it needs.
struct AuthenticationMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let app: WebApp

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    if request.uri.path.hasPrefix("/api/") {
      if let header = request.headers[.authorization] {
        guard header.lowercased().hasPrefix("bearer "), header.count > 7 else { throw WebFailure.unauthenticated }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard
          let actor = try await app.store({ store, _ throws(ZhaoshangError) in
            try await store.actor(forToken: token)
          })
        else {
          throw WebFailure.unauthenticated
        }
        context.actor = actor
      }
    } else if let cookie = request.cookies[WebApp.sessionCookie]?.value, !cookie.isEmpty, cookie.count <= 128 {
      let now = Date()
      if let session = try await app.store({ store, _ throws(ZhaoshangError) in
        try await store.session(cookie: cookie, now: now)
      }) {
        context.actor = session.actor
        context.csrf = session.csrf
      }
    }
    return try await next(request, context)
  }
}
