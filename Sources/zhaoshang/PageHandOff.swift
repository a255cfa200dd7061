import Foundation
import ZhaoshangKit

/// Pages handed from one thread to another, at most `ahead` waiting: the reader blocks when the writer is behind,
/// and stops (its `put` throws) once the writer has given up.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
final class PageHandOff<Page>: @unchecked Sendable {
  private let condition = NSCondition()
  private let ahead: Int
  private var waiting: [Page] = []
  private var finished = false
  private var failure: ZhaoshangError?
  private var abandoned = false

  init(ahead: Int) { self.ahead = ahead }

  /// Hands a page over, waiting while `ahead` pages wait already; throws once the taker has abandoned the pages.
  func put(_ page: Page) throws(ZhaoshangError) {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count >= ahead && !abandoned { condition.wait() }
    guard !abandoned else { throw Self.stopped }
    waiting.append(page)
    condition.broadcast()
  }

  /// No more pages: the reading ended, with `error` if it failed.
  func finish(_ error: ZhaoshangError?) {
    condition.lock()
    defer { condition.unlock() }
    finished = true
    failure = error
    condition.broadcast()
  }

  /// The next page; nil once every page is taken and the reading ended well; the reading's error if it failed.
  func take() throws(ZhaoshangError) -> Page? {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty && !finished { condition.wait() }
    if !waiting.isEmpty {
      condition.broadcast()
      return waiting.removeFirst()
    }
    if let failure { throw failure }
    return nil
  }

  /// The taker wants no more: a waiting `put` throws, and so does every later one.
  func abandon() {
    condition.lock()
    defer { condition.unlock() }
    abandoned = true
    waiting.removeAll()
    condition.broadcast()
  }

  /// What a reader is told when the writer has stopped taking pages; never shown, as the writer's own error is.
  static var stopped: ZhaoshangError {
    .storage(Localized("列表的输出已停止，不再读取", "the listing's output stopped, so reading stopped too"))
  }
}
