import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang unvoid ID --reason TEXT`: undo a mistaken void.
  struct Unvoid: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "撤销误作废：这次外出以新的编号重新计入，作废记录仍保留",
          "Undo a mistaken void: the trip counts again, as a new trip id, and the void stays on record."),
        discussion: HelpText.discussion(
          "已作废的外出记录不会更改：撤销作废时复制为一条新的外出记录并计入天数，与原记录关联，"
            + "记下谁在何时因何撤销（见 zhaoshang history --trip 编号）。涉及已封存月份的外出，须加 --amend，"
            + "原因一并记录。",
          "A voided trip never changes: undoing its void copies it into a new trip that counts, joined to the "
            + "voided one with who undid the void, when and why (see zhaoshang history --trip ID). A trip "
            + "covering a day of a closed month is restored only with --amend; the reason is recorded with it.",
          examples: [
            "zhaoshang unvoid 17 --reason \"误作废，应作废第 18 条\"",
            "zhaoshang unvoid 17 --reason \"误作废\" --amend",
          ]))
    }

    @Argument(help: .text("已作废外出记录的编号（zhaoshang trips 列出的编号）", "The voided trip's id, as zhaoshang trips lists it."))
    var id: Int64
    @Option(help: .text("撤销作废的原因", "Why the void is undone.")) var reason: String
    @OptionGroup var amend: AmendFlag
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let (id, reason, stamp) = (self.id, self.reason, ledger.stamp())
      let amendment = amend.amend ? Amendment(reason: reason, command: "unvoid \(id)") : nil
      let restoration = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.unvoidTrip(id: id, reason: reason, stamp: stamp, amendment: amendment)
      }
      let trip = restoration.restored
      let restoredID = trip.id.map(String.init) ?? "?"
      Console.confirm(
        Localized(
          "已撤销对 #\(id) 的作废，恢复为 #\(restoredID)：\(trip.unit) \(trip.name) \(trip.start.iso) 至 \(trip.end.iso)，\(trip.destination)（原因：\(restoration.reason)）；#\(id) 仍列为已作废",
          "undid the void of #\(id), restored as #\(restoredID): \(trip.unit) \(trip.name) \(trip.start.iso) to \(trip.end.iso), \(trip.destination) (reason: \(restoration.reason)); #\(id) stays listed as void"
        ),
        language: language)
      if let amendment {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: amendment.command, clock: try ledger.officeClock(),
          language: language)
      }
    }
  }
}
