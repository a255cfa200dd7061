import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang rules`: inspect the rule files.
  struct Rules: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "检查规则文件，或用白话显示现行规则", "Check the rule files, or show the rules in force in plain words."),
        discussion: HelpText.discussion(
          "", "", examples: ["zhaoshang rules check", "zhaoshang rules show --month 2022-07"]),
        subcommands: [CheckRules.self, ShowRules.self])
    }
  }
}
