/// One step of the PostgreSQL ledger's schema: named and numbered like the SQLite migration it matches, and
/// applied whole (all its statements in one transaction) or not at all.
public struct PostgresMigration: Sendable, Equatable {
  public let name: String
  /// One statement each: PostgreSQL's extended protocol, which bound queries use, runs one statement at a time.
  public let statements: [String]

  public init(_ name: String, _ statements: [String]) {
    self.name = name
    self.statements = statements
  }
}
