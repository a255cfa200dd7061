import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang rules check [PATH]`: every problem of every rule file at once.
  struct CheckRules: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "check",
        abstract: HelpText.pick(
          "检查规则文件，一次列出全部问题（文件:行号）", "Validate rule files and report every problem at once as FILE:LINE."),
        discussion: HelpText.discussion(
          "全部无误时退出码为 0，发现问题时为 65。", "Exits 0 when every file is valid, 65 when any problem is found.",
          examples: ["zhaoshang rules check", "zhaoshang rules check rules/2023.toml"]))
    }

    @Argument(
      help: .text(
        "规则文件或文件夹（默认：--rules，或 $ZHAOSHANG_RULES，否则 ./rules）",
        "A rule file or folder (default: --rules, $ZHAOSHANG_RULES, else ./rules)."))
    var path: String?

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let book = try RuleFileParser.loadBook(at: path ?? ledger.rulesPath)
      for ruleSet in book.ruleSets {
        let units = ruleSet.units.count
        Console.out(
          language.pick(
            "\(ruleSet.source.path)：正确。\(ruleSet.title)，自 \(ruleSet.effectiveFrom.iso) 起生效，\(ruleSet.tiers.count) 个档次，\(units) 个单位。",
            "\(ruleSet.source.path): OK. \(ruleSet.title), in force from \(ruleSet.effectiveFrom.iso), \(ruleSet.tiers.count) tiers, \(units) units."
          ))
        for note in ruleSet.notes {
          Console.note(language.pick("注意：", "note: ") + note.text(language, phrasing: .commandLine))
        }
      }
    }
  }
}
