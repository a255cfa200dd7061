import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review [list] [--unit U]`.
  struct ListPendingTrips: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List trips waiting for review, oldest first.")

    @Option(help: "Only this unit's trips.") var unit: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
    }

    func run() throws {
      let language = ledger.language
      let trips = try ledger.openLedger(readOnly: true).pendingTrips(unit: unit)
      guard !trips.isEmpty else {
        Console.out(language.pick("没有待审核的外出。", "no trips are waiting for review."))
        return
      }
      let renderer = ListRenderer(language: language)
      let title = language.pick("待审核的外出", "Trips waiting for review")
      try output.emitListing(language: language, sheet: { renderer.sheet(trips: trips, title: title) }) {
        try renderer.render(trips: trips, as: $0)
      }
    }
  }
}
