import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang rules show [--month M]`: the rules in force, in plain words.
  struct ShowRules: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract:
        "Print the rules in force in plain words: tiers, minimums, units, counting, calendar, kinds, deadlines.",
      discussion: """
        Without --month, every rule file is shown, in the order they take effect.

        Example:
          zhaoshang rules show --month 2022-07
        """)

    @Option(help: "Show the file in force for this month (YYYY-MM).") var month: Month?
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
