import Dispatch
import ZhaoshangKit

/// An import's rows as its reader pushed them: the trips read, the rows it could not read, its warnings, and the
/// file once read whole.
struct TripRows: Sendable {
  var entries: [Located<Trip>] = []
  var problems: [Problem] = []
  var warnings: [Problem] = []
  var source: FileSource?

  /// Runs the synchronous reader on a thread of its own, so no task's thread waits on the file, and hands back
  /// what it read (or its refusal).
  static func read(_ feed: @escaping @Sendable (any ImportSink<Trip>) throws(ZhaoshangError) -> Void)
    async throws(ZhaoshangError) -> TripRows
  {
    let result: Result<TripRows, ZhaoshangError> = await withCheckedContinuation { continuation in
      DispatchQueue.global(qos: .userInitiated).async {
        // The collector lives and dies on this thread; only its plain values leave it.
        let collector = Collector()
        continuation.resume(
          returning: Result { () throws(ZhaoshangError) -> TripRows in
            try feed(collector)
            return collector.rows
          })
      }
    }
    return try result.get()
  }

  /// The sink the reader pushes into.
  private final class Collector: ImportSink {
    var rows = TripRows()

    func add(_ entry: Located<Trip>) throws(ZhaoshangError) { rows.entries.append(entry) }
    func reject(_ problem: Problem) { rows.problems.append(problem) }
    func warn(_ problem: Problem) { rows.warnings.append(problem) }
    func finish(source: FileSource) { rows.source = source }
  }
}
