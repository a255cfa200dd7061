import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import leave FILE.csv`.
  struct ImportLeave: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "leave", abstract: "Import leave: unit,name,from,to,reason (or 单位,姓名,开始日期,结束日期,事由).",
      discussion: """
        Example:
          zhaoshang import leave 7月请假.csv
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let batch = try LeaveImporter.read(path: options.file, encoding: options.encoding)
      let outcome = try store.addLeave(
        batch.entries, rules: rules, stamp: stamp, carrying: batch.problems, dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "leave", options.file])),
        source: batch.source)
      ImportSummary.print(
        ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun),
        noun: Localized("条请假记录", "leave records"), language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }
}
