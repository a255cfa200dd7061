import Foundation
import Testing

@testable import ZhaoshangKit

/// The stores the contract suite runs against. Adding a store is one case here and its line in `open`: every test
/// of `StoreContractTests` then runs on it unchanged.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
  /// SQLite in a file, opened as `zhaoshang --db ledger.sqlite` opens it (a pool, write-ahead log).
  case sqliteFile
  /// SQLite in memory, as the demo and most tests use it (one queue).
  case sqliteInMemory

  var testDescription: String { rawValue }

  /// The stores that can run here (a store needing a server lists itself only where one can be started).
  static var available: [StoreKind] { allCases }

  /// A new, empty ledger of this kind, in `folder` where it keeps files.
  func open(in folder: URL) async throws -> any LedgerStore {
    switch self {
    case .sqliteFile:
      SQLiteStore(try Ledger.open(at: folder.appendingPathComponent("ledger.sqlite").path, create: true))
    case .sqliteInMemory: SQLiteStore(try Ledger.inMemory())
    }
  }

  /// Runs `body` with a new, empty store of this kind, and removes whatever it left on disk.
  func withStore(_ body: (any LedgerStore) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try await body(try await open(in: folder))
  }
}
