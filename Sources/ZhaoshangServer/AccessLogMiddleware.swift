import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path (never the query, never a header or body, so no password or token),
/// status, time taken and who asked.
struct AccessLogMiddleware: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    let started = DispatchTime.now().uptimeNanoseconds
    var status = "error"
    defer {
      let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
      context.logger.info(
        "request",
        metadata: [
          "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .string(status),
          "ms": .string(String(format: "%.1f", milliseconds)),
        ])
    }
    let response = try await next(request, context)
    status = String(response.status.code)
    return response
  }
}
