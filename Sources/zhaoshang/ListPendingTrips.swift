import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review [list] [--unit U]`.
  struct ListPendingTrips: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "list", abstract: HelpText.pick("列出待审核的外出，最早的在前", "List trips waiting for review, oldest first."),
        discussion: HelpText.discussion(
          "", "", examples: ["zhaoshang review list --unit 朱坝街道"], formats: OutputOptions.listingFormats))
    }

    @Option(help: .text("只列这个单位的外出", "Only this unit's trips.")) var unit: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
    }

    func run() throws {
      let language = ledger.language
      let unit = self.unit
      let trips = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.pendingTrips(unit: unit) }
      }
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
