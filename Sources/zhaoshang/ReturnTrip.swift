import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review return ID --reason TEXT`.
  struct ReturnTrip: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "return",
        abstract: HelpText.pick(
          "把外出退回单位并写明原因（单位可见），由单位更正或撤回",
          "Return a trip to its unit with the reason, which the unit sees; it corrects or withdraws it."),
        discussion: HelpText.discussion("", "", examples: ["zhaoshang review return 43 --reason \"目的地与行程单不符\""]))
    }

    @Argument(help: .text("外出记录的编号", "The trip's id.")) var id: Int64
    @Option(help: .text("单位需要更正的地方", "What the unit should correct.")) var reason: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let (id, reason, stamp) = (self.id, self.reason, ledger.stamp())
      let trip = try ledger.withStore { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.returnTrip(id: id, reason: reason, stamp: stamp)
        }
      }
      Console.out(
        language.pick(
          "已退回 #\(id)（\(trip.unit) \(trip.name)，\(trip.destination)），原因：\(reason)",
          "returned #\(id) (\(trip.unit) \(trip.name), \(trip.destination)); reason: \(reason)"))
    }
  }
}
