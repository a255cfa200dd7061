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

    @OptionGroup var filter: ListFilterOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
    }

    func run() throws {
      let language = ledger.language
      let (month, unit, name) = filter.values()
      let trips = try ledger.openLedger(readOnly: true).trips(in: month, unit: unit, name: name)
      try output.emitListing(language: language) { ListRenderer(language: language).render(trips: trips, as: $0) }
    }
  }
}
