import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang leave list`.
  struct ListLeave: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List leave records.",
      discussion: """
        Example:
          zhaoshang leave list --month 2022-07
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
      let leaves = try ledger.openLedger(readOnly: true).leaves(in: month, unit: unit, name: name)
      let renderer = ListRenderer(language: language)
      try output.emitListing(language: language, sheet: { renderer.sheet(leaves: leaves) }) {
        try renderer.render(leaves: leaves, as: $0)
      }
    }
  }
}
