import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import roster FILE.csv`.
  struct ImportRoster: ImportCommand {
    static let configuration = CommandConfiguration(
      commandName: "roster", abstract: "Import roster entries: unit,name,role,from,to (or 单位,姓名,职务,任职起始,任职结束).",
      discussion: """
        Example:
          zhaoshang import roster examples/hongze-2022-07/roster.csv
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    static let noun = Localized("条任职记录", "roster entries")

    func write(to store: Ledger, rules: RuleBook, stamp: Stamp, amendment: Amendment?) throws -> ImportReport {
      let batch = try RosterImporter.read(path: options.file, encoding: options.encoding, sheet: options.sheet)
      let outcome = try store.addPosts(
        batch.entries, rules: rules, stamp: stamp, carrying: batch.problems, dryRun: options.dryRun,
        amendment: amendment, source: batch.source)
      return ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun)
    }
  }
}
