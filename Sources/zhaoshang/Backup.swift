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
      let copy = try ledger.openLedger(readOnly: true).backup(to: file, force: force)
      Console.confirm(
        Localized(
          "已将台账 \(ledger.databasePath) 备份到 \(file)：\(copy.contents(.zh))，结构版本 \(copy.schemaVersion)",
          "backed up \(ledger.databasePath) to \(file): \(copy.contents(.en)), schema version \(copy.schemaVersion)"),
        language: language)
    }
  }
}
