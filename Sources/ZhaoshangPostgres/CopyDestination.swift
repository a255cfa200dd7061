import Foundation
import ZhaoshangKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where `zhaoshang copy` writes: a SQLite file that does not exist yet, or a PostgreSQL database holding the
/// ledger's schema (made by `zhaoshang init`) and no rows.
enum CopyDestination: Sendable {
  case sqlite(path: String)
  case postgres(PostgresStore)

  var address: LedgerAddress {
    switch self {
    case .sqlite(let path): return .sqlite(path: path)
    case .postgres(let store): return .postgres(store.address)
    }
  }

  /// The target, refused when it is not new and empty; nothing is written to it here.
  static func open(_ target: LedgerAddress, environment: [String: String]) async throws(ZhaoshangError)
    -> CopyDestination
  {
    switch target {
    case .sqlite(let path):
      guard !FileManager.default.fileExists(atPath: path) else {
        throw ZhaoshangError.refused(
          Localized(
            "目标文件 \(path) 已存在，未作改动；复制只写入新的台账文件：请换一个文件名，或先把这个文件移走",
            "the target file \(path) already exists and was left as it is; a copy is written only into a new ledger file: choose another name, or move that file away first"
          ))
      }
      return .sqlite(path: path)
    case .postgres(let address):
      let store = try await PostgresStore.open(address, environment: environment, connections: 2)
      do throws(ZhaoshangError) {
        let holding = try await store.read { link throws(ZhaoshangError) in
          try await PostgresCopyRows(link: link).tablesWithRows()
        }
        guard holding.isEmpty else { throw LedgerCopy.notEmpty(address, tables: holding) }
        return .postgres(store)
      } catch {
        await store.close()
        throw error
      }
    }
  }

  func close() async {
    if case .postgres(let store) = self { await store.close() }
  }

  /// Copies everything `reader` reads, verifies the copy, and keeps it only when it verifies to the source's
  /// last hash.
  func write(from reader: any CopyReader) async throws(ZhaoshangError) -> LedgerCopy.Outcome {
    switch self {
    case .postgres(let store):
      // One transaction under the writers' lock: looked at again for rows (another writer may have come first),
      // written, its sequences moved on, verified, and committed only then.
      return try await store.write { link throws(ZhaoshangError) in
        let rows = PostgresCopyRows(link: link)
        let holding = try await rows.tablesWithRows()
        guard holding.isEmpty else { throw LedgerCopy.notEmpty(store.address, tables: holding) }
        let counts = try await LedgerCopier(reader: reader, writer: rows).copy()
        try await rows.advanceSequences()
        return try await LedgerCopy.checked(counts, report: try await rows.verify(), reader: reader, target: address)
      }
    case .sqlite(let path):
      return try await writeFile(path, from: reader)
    }
  }

  /// The copy goes into a file of its own beside the target, which takes the target's name only once complete and
  /// verified: a failure at any point leaves no target file at all, and removes the partial one.
  private func writeFile(_ path: String, from reader: any CopyReader) async throws(ZhaoshangError)
    -> LedgerCopy.Outcome
  {
    let partial = "\(path).copying-\(getpid())"
    let sidecars = ["", "-wal", "-shm"]
    do throws(ZhaoshangError) {
      let ledger = try Ledger.open(at: partial, create: true)
      let counts = try await LedgerCopier(reader: reader, writer: SQLiteCopyWriter(ledger: ledger)).copy()
      let outcome = try await LedgerCopy.checked(counts, report: try ledger.verify(), reader: reader, target: address)
      try ledger.closeFile()
      do {
        // moveItem refuses to replace a file: one made at the target meanwhile is not overwritten.
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        for sidecar in sidecars.dropFirst() where FileManager.default.fileExists(atPath: partial + sidecar) {
          try FileManager.default.moveItem(atPath: partial + sidecar, toPath: path + sidecar)
        }
      } catch {
        throw ZhaoshangError.storage(
          Localized(
            "副本已写好并核验通过，但无法把它命名为 \(path)（该文件可能刚被创建，或目录不可写）；目标未作改动，请检查后重试",
            "the copy was written and verified but could not be given the name \(path) (the file may have just been made, or the folder cannot be written); the target is unchanged: check, and try again"
          ))
      }
      return outcome
    } catch {
      for sidecar in sidecars { try? FileManager.default.removeItem(atPath: partial + sidecar) }
      throw error
    }
  }
}
