/// What a write to the ledger did: what it added, what was there already, what deserves a second look.
public struct WriteOutcome<Value: Sendable>: Sendable {
  /// Values written (or, on a dry run, that would be), with their ids.
  public var added: [Value] = []
  /// Entries identical to a record already in the ledger, skipped so a re-import adds nothing.
  public var alreadyPresent: [Located<Value>] = []
  /// Accepted, but worth a look: an overlapping trip, a trip partly outside its head's post, leave over a trip.
  public var warnings: [Problem] = []

  public init(added: [Value] = [], alreadyPresent: [Located<Value>] = [], warnings: [Problem] = []) {
    self.added = added
    self.alreadyPresent = alreadyPresent
    self.warnings = warnings
  }
}
