import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import roster FILE.csv`.
  struct ImportRoster: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "roster", abstract: "Import roster entries: unit,name,role,from,to (or 单位,姓名,职务,任职起始,任职结束).",
      discussion: """
        Example:
          zhaoshang import roster examples/hongze-2022-07/roster.csv
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let batch = try RosterImporter.read(path: options.file, encoding: options.encoding)
      let outcome = try store.addPosts(
        batch.entries, rules: rules, stamp: stamp, carrying: batch.problems, dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "roster", options.file])),
        source: batch.source)
      ImportSummary.print(
        ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun),
        noun: Localized("条任职记录", "roster entries"), language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }
}
