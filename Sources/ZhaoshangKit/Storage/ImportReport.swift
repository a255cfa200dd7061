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
}
