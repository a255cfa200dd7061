import Hummingbird
import ZhaoshangKit

/// A refusal as the web shows it: an HTTP status and the problems, each with a code, the field it concerns
/// and a message in the reader's language. Built from the library's errors; nothing of SQLite or of the
/// server's files reaches it.
struct WebFailure: Error, Sendable {
  let status: HTTPResponse.Status
  let problems: [WebProblem]

  init(status: HTTPResponse.Status, problems: [WebProblem]) {
    self.status = status
    self.problems = problems
  }

  init(_ status: HTTPResponse.Status, code: String, field: String? = nil, _ message: Localized) {
    self.init(status: status, problems: [WebProblem(code: code, field: field, message: message)])
  }

  static let unauthenticated = WebFailure(
    .unauthorized, code: "unauthenticated",
    Localized("请先登录（或在请求头中提供有效的接口令牌）", "log in first (or send a valid API token)"))

  static let badCSRF = WebFailure(
    .forbidden, code: "csrf",
    Localized(
      "表单已过期或不是从本站提交的；请返回页面刷新后重试", "the form expired or was not sent from this site; go back, reload and try again"))

  static let malformed = WebFailure(
    .badRequest, code: "malformed", Localized("请求的格式不正确", "the request is malformed"))

  static let notFound = WebFailure(
    .notFound, code: "not_found", Localized("没有这个页面", "there is no such page"))

  static func forbidden(_ actor: ActingUser) -> WebFailure {
    WebFailure(
      .forbidden, code: "forbidden",
      Localized("\(actor.describe(.zh))无权进行这项操作", "\(actor.describe(.en)) may not do this"))
  }

  /// The library's error, with the status it calls for. A storage failure says only that the ledger is
  /// unavailable: its text names files.
  static func from(_ error: ZhaoshangError) -> WebFailure {
    switch error {
    case .invalidInput(let problems):
      return WebFailure(
        status: .unprocessableContent,
        problems: problems.map {
          WebProblem(code: "invalid", field: $0.location, message: $0.message, excerpt: $0.excerpt)
        })
    case .forbidden(let message): return WebFailure(.forbidden, code: "forbidden", message)
    case .notFound(let message): return WebFailure(.notFound, code: "not_found", message)
    case .conflict(let message): return WebFailure(.conflict, code: "conflict", message)
    case .refused(let message): return WebFailure(.conflict, code: "refused", message)
    case .storage: return unavailable
    }
  }

  static let unavailable = WebFailure(
    .internalServerError, code: "unavailable",
    Localized(
      "服务器暂时无法读写台账；请稍后重试，或联系督考服务中心", "the server cannot use the ledger just now; try again shortly, or tell the office")
  )
}

/// One problem, as the API's `{"code", "field", "message"}`.
struct WebProblem: Sendable {
  let code: String
  let field: String?
  let message: Localized
  /// The offending text as it was sent (a file's line), shown beside the message on pages.
  var excerpt: String? = nil
}
