import Hummingbird
import ZhaoshangKit

/// A request's context: who is logged in (from the session cookie or an API token), the session's CSRF token,
/// and the language pages are written in.
public struct WebContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  var actor: ActingUser?
  var csrf: String?
  var language: Language = .zh
  /// What the form posted just before said it did, carried over its redirect (`NoticeMiddleware`).
  var notice: String?

  public init(source: Source) {
    coreContext = .init(source: source)
  }

  /// Bodies are read with explicit limits (`WebApp.body`); this caps anything read otherwise.
  public var maxUploadSize: Int { 256 * 1024 }
}
