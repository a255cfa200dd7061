import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang backup`: a consistent copy of the ledger, taken while others may be writing to it.
  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy the ledger to FILE, consistently, even while other commands write to it.",
      discussion: """
        Uses SQLite's online backup: the copy is the ledger as it stood when the copy began. An existing FILE
        is refused unless --force is given.

        Example:
          zhaoshang backup 备份/2022-08-01.sqlite
        """)

    @Argument(help: "The file to write the copy to.") var file: String
    @Flag(help: "Replace FILE if it exists.") var force = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let copy = try ledger.openLedger().backup(to: file, force: force)
      Console.out(
        language.pick(
          "已将台账 \(ledger.databasePath) 备份到 \(file)：\(copy.contents(.zh))，结构版本 \(copy.schemaVersion)",
          "backed up \(ledger.databasePath) to \(file): \(copy.contents(.en)), schema version \(copy.schemaVersion)"))
    }
  }

  /// `zhaoshang restore`: puts a backup in place of the ledger.
  struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Put a backup written by `zhaoshang backup` in place of the ledger.",
      discussion: """
        FILE must be a zhaoshang ledger that passes SQLite's integrity check. An existing ledger is replaced
        only with --force; without it, zhaoshang says what it holds and changes nothing. A backup made by an
        older zhaoshang is upgraded once restored, after a copy is written beside the ledger.

        Example:
          zhaoshang restore 备份/2022-08-01.sqlite --force
        """)

    @Argument(help: "The backup to restore.") var file: String
    @Flag(help: "Replace the existing ledger, losing what it holds.") var force = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let (restored, store) = try Ledger.restore(from: file, to: ledger.databasePath, force: force)
      if let upgrade = store.upgrade { Console.note(LedgerOptions.upgradeNote(upgrade, language: language)) }
      Console.out(
        language.pick(
          "已用 \(file) 恢复台账 \(ledger.databasePath)：\(restored.contents(.zh))",
          "restored the ledger \(ledger.databasePath) from \(file): \(restored.contents(.en))"))
    }
  }
}
