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

  /// The library's error, with the status it calls for; each problem keeps its code and field, and its
  /// remedy is worded for the web. A storage failure says only that the ledger is unavailable: its text names
  /// files.
  static func from(_ error: ZhaoshangError) -> WebFailure {
    let status: HTTPResponse.Status
    switch error {
    case .invalidInput: status = .unprocessableContent
    case .forbidden: status = .forbidden
    case .notFound: status = .notFound
    case .conflict, .refused: status = .conflict
    case .storage: return unavailable
    }
    return WebFailure(status: status, problems: error.problems.map(WebProblem.init))
  }

  static let unavailable = WebFailure(
    .internalServerError, code: "unavailable",
    Localized(
      "服务器暂时无法读写台账；请稍后重试，或联系督考服务中心", "the server cannot use the ledger just now; try again shortly, or tell the office")
  )
}

/// One problem, as the API's `{"code", "field", "message"}`: `field` is the library's field name (`from`,
/// `names`), which the trip form shows its problem beside.
struct WebProblem: Sendable {
  let code: String
  let field: String?
  let message: Localized

  /// Where in an uploaded file (`FILE:LINE`, `FILE:SHEET!CELL`), for a page that lists a file's problems.
  var position: String? = nil
  /// The offending text as it was sent (a file's line), shown beside the message on pages.
  var excerpt: String? = nil

  init(code: String, field: String?, message: Localized, position: String? = nil, excerpt: String? = nil) {
    self.code = code
    self.field = field
    self.message = message
    self.position = position
    self.excerpt = excerpt
  }

  /// The library's problem, its remedy worded for the web.
  init(_ problem: Problem) {
    self.init(
      code: problem.code.rawValue, field: problem.field?.rawValue, message: problem.explained(.web),
      position: problem.location, excerpt: problem.excerpt)
  }
}

extension ProblemPhrasing {
  /// The web's words: a field by its label on the form, an action by what the page offers.
  static let web = ProblemPhrasing(
    field: { field, language in field.label(language) },
    action: { action, language in
      switch action {
      case .insist: return language.pick("勾选“强制”后再提交", "tick \"force\" and submit again")
      default: return ProblemPhrasing.domain.action(action, language)
      }
    })
}
