import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import trips FILE.csv`.
  struct ImportTrips: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "trips",
      abstract: "Import trips: unit,name,start,end,destination,purpose,companies,kind (or the Chinese headers).",
      discussion: """
        Rows identical to a trip already recorded are skipped, so importing a file twice adds nothing.
        Trips covering a day of a closed month are refused unless given with --amend --reason.

        Example:
          zhaoshang import trips 7月外出登记.csv
          zhaoshang import trips 7月外出登记.csv --dry-run
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let bar = ProgressBar(language: language)
      defer { bar.finish() }
      let report = try store.importTrips(
        rules: rules, today: CivilDate.today(), stamp: stamp, dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "trips", options.file]))
      ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: options.file, encoding: options.encoding, progress: bar.update, into: sink)
      }
      bar.finish()
      ImportSummary.print(report, noun: Localized("条外出记录", "trips"), language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }
}
