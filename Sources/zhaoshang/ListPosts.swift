import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang roster list`.
  struct ListPosts: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "list", abstract: HelpText.pick("列出花名册", "List the roster."),
        discussion: HelpText.discussion(
          "", "",
          examples: ["zhaoshang roster list --unit 朱坝街道 --on 2022-07-31", "zhaoshang roster list --output 花名册.csv"],
          formats: OutputOptions.listingFormats))
    }

    @Option(help: .text("只列这个单位", "Only this unit.")) var unit: String?
    @Option(help: .text("只列这一天在任的人，如 2022-07-31", "Only heads in post on this date, e.g. 2022-07-31.")) var on: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try DateOption.parse(on, option: "--on", language: ledger.language)
      _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
    }

    func run() throws {
      let language = ledger.language
      let date = try DateOption.parse(on, option: "--on", language: language)?.date
      let unit = self.unit?.trimmed
      let posts = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.posts(unit: unit, on: date) }
      }
      let renderer = ListRenderer(language: language)
      try output.emitListing(language: language, sheet: { renderer.sheet(posts: posts) }) {
        try renderer.render(posts: posts, as: $0)
      }
    }
  }
}
