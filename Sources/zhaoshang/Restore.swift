import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
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
      Console.confirm(
        Localized(
          "已用 \(file) 恢复台账 \(ledger.databasePath)：\(restored.contents(.zh))",
          "restored the ledger \(ledger.databasePath) from \(file): \(restored.contents(.en))"), language: language)
    }
  }
}
