import Foundation
import Testing
import ZhaoshangPostgres
import ZhaoshangTestSupport

@testable import ZhaoshangKit

/// The stores the contract suite runs against. Adding a store is one case here and its line in `open`: every test
/// of `StoreContractTests` then runs on it unchanged.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
  /// SQLite in a file, opened as `zhaoshang --db ledger.sqlite` opens it (a pool, write-ahead log).
  case sqliteFile
  /// SQLite in memory, as the demo and most tests use it (one queue).
  case sqliteInMemory
  /// PostgreSQL, in a database of its own on the tests' throw-away server, with the schema `zhaoshang init` makes.
  case postgres

  var testDescription: String { rawValue }

  /// The stores that can run here: PostgreSQL only where a throw-away server could be started (where none can,
  /// `ThrowawayPostgres.shared` prints why, once, and its tests are skipped).
  static var available: [StoreKind] { allCases.filter { $0 != .postgres || ThrowawayPostgres.isAvailable } }

  /// A new, empty ledger of this kind, in `folder` where it keeps files.
  func open(in folder: URL) async throws -> any LedgerStore {
    switch self {
    case .sqliteFile:
      SQLiteStore(try Ledger.open(at: folder.appendingPathComponent("ledger.sqlite").path, create: true))
    case .sqliteInMemory: SQLiteStore(try Ledger.inMemory())
    case .postgres: try await Self.openPostgres()
    }
  }

  /// A fresh database of the throw-away server with the schema `zhaoshang init` makes: its address, and the
  /// environment that logs in to it.
  static func postgresLedger() async throws -> (address: PostgresAddress, environment: [String: String]) {
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let address = PostgresAddress(user: database.user, host: "127.0.0.1", port: database.port, database: database.name)
    _ = try await PostgresLedger.initialize(address, environment: database.environment)
    return (address, database.environment)
  }

  /// A PostgreSQL store on a fresh ledger.
  static func openPostgres() async throws -> PostgresStore {
    let ledger = try await postgresLedger()
    return try await PostgresStore.open(ledger.address, environment: ledger.environment)
  }

  /// Runs `body` with a new, empty store of this kind, and removes whatever it left on disk.
  func withStore(_ body: (any LedgerStore) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try await open(in: folder)
    do {
      try await body(store)
    } catch {
      await (store as? PostgresStore)?.close()
      throw error
    }
    await (store as? PostgresStore)?.close()
  }
}
