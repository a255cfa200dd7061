import NIOPosix
import ZhaoshangKit

/// Runs the ledger's calls (GRDB, synchronous) on threads of their own, so no event loop ever waits on SQLite.
///
/// The ledger is `Sendable` and its pool serialises writes; reads run side by side on the pool's threads.
public struct LedgerAccess: Sendable {
  public let ledger: Ledger
  public let rules: RuleBook
  let pool: NIOThreadPool

  public init(ledger: Ledger, rules: RuleBook, threads: Int = 4) {
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
