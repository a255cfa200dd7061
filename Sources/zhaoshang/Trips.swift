import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang trips`: list trips with their ids, void ones marked.
  struct Trips: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List trips with their ids; void trips stay listed, marked void.",
      discussion: """
        Example:
          zhaoshang trips --month 2022-07 --unit 朱坝街道
          zhaoshang trips --month 2022-07 --output 7月外出.csv
        """)

    @Option(help: "Only trips touching this month (YYYY-MM).") var month: Month?
    @Option(help: "Only this unit.") var unit: String?
    @Option(help: "Only this head.") var name: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: [.table, .csv, .json, .markdown])
    }

    func run() throws {
      let language = ledger.language
      let trips = try ledger.openLedger().trips(in: month, unit: unit?.trimmed, name: name?.trimmed)
      let format = try output.resolvedFormat(allowed: [.table, .csv, .json, .markdown])
      try output.emit(
        ListRenderer(language: language).render(trips: trips, as: format), format: format, language: language)
    }
  }
}
