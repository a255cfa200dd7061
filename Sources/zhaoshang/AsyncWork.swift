import Dispatch
import Foundation
import ZhaoshangKit

/// Runs async work (PostgreSQL's client is async) from a command's synchronous `run`, and waits for it.
enum AsyncWork {
  static func wait<Value: Sendable>(_ work: @escaping @Sendable () async throws(ZhaoshangError) -> Value)
    throws(ZhaoshangError) -> Value
  {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<Value>()
    Task(executorPreference: WorkExecutor.shared) {
      do throws(ZhaoshangError) {
        box.set(.success(try await work()))
      } catch {
        box.set(.failure(error))
      }
      done.signal()
    }
    done.wait()
    guard let result = box.result else {
      throw ZhaoshangError.storage(Localized("内部错误：任务未返回结果", "internal error: the task returned nothing"))
    }
    return try result.get()
  }
}

extension AsyncWork {
  /// Work started on the work's own threads (see `WorkExecutor`) while the caller goes on; `wait()` for its end.
  struct Started: Sendable {
    fileprivate let done: DispatchSemaphore

    func wait() {
      done.wait()
      done.signal()
    }
  }

  /// Starts `work` and returns at once: for a producer feeding the calling thread (`StreamedTrips`).
  static func start(_ work: @escaping @Sendable () async -> Void) -> Started {
    let done = DispatchSemaphore(value: 0)
    Task(executorPreference: WorkExecutor.shared) {
      await work()
      done.signal()
    }
    return Started(done: done)
  }
}

/// Where the awaited work runs: threads of its own, never the shared cooperative pool. The caller's thread blocks
/// while it waits, and that thread may itself be one of the pool's (a command run inside a test, or from async
/// code): were the work queued on the pool too, a few such callers would hold every thread and wait forever.
private final class WorkExecutor: TaskExecutor {
  static let shared = WorkExecutor()
  private let queue = DispatchQueue(label: "zhaoshang.async-work", attributes: .concurrent)

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { job.runSynchronously(on: executor) }
  }
}

/// The result, handed from the task to the waiting thread.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
  // Safe: `lock` guards `stored`, and the waiting thread reads it only after the task signalled it is done.
  private let lock = NSLock()
  private var stored: Result<Value, ZhaoshangError>?

  var result: Result<Value, ZhaoshangError>? { lock.withLock { stored } }
  func set(_ result: Result<Value, ZhaoshangError>) { lock.withLock { stored = result } }
}
