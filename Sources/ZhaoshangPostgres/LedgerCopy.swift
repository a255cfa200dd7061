import Foundation
import ZhaoshangKit

/// `zhaoshang copy`: moves an office's whole ledger from one engine to the other (SQLite to PostgreSQL and back),
/// row for row with the same ids, the audit trail's events with their payloads and hashes as they are, so the
/// copy's chain is the source's chain and `verify` on it recomputes the same digests.
///
/// Nothing is written unless everything is: into PostgreSQL, the copy is one transaction, verified before it
/// commits; into SQLite, the copy is written to a file of its own beside the target, verified, and only then given
/// the target's name. The target must be new and empty and the source must verify clean, or nothing is done.
public enum LedgerCopy {
  public static func run(from source: LedgerAddress, to target: LedgerAddress, environment: [String: String])
    async throws(ZhaoshangError) -> LedgerCopyReport
  {
    guard source != target else {
      throw ZhaoshangError.refused(
        Localized(
          "来源和目标是同一个台账（\(source.shown)），未作改动；请用 --to 指定另一个台账",
          "the source and the target are the same ledger (\(source.shown)), left as it is; name another ledger with --to"
        ))
    }
    // The target is looked at first: a refusal for it costs no verifying of the source.
    let destination = try await CopyDestination.open(target, environment: environment)
    do throws(ZhaoshangError) {
      let report = try await copy(from: source, to: destination, environment: environment)
      await destination.close()
      return report
    } catch {
      await destination.close()
      throw error
    }
  }

  private static func copy(from source: LedgerAddress, to destination: CopyDestination, environment: [String: String])
    async throws(ZhaoshangError) -> LedgerCopyReport
  {
    switch source {
    case .sqlite(let path):
      let ledger = try Ledger.open(at: path)
      try requireClean(try ledger.verify(), source: source)
      let outcome = try await destination.write(from: SQLiteCopyReader(snapshot: try ledger.snapshot()))
      return report(outcome, source: source, target: destination.address, upgrade: ledger.upgrade)
    case .postgres(let address):
      let store = try await PostgresStore.open(address, environment: environment, connections: 2)
      do throws(ZhaoshangError) {
        try requireClean(try await store.verify(), source: source)
        // One REPEATABLE READ snapshot for every table read, whatever others write meanwhile.
        let outcome = try await store.read { link throws(ZhaoshangError) in
          try await destination.write(from: PostgresCopyRows(link: link))
        }
        await store.close()
        return report(outcome, source: source, target: destination.address, upgrade: nil)
      } catch {
        await store.close()
        throw error
      }
    }
  }

  static func report(_ outcome: Outcome, source: LedgerAddress, target: LedgerAddress, upgrade: SchemaUpgrade?)
    -> LedgerCopyReport
  {
    LedgerCopyReport(
      source: source, target: target,
      counts: outcome.counts.map {
        LedgerCopyReport.Count(table: $0.table.name, rowsName: $0.table.rowsName, rows: $0.rows)
      },
      sourceHash: outcome.sourceHash, targetHash: outcome.targetHash, sourceUpgrade: upgrade)
  }

  /// A source that does not verify is not copied: its faults would be carried over, now under a new name.
  static func requireClean(_ report: VerifyReport, source: LedgerAddress) throws(ZhaoshangError) {
    guard !report.isClean else { return }
    throw ZhaoshangError.refused(
      Localized(
        "来源台账 \(source.shown) 未通过 zhaoshang verify，未复制任何内容。verify 的结果：\(report.text(.zh))\n请先查明并处理这些问题（zhaoshang verify --db \(source.shown)），再复制",
        "the source ledger \(source.shown) does not pass zhaoshang verify, so nothing was copied. What verify found: \(report.text(.en))\nfind and settle these first (zhaoshang verify --db \(source.shown)), then copy"
      ))
  }

  /// What a copy wrote, checked: the rows of each table, the source's last hash and the verified target's.
  struct Outcome: Sendable {
    let counts: [(table: CopiedTable, rows: Int)]
    let sourceHash: String?
    let targetHash: String?
  }

  /// The copy's target, verified after the rows are written and before anything is kept: clean, and ending on the
  /// source's last hash, or the copy is undone.
  static func checked(
    _ counts: [(table: CopiedTable, rows: Int)], report: VerifyReport, reader: any CopyReader, target: LedgerAddress
  ) async throws(ZhaoshangError) -> Outcome {
    let sourceHash = try await reader.lastHash()
    guard report.isClean, report.lastHash == sourceHash else {
      throw ZhaoshangError.storage(
        Localized(
          "复制到 \(target.shown) 后，副本未通过核验（\(report.isClean ? "最后一条审计记录的哈希与来源不同" : report.text(.zh))），已全部撤销，目标未作改动；请把这条信息告知 zhaoshang 的维护者",
          "the copy written to \(target.shown) did not verify (\(report.isClean ? "its last audit event's hash differs from the source's" : report.text(.en))), so all of it was undone and the target is unchanged; tell whoever maintains zhaoshang"
        ))
    }
    return Outcome(counts: counts, sourceHash: sourceHash, targetHash: report.lastHash)
  }

  /// Why a PostgreSQL target is refused: it already holds rows.
  static func notEmpty(_ address: PostgresAddress, tables: [String]) -> ZhaoshangError {
    let names = tables.map { table in
      CopiedTable.copiedInOrder.first { $0.name == table }?.rowsName ?? Localized("登录会话", "sessions")
    }
    return .refused(
      Localized(
        "PostgreSQL 台账 \(address) 已有记录（\(names.map(\.zh).joined(separator: "、"))），未作改动；复制只写入刚用 zhaoshang init 建好、还没有任何记录的数据库：请另建一个空数据库（createdb），运行 zhaoshang init --db \(address)，再复制",
        "the PostgreSQL ledger \(address) already holds rows (\(names.map(\.en).joined(separator: ", "))) and was left as it is; a copy is written only into a database just set up by zhaoshang init, with no rows yet: create an empty database (createdb), run `zhaoshang init --db \(address)` on it, then copy"
      ))
  }
}
