import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang demo`: the shipped July 2022 example, checked in a throw-away ledger.
  struct Demo: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "用自带的示例（洪泽区 2022 年 7 月）试一遍核算，不碰您的台账",
          "Check the shipped example (Hongze, July 2022) in a temporary ledger, touching none of yours."),
        discussion: HelpText.discussion(
          "把自带的规则和 examples/hongze-2022-07 读入内存中的临时台账，显示核算结果、须作情况说明的单位和通报用语。",
          "Loads the shipped rules and examples/hongze-2022-07 into an in-memory ledger and prints "
            + "the check, the units owing an explanation, and the notice paragraph for the bulletin.",
          examples: ["zhaoshang demo", "zhaoshang demo --lang en"]))
    }

    @Option(
      name: .long,
      help: .text(
        "显示语言：zh（中文）或 en（英文）；默认中文，LANG 以 en 开头时为英文",
        "Output language, zh or en (default: Chinese, English when LANG starts with en)."))
    var lang: Language?

    func run() throws {
      let language = lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
      let report = try ZhaoshangKit.Demo.run(language: language)
      let colour = TerminalColour.choose(
        isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
      Console.out(try CheckRenderer(language: language, colour: colour).render(report, as: .table))
      Console.out(try OwingRenderer(language: language).render(report, as: .table))
      Console.out(language.pick("通报用语：", "Notice:"))
      Console.out(try OwingRenderer(language: language).render(report, as: .notice))
    }
  }
}
