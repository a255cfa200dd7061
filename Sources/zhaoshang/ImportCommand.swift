import ArgumentParser
import ZhaoshangKit

/// An `import` subcommand: it states only how it writes its file and what it counts; `run()` does the rest.
protocol ImportCommand: ParsableCommand {
  var options: Zhaoshang.ImportOptions { get }
  var amend: AmendOptions { get }
  var ledger: LedgerOptions { get }

  /// What the closing line counts, e.g. "trips".
  static var noun: Localized { get }

  /// Reads the file into the ledger, all rows or none (only checks it on a dry run), and reports what it added.
  func write(to store: any LedgerStore, rules: RuleBook, stamp: Stamp, amendment: Amendment?) throws -> ImportReport
}

extension ImportCommand {
  /// The steps every import shares around `write`: rules and ledger first, so a broken rule file or ledger is
  /// reported before the CSV file is read; then the summary, and the closed months an amending write changed.
  /// Being declared on this refinement of ParsableCommand, it is the `run()` the parser calls.
  func run() throws {
    let language = ledger.language
    let rules = try ledger.loadRules()
    let store = try ledger.openStore()
    defer { LedgerOptions.close(store) }
    let stamp = ledger.stamp()
    let amendment = amend.amendment(
      command: CommandText.join(["import", Self.configuration.commandName, options.file]))
    let report = try write(to: store, rules: rules, stamp: stamp, amendment: amendment)
    ImportSummary.print(report, noun: Self.noun, language: language)
    // A dry run wrote nothing, so it amended nothing either.
    if let amendment, !options.dryRun {
      try AmendmentReport.print(
        store: store, stamp: stamp, command: amendment.command, clock: try ledger.officeClock(), language: language)
    }
  }
}
