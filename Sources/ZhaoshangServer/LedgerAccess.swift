import NIOPosix
import ZhaoshangKit

/// The server's way to the ledger: its store (`LedgerStore`, async, which the routes use wherever its protocols
/// cover what they need) and, for what they do not cover yet, the SQLite ledger itself, whose synchronous GRDB calls
/// run on threads of their own, so no event loop ever waits on SQLite. The same pool hashes passwords.
///
/// The ledger is `Sendable` and its pool serialises writes; reads run side by side on the pool's threads.
public struct LedgerAccess: Sendable {
  public let store: any LedgerStore
  public let ledger: Ledger
  public let rules: RuleBook
  let pool: NIOThreadPool

  public init(ledger: Ledger, rules: RuleBook, threads: Int = 4) {
    self.store = SQLiteStore(ledger)
    self.ledger = ledger
    self.rules = rules
    pool = NIOThreadPool(numberOfThreads: threads)
    pool.start()
  }

  func run<T: Sendable>(_ body: @escaping @Sendable (Ledger, RuleBook) throws -> T) async throws -> T {
    let ledger = ledger
    let rules = rules
    return try await pool.runIfActive { try body(ledger, rules) }
  }

  public func shutdown() async throws { try await pool.shutdownGracefully() }
}
