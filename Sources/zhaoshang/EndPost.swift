import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang roster end`.
  struct EndPost: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "end",
        abstract: HelpText.pick("结束任职：所给日期是在任的最后一天", "End a head's post: the given date is the last day in post."),
        discussion: HelpText.discussion(
          "结束日早于其任职所及的已封存月份的最后一天时，须加 --amend --reason \"原因\"。",
          "Ending a post before the last day of a closed month it reached needs --amend --reason \"why\".",
          examples: ["zhaoshang roster end --unit 共和镇 --name 马某 --on 2022-07-31"]))
    }

    @Option(help: .text("单位名称，与规则文件中的写法一致", "The unit, as the rule file names it.")) var unit: String
    @Option(help: .text("姓名", "The head's name.")) var name: String
    @Option(help: .text("在任的最后一天，如 2022-07-31", "The last day in post, e.g. 2022-07-31.")) var on: String
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(on, option: "--on", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      guard let date = try DateOption.parse(on, option: "--on", language: language)?.date else { return }
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let stamp = ledger.stamp()
      let command = CommandText.join(["roster", "end", "--unit", unit.trimmed, "--name", name.trimmed, "--on", on])
      let (unit, name, amendment) = (unit.trimmed, name.trimmed, amend.amendment(command: command))
      let post = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.endPost(unit: unit, name: name, on: date, stamp: stamp, amendment: amendment)
      }
      Console.confirm(
        Localized(
          "已结束任职：\(post.unit) \(post.name)（\(post.role)，\(post.tenure(.zh))）",
          "post ended: \(post.unit) \(post.name) (\(post.role), \(post.tenure(.en)))"),
        language: language)
      if amend.amend {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: command, clock: try ledger.officeClock(), language: language
        )
      }
    }
  }
}
