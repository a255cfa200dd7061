import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang rules check [PATH]`: every problem of every rule file at once.
  struct CheckRules: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate rule files and report every problem at once as FILE:LINE.",
      discussion: """
        Exits 0 when every file is valid, 65 when any problem is found.

        Example:
          zhaoshang rules check
          zhaoshang rules check rules/2023.toml
        """)

    @Argument(help: "A rule file or folder (default: --rules, $ZHAOSHANG_RULES, else ./rules).")
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
