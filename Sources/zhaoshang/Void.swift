import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang void ID --reason TEXT`: withdraw a trip without deleting it.
  struct Void: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Withdraw a trip: it stays listed, marked void with the reason, and no longer counts.",
      discussion: """
        A trip covering a day of a closed month is voided only with --amend; the reason is recorded with it.

        Example:
          zhaoshang void 42 --reason "重复登记"
          zhaoshang void 42 --reason "重复登记" --amend
        """)

    @Argument(help: "The trip's id, as `zhaoshang trips` lists it.") var id: Int64
    @Option(help: "Why the trip is withdrawn.") var reason: String
    @OptionGroup var amend: AmendFlag
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let amendment = amend.amend ? Amendment(reason: reason, command: "void \(id)") : nil
      let trip = try store.voidTrip(id: id, reason: reason, stamp: stamp, amendment: amendment)
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
