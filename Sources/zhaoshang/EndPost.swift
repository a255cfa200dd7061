import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang roster end`.
  struct EndPost: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "end", abstract: "End a head's post: the given date is the last day in post.",
      discussion: """
        Ending a post before the last day of a closed month it reached needs --amend --reason.

        Example:
          zhaoshang roster end --unit 共和镇 --name 郭某 --on 2022-07-15
        """)

    @Option(help: "The unit.") var unit: String
    @Option(help: "The head's name.") var name: String
    @Option(help: "The last day in post.") var on: String
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(on, option: "--on", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      guard let date = try DateOption.parse(on, option: "--on", language: language)?.date else { return }
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let command = CommandText.join(["roster", "end", "--unit", unit.trimmed, "--name", name.trimmed, "--on", on])
      let post = try store.endPost(
        unit: unit.trimmed, name: name.trimmed, on: date, stamp: stamp, amendment: amend.amendment(command: command))
      Console.confirm(
        Localized(
          "已结束任职：\(post.unit) \(post.name)（\(post.role)，\(post.tenure(.zh))）",
          "post ended: \(post.unit) \(post.name) (\(post.role), \(post.tenure(.en)))"),
        language: language)
      if amend.amend {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: command, clock: try ledger.officeClock(), language: language)
      }
    }
  }
}
