import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang demo`: the shipped July 2022 example, checked in a throw-away ledger.
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the shipped example (Hongze, July 2022) in a temporary ledger, touching none of yours.",
      discussion: """
        Loads the shipped rules and examples/hongze-2022-07 into an in-memory database and prints the
        check, the units owing an explanation, and the notice paragraph for the bulletin.

        Example:
          zhaoshang demo --lang zh
        """)

    @Option(name: .long, help: "Output language, zh or en (default: from LANG).")
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
