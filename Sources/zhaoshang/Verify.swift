import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang verify`: proves that nothing was added, changed or removed behind the tool's back.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Recompute the audit chain and check roster, trips, leave and explanations against it.",
      discussion: """
        Reports the first broken link of the chain and every row that disagrees with the events.
        Exits 0 when everything agrees, 1 when anything does not.

        Example:
          zhaoshang verify
        """)

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let report = try ledger.openLedger(readOnly: true).verify()
      Console.out(report.text(ledger.language))
      if !report.isClean { throw ExitCode(1) }
    }
  }
}
