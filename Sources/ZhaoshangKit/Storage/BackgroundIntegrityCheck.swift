import Dispatch
import GRDB
import Synchronization

/// SQLite's integrity check of a ledger (`SchemaAudit.integrity`), read through a connection of its own while
/// `verify` reads the rows through another.
///
/// The check reads every page of the file: 8.9 s of `verify`'s 15 s on a ledger of 5,000,000 trips, on one core
/// while the machine's other one waited. The two reads share nothing but the file, and each sees a committed
/// state of the ledger, as `verify` always did.
final class BackgroundIntegrityCheck: Sendable {
  private let outcome = Mutex<Result<Localized?, any Error>?>(nil)
  private let finished = DispatchSemaphore(value: 0)

  /// Starts the check on a reader of the pool.
  init(pool: DatabasePool) {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      let result = Result { () throws -> Localized? in
        var found: Localized?
        do {
          try pool.read { db in found = try SchemaAudit.integrity(of: db) }
        } catch {
          // On a damaged file, ending the read can fail after the check named the damage: that is the finding.
          if let found { return found }
          throw error
        }
        return found
      }
      outcome.withLock { $0 = result }
      finished.signal()
    }
  }

  /// What the check found (nil when SQLite says ok), once it has finished; what it threw, if it failed.
  func result() throws -> Localized? {
    finished.wait()
    // Signalled only after the outcome is set, and taken once: keep it for a second caller.
    finished.signal()
    guard let result = outcome.withLock({ $0 }) else {
      throw ZhaoshangError.storage(Localized("台账的完整性检查没有完成", "the ledger's integrity check did not finish"))
    }
    return try result.get()
  }
}
