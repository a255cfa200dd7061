import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang roster add`.
  struct AddPost: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "add", abstract: HelpText.pick("在花名册中添加一名考核对象的任职", "Add a head's post to the roster."),
        discussion: HelpText.discussion(
          "任职时间与已封存的月份重叠时，须加 --amend --reason \"原因\"。",
          "An entry whose time in post overlaps a closed month needs --amend --reason \"why\".",
          examples: ["zhaoshang roster add --unit 朱坝街道 --name 王某 --role 书记 --from 2022-07-16"]))
    }

    @Option(help: .text("单位名称，与规则文件中的写法一致", "The unit, as the rule file names it.")) var unit: String
    @Option(help: .text("姓名", "The head's name.")) var name: String
    @Option(help: .text("职务，如 党工委书记、镇长、局长", "The post, e.g. 党工委书记, 镇长, 局长.")) var role: String
    @Option(help: .text("任职第一天，如 2022-07-16 或 2022/7/16", "First day in post (e.g. 2022-07-16, 2022/7/16).")) var from:
      String?
    @Option(help: .text("任职最后一天（仍在任的不写）", "Last day in post (leave out while still in post).")) var to: String?
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(from, option: "--from", language: ledger.language)
      _ = try DateOption.parse(to, option: "--to", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      let post = Post(
        unit: unit.trimmed, name: name.trimmed, role: role.trimmed,
        from: try DateOption.parse(from, option: "--from", language: language)?.date,
        to: try DateOption.parse(to, option: "--to", language: language)?.date)
      let rules = try ledger.loadRules()
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let stamp = ledger.stamp()
      let command = CommandText.join(
        ["roster", "add", "--unit", post.unit, "--name", post.name, "--role", post.role]
          + [from.map { _ in "--from" }, from, to.map { _ in "--to" }, to])
      let amendment = amend.amendment(command: command)
      let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.addPosts([Located(post)], rules: rules, stamp: stamp, amendment: amendment)
      }
      if outcome.added.isEmpty {
        Console.out(language.pick("花名册中已有相同记录，未重复添加。", "the roster already holds this entry; nothing added."))
      } else {
        Console.confirm(
          Localized(
            "已添加：\(post.unit) \(post.name)（\(post.role)，\(post.tenure(.zh))）",
            "added: \(post.unit) \(post.name) (\(post.role), \(post.tenure(.en)))"),
          language: language)
      }
      if amend.amend {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: command, clock: try ledger.officeClock(), language: language)
      }
    }
  }
}
