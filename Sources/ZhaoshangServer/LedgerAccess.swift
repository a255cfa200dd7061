import NIOPosix
import ZhaoshangKit

/// The server's way to the ledger: its store (`LedgerStore`, whatever engine keeps it, async), the only thing the
/// routes read and write through, and the rules. The thread pool is the server's own, for work that must not
/// wait on an event loop and is not the store's: hashing passwords and reading uploaded workbooks.
public struct LedgerAccess: Sendable {
  public let store: any LedgerStore
  public let rules: RuleBook
  let pool: NIOThreadPool

  public init(store: any LedgerStore, rules: RuleBook, threads: Int = 4) {
    self.store = store
    self.rules = rules
    pool = NIOThreadPool(numberOfThreads: threads)
    pool.start()
  }

  /// A SQLite ledger, behind its store.
  public init(ledger: Ledger, rules: RuleBook, threads: Int = 4) {
    self.init(store: SQLiteStore(ledger), rules: rules, threads: threads)
  }

  public func shutdown() async throws { try await pool.shutdownGracefully() }
}
