/// What an import did, in counts: a file of a million rows reports without holding them.
public struct ImportReport: Sendable, Equatable {
  public var added: Int
  public var alreadyPresent: Int
  /// `FILE:LINE` of the first rows skipped as already recorded.
  public var firstAlreadyPresent: [String]
  public var warnings: [Problem]
  public var dryRun: Bool

  public init(added: Int, alreadyPresent: Int, firstAlreadyPresent: [String], warnings: [Problem], dryRun: Bool) {
    self.added = added
    self.alreadyPresent = alreadyPresent
    self.firstAlreadyPresent = firstAlreadyPresent
    self.warnings = warnings
    self.dryRun = dryRun
  }

  /// The report of an in-memory write, with the file's own warnings first.
  public init<Value>(_ outcome: WriteOutcome<Value>, warnings: [Problem], dryRun: Bool) {
    self.init(
      added: outcome.added.count, alreadyPresent: outcome.alreadyPresent.count,
      firstAlreadyPresent: outcome.alreadyPresent.prefix(10).compactMap(\.location),
      warnings: warnings + outcome.warnings, dryRun: dryRun)
  }
}
