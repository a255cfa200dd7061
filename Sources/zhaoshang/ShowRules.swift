import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang rules show [--month M]`: the rules in force, in plain words.
  struct ShowRules: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "show",
        abstract: HelpText.pick(
          "用白话显示现行规则：档次、最低天数、单位、计算方式、日历、外出类型、说明期限",
          "Print the rules in force in plain words: tiers, minimums, units, counting, calendar, kinds, deadlines."),
        discussion: HelpText.discussion(
          "不写 --month 时，按生效先后显示全部规则文件。", "Without --month, every rule file is shown, in the order they take effect.",
          examples: ["zhaoshang rules show --month 2022-07", "zhaoshang rules show"]))
    }

    @Option(help: .month("显示这个月适用的规则文件", "Show the file in force for this month")) var month: Month?
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let book = try ledger.loadRules()
      let explainer = RuleExplainer(language: ledger.language)
      if let month {
        Console.out(explainer.explain(try book.ruleSet(for: month), month: month))
      } else {
        Console.out(book.ruleSets.map { explainer.explain($0, month: nil) }.joined(separator: "\n"))
      }
    }
  }
}
