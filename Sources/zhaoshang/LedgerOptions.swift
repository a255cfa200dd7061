import ArgumentParser
import Foundation
import ZhaoshangKit

/// Where the ledger and the rules are, who is working, and in which language: shared by every command.
struct LedgerOptions: ParsableArguments {
  @Option(name: .long, help: "The ledger database (default: $ZHAOSHANG_DB, else ./zhaoshang.sqlite).")
  var db: String?

  @Option(name: .long, help: "A rule file or a folder of them (default: $ZHAOSHANG_RULES, else ./rules).")
  var rules: String?

  @Option(name: .long, help: "Output language, zh or en (default: from LANG).")
  var lang: Language?

  @Option(name: .long, help: "Who is making the change, recorded with it (default: the OS user).")
  var by: String?

  @Flag(name: .long, help: "Say which database and rule files are used.")
  var verbose = false

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  var language: Language { lang ?? Language.fromEnvironment(environment) }

  var databasePath: String { db ?? nonEmpty(environment["ZHAOSHANG_DB"]) ?? "zhaoshang.sqlite" }

  var rulesPath: String { rules ?? nonEmpty(environment["ZHAOSHANG_RULES"]) ?? "rules" }

  func openLedger(create: Bool = false) throws(ZhaoshangError) -> Ledger {
    if verbose { Console.note(language.pick("台账：", "database: ") + databasePath) }
    return try Ledger.open(at: databasePath, create: create)
  }

  func loadRules() throws(ZhaoshangError) -> RuleBook {
    let book = try RuleFileParser.loadBook(at: rulesPath)
    if verbose {
      for ruleSet in book.ruleSets {
        Console.note(
          language.pick("规则：", "rules: ")
            + "\(ruleSet.source.path) (effective_from \(ruleSet.effectiveFrom.iso), sha256 \(ruleSet.source.sha256.prefix(12)))"
        )
      }
    }
    return book
  }

  /// Who, when, and the command line as typed (less the program's path), for the records and the audit trail.
  func stamp() -> Stamp {
    Stamp.now(by: by, command: CommandText.join(["zhaoshang"] + CommandLine.arguments.dropFirst().map { $0 }))
  }

  private func nonEmpty(_ value: String?) -> String? {
    value.flatMap { $0.isEmpty ? nil : $0 }
  }
}
