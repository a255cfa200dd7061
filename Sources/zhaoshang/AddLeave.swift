import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang leave add`.
  struct AddLeave: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "add",
        abstract: HelpText.pick(
          "登记请假：请假的日子不计为外出；规则文件 prorate_leave = true 时还相应减少应达天数",
          "Record leave: its days never count as days out; with prorate_leave = true they also lower the days required."
        ),
        discussion: HelpText.discussion(
          "涉及已封存月份的请假须加 --amend。", "Leave covering a day of a closed month needs --amend.",
          examples: ["zhaoshang leave add --unit 朱坝街道 --name 王某 --from 2022-07-11 \\\n  --to 2022-07-15 --reason 党校学习"])
      )
    }

    @Option(help: .text("单位名称，与规则文件中的写法一致", "The unit, as the rule file names it.")) var unit: String
    @Option(help: .text("姓名", "The head's name.")) var name: String
    @Option(help: .text("请假第一天，如 2022-07-11", "First day of leave, e.g. 2022-07-11.")) var from: String
    @Option(help: .text("请假最后一天（默认同第一天）", "Last day of leave (default: the first).")) var to: String?
    @Option(help: .text("事由，如 党校学习、病假、年休假", "Why: 党校学习, 病假, 年休假, ...")) var reason: String
    @OptionGroup var amend: AmendFlag
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(from, option: "--from", language: ledger.language)
      _ = try DateOption.parse(to, option: "--to", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      guard let start = try DateOption.parse(from, option: "--from", language: language)?.date else { return }
      let end = try DateOption.parse(to, option: "--to", language: language)?.date ?? start
      let leave = ZhaoshangKit.Leave(
        unit: unit.trimmed, name: name.trimmed, from: start, to: end, reason: reason.trimmed)
      let rules = try ledger.loadRules()
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let stamp = ledger.stamp()
      let amendment =
        amend.amend
        ? Amendment(
          reason: language.pick("补登请假：", "leave added: ") + leave.reason,
          command: CommandText.join(["leave", "add", "--unit", leave.unit, "--name", leave.name, "--from", start.iso]))
        : nil
      let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.addLeave([Located(leave)], rules: rules, stamp: stamp, amendment: amendment)
      }
      for warning in outcome.warnings {
        Console.note(language.pick("提示：", "note: ") + warning.text(language, phrasing: .commandLine))
      }
      if outcome.added.isEmpty {
        Console.out(language.pick("这条请假已登记过，未重复添加。", "this leave is already recorded; nothing added."))
      } else {
        Console.confirm(
          Localized(
            "已登记请假：\(leave.unit) \(leave.name) \(start.iso) 至 \(end.iso)（\(leave.reason)）",
            "leave recorded: \(leave.unit) \(leave.name) \(start.iso) to \(end.iso) (\(leave.reason))"),
          language: language)
      }
      if let amendment {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: amendment.command, clock: try ledger.officeClock(),
          language: language)
      }
    }
  }
}
