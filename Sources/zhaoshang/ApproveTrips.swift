import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review approve ID...`.
  struct ApproveTrips: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "approve",
        abstract: HelpText.pick(
          "通过待审核的外出：全部通过，或者有一条不能通过就都不通过", "Approve trips waiting for review: all of them, or none if any cannot be."),
        discussion: HelpText.discussion("", "", examples: ["zhaoshang review approve 41 42"]))
    }

    @Argument(help: .text("外出记录的编号，即 zhaoshang review 列出的编号", "The trips' ids, as `zhaoshang review` lists them."))
    var ids: [Int64]
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let (ids, stamp) = (self.ids, ledger.stamp())
      let trips = try ledger.withStore { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.approveTrips(ids: ids, stamp: stamp) }
      }
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
