import Hummingbird
import Logging
import ZhaoshangKit

/// Turns every failure into a response that says what went wrong and what to do, and nothing more: an HTML
/// page, or `{"problems": [...]}` under /api. Anything unexpected is logged and shown as a plain 500, with no
/// stack trace, SQL or file path.
struct FailureMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let app: WebApp

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    let isAPI = request.uri.path.hasPrefix("/api/")
    let failure: WebFailure
    do {
      return try await next(request, context)
    } catch is LoginRequired {
      if isAPI { failure = .unauthenticated } else { return WebApp.redirect("/login") }
    } catch let error as WebFailure {
      failure = error
    } catch let error as ZhaoshangError {
      failure = WebFailure.from(error)
    } catch let error as HTTPResponseError {
      failure = Self.fromHTTP(error.status)
    } catch {
      context.logger.error("unexpected failure", metadata: ["error": .string(String(describing: type(of: error)))])
      failure = WebFailure.unavailable
    }
    if failure.status == .internalServerError {
      context.logger.error("request failed", metadata: ["path": .string(request.uri.path)])
    }
    return isAPI ? APIResponse.problems(failure, context.language) : errorPage(failure, context)
  }

  func errorPage(_ failure: WebFailure, _ context: WebContext) -> Response {
    var values = app.base(context, title: context.language.pick("无法完成", "Could not be done"))
    values["problems"] = WebApp.problems(failure, context.language)
    return app.page("error", values, status: failure.status)
  }

  /// Hummingbird's own refusals (no route, body too large, a bad request line), in the reader's words.
  static func fromHTTP(_ status: HTTPResponse.Status) -> WebFailure {
    switch status {
    case .notFound: return .notFound
    case .contentTooLarge:
      return WebFailure(
        .contentTooLarge, code: "too_large", Localized("提交的内容太大", "what was sent is too large"))
    case .methodNotAllowed:
      return WebFailure(.methodNotAllowed, code: "method", Localized("不支持这种请求方式", "this method is not allowed here"))
    case .unauthorized: return .unauthenticated
    default:
      return status.code < 500 ? WebFailure(status: status, problems: WebFailure.malformed.problems) : .unavailable
    }
  }
}
