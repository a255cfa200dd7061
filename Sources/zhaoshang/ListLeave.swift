import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang leave list`.
  struct ListLeave: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "list", abstract: HelpText.pick("列出请假记录", "List leave records."),
        discussion: HelpText.discussion(
          "", "", examples: ["zhaoshang leave list --month 2022-07"], formats: OutputOptions.listingFormats))
    }

    @OptionGroup var filter: ListFilterOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
    }

    func run() throws {
      let language = ledger.language
      let (month, unit, name) = filter.values()
      let leaves = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.leaves(in: month, unit: unit, name: name)
        }
      }
      let renderer = ListRenderer(language: language)
      try output.emitListing(language: language, sheet: { renderer.sheet(leaves: leaves) }) {
        try renderer.render(leaves: leaves, as: $0)
      }
    }
  }
}
