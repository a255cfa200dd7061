/// Where an importer puts what it reads, row by row: a batch in memory, or a ledger transaction.
public protocol ImportSink<Value>: AnyObject {
  associatedtype Value: Sendable
  /// A row read into a value; the sink may still refuse it.
  func add(_ entry: Located<Value>) throws(ZhaoshangError)
  /// A row that could not be read.
  func reject(_ problem: Problem)
  /// Something worth saying that does not stop the import.
  func warn(_ problem: Problem)
  /// The file read, once it has been read whole: the audit trail records it by path and SHA-256.
  func finish(source: FileSource)
}

extension ImportSink {
  public func finish(source: FileSource) {}
}

/// A file an import read, named in the audit trail by its path and the SHA-256 of its bytes.
public struct FileSource: Sendable, Equatable {
  public let path: String
  public let sha256: String

  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}

/// Collects an importer's rows in memory, for small files and tests.
final class BatchCollector<Value: Sendable>: ImportSink {
  var batch = ImportBatch<Value>()

  func add(_ entry: Located<Value>) throws(ZhaoshangError) { batch.entries.append(entry) }
  func reject(_ problem: Problem) { batch.problems.append(problem) }
  func warn(_ problem: Problem) { batch.warnings.append(problem) }
}

/// Keeps the first problems of a long file and counts the rest, so a million bad rows cost no memory.
public struct ProblemList: Sendable {
  public private(set) var kept: [Problem] = []
  public private(set) var total = 0
  let limit: Int

  /// Keeps one fewer than the display limit, leaving room for the line that counts the rest.
  public init(limit: Int = ZhaoshangError.problemListLimit - 1) {
    self.limit = limit
  }

  public var isEmpty: Bool { total == 0 }

  public mutating func append(_ problem: Problem) {
    total += 1
    if kept.count < limit { kept.append(problem) }
  }

  /// Counts a problem, building it only when it will be kept: a file with a million overlaps must not
  /// format a million messages to show ninety-nine.
  mutating func append(_ make: () -> Problem) {
    total += 1
    if kept.count < limit { kept.append(make()) }
  }

  public mutating func append(contentsOf problems: [Problem]) {
    for problem in problems { append(problem) }
  }

  /// The kept problems in file order, followed by a line counting those not kept.
  public var listed: [Problem] {
    let omitted = total - kept.count
    guard omitted > 0 else { return kept.sortedByLine() }
    return kept.sortedByLine() + [
      Problem(Localized("……另有 \(omitted) 处问题未列出。", "... and \(omitted) more problems not shown."))
    ]
  }
}
