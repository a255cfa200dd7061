import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang rules`: inspect the rule files.
  struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the rule files, or show the rules in force in plain words.",
      discussion: """
        Example:
          zhaoshang rules check
          zhaoshang rules show --month 2022-07
        """,
      subcommands: [CheckRules.self, ShowRules.self])
  }
}
