import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review return ID --reason TEXT`.
  struct ReturnTrip: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "return",
      abstract: "Return a trip to its unit with the reason, which the unit sees; it corrects or withdraws it.")

    @Argument(help: "The trip's id.") var id: Int64
    @Option(help: "What the unit should correct.") var reason: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let trip = try ledger.openLedger().returnTrip(id: id, reason: reason, stamp: ledger.stamp())
      Console.out(
        language.pick(
          "已退回 #\(id)（\(trip.unit) \(trip.name)，\(trip.destination)），原因：\(reason)",
          "returned #\(id) (\(trip.unit) \(trip.name), \(trip.destination)); reason: \(reason)"))
    }
  }
}
