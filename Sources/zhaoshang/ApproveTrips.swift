import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review approve ID...`.
  struct ApproveTrips: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "approve", abstract: "Approve trips waiting for review: all of them, or none if any cannot be.")

    @Argument(help: "The trips' ids, as `zhaoshang review` lists them.") var ids: [Int64]
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let trips = try ledger.openLedger().approveTrips(ids: ids, stamp: ledger.stamp())
      for trip in trips {
        Console.out(
          language.pick(
            "已通过 #\(trip.id ?? 0)：\(trip.unit) \(trip.name) \(trip.startText(.zh)) 至 \(trip.end.iso)，\(trip.destination)",
            "approved #\(trip.id ?? 0): \(trip.unit) \(trip.name) \(trip.startText(.en)) to \(trip.end.iso), \(trip.destination)"
          ))
      }
    }
  }
}
