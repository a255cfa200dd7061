import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang void ID --reason TEXT`: withdraw a trip without deleting it.
  struct Void: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "作废一条外出记录：仍会列出并标明作废和原因，但不再计入天数",
          "Withdraw a trip: it stays listed, marked void with the reason, and no longer counts."),
        discussion: HelpText.discussion(
          "编号用 zhaoshang trips 查看。涉及已封存月份的外出须加 --amend 才能作废，作废原因一并记录。",
          "Find the id with zhaoshang trips. A trip covering a day of a closed month is voided only "
            + "with --amend; the reason is recorded with it.",
          examples: ["zhaoshang void 42 --reason \"重复登记\"", "zhaoshang void 42 --reason \"重复登记\" --amend"]))
    }

    @Argument(help: .text("外出记录的编号，即 zhaoshang trips 列出的编号", "The trip's id, as `zhaoshang trips` lists it.")) var id:
      Int64
    @Option(help: .text("作废原因", "Why the trip is withdrawn.")) var reason: String
    @OptionGroup var amend: AmendFlag
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let (id, reason, stamp) = (self.id, self.reason, ledger.stamp())
      let amendment = amend.amend ? Amendment(reason: reason, command: "void \(id)") : nil
      let trip = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.voidTrip(id: id, reason: reason, stamp: stamp, amendment: amendment)
      }
      Console.confirm(
        Localized(
          "已作废 #\(id)：\(trip.unit) \(trip.name) \(trip.start.iso) 至 \(trip.end.iso)，\(trip.destination)（原因：\(reason)）",
          "voided #\(id): \(trip.unit) \(trip.name) \(trip.start.iso) to \(trip.end.iso), \(trip.destination) (reason: \(reason))"
        ),
        language: language)
      if let amendment {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: amendment.command, clock: try ledger.officeClock(), language: language)
      }
    }
  }
}
