import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang verify`: proves that nothing was added, changed or removed behind the tool's back.
  struct Verify: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "重新计算审计链，并核对花名册、外出、请假和情况说明是否与之一致",
          "Recompute the audit chain and check roster, trips, leave and explanations against it."),
        discussion: HelpText.discussion(
          "报告审计链第一处断开的位置，以及与审计记录不符的每一行。全部一致时退出码为 0，否则为 1。",
          "Reports the first broken link of the chain and every row that disagrees with the events. "
            + "Exits 0 when everything agrees, 1 when anything does not.",
          examples: ["zhaoshang verify"]))
    }

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let report = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.verify() }
      }
      Console.out(report.text(ledger.language))
      if !report.isClean { throw ExitCode(1) }
    }
  }
}
