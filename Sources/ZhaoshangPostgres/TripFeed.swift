import Dispatch
import Synchronization
import ZhaoshangKit

/// An import's rows, streamed from its reader to the store a chunk at a time, with at most a few chunks between
/// them: the reader (synchronous) runs on a thread of its own and waits while the store is behind, so an import's
/// memory holds a few chunks of rows, not its file.
struct TripFeed: Sendable {
  /// What the reader pushed since the chunk before: rows read, rows it could not read, warnings, and, last, the
  /// file once read whole.
  struct Chunk: Sendable {
    var entries: [Located<Trip>] = []
    var problems: [Problem] = []
    var warnings: [Problem] = []
    var source: FileSource?
  }

  /// Rows per chunk: one `COPY` each, large enough that a round trip costs little beside its rows.
  static let chunkSize = 5_000
  /// Chunks read ahead of the store at most.
  static let readAhead = 2

  let chunks: AsyncStream<Result<Chunk, ZhaoshangError>>
  private let gate: Gate

  /// Starts the reader on a thread of its own. The store must take every chunk or `stop()`, or the reader waits.
  init(_ feed: @escaping @Sendable (any ImportSink<Trip>) throws(ZhaoshangError) -> Void) {
    let (chunks, continuation) = AsyncStream.makeStream(of: Result<Chunk, ZhaoshangError>.self)
    let gate = Gate()
    self.chunks = chunks
    self.gate = gate
    DispatchQueue.global(qos: .userInitiated).async {
      // The collector lives and dies on this thread; only its chunks, plain values, leave it.
      let collector = Collector(gate: gate, continuation: continuation)
      do throws(ZhaoshangError) {
        try feed(collector)
        try collector.send()
      } catch {
        continuation.yield(.failure(error))
      }
      continuation.finish()
    }
  }

  /// Tells the reader a chunk was taken, so it may read one more.
  func took() { gate.semaphore.signal() }

  /// Tells the reader to stop at its next chunk: the store is done with the import (it failed).
  func stop() {
    gate.stopped.store(true, ordering: .sequentiallyConsistent)
    gate.semaphore.signal()
  }

  /// The reader's brake: a chunk may be sent while fewer than `readAhead` wait; `stopped` once the store gave up.
  private final class Gate: Sendable {
    let semaphore = DispatchSemaphore(value: TripFeed.readAhead)
    let stopped = Atomic<Bool>(false)
  }

  /// The sink the reader pushes into, sending a chunk whenever one is full.
  private final class Collector: ImportSink {
    private let gate: Gate
    private let continuation: AsyncStream<Result<Chunk, ZhaoshangError>>.Continuation
    private var chunk = Chunk()

    init(gate: Gate, continuation: AsyncStream<Result<Chunk, ZhaoshangError>>.Continuation) {
      self.gate = gate
      self.continuation = continuation
    }

    func add(_ entry: Located<Trip>) throws(ZhaoshangError) {
      chunk.entries.append(entry)
      if chunk.entries.count >= TripFeed.chunkSize { try send() }
    }
    func reject(_ problem: Problem) { chunk.problems.append(problem) }
    func warn(_ problem: Problem) { chunk.warnings.append(problem) }
    func finish(source: FileSource) { chunk.source = source }

    /// Sends the chunk so far, once the store is few enough chunks behind; refused when the store stopped.
    func send() throws(ZhaoshangError) {
      gate.semaphore.wait()
      guard !gate.stopped.load(ordering: .sequentiallyConsistent) else {
        gate.semaphore.signal()
        throw ZhaoshangError.storage(
          Localized("导入已中止，台账未作改动", "the import was stopped; the ledger is unchanged"))
      }
      continuation.yield(.success(chunk))
      chunk = Chunk()
    }
  }
}
