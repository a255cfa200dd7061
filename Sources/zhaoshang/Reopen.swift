import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang reopen --month M --reason TEXT`: undo a close, keeping it on record.
  struct Reopen: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Undo a month's close; the frozen result stays on record with who reopened it, when and why.",
      discussion: """
        Example:
          zhaoshang reopen --month 2022-07 --reason "补登7月漏报的外出"
        """)

    @Option(help: "The closed month, e.g. 2022-07.") var month: Month
    @Option(help: "Why it is reopened (recorded like an amendment).") var reason: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let clock = try ledger.officeClock()
      let reopened = try ledger.openLedger().reopen(month: month, reason: reason, stamp: ledger.stamp())
      Console.confirm(
        Localized(
          "已解除 \(month.chinese) 的封存（原因：\(reason.trimmed)）；\(clock.show(reopened.closedAt)) 封存的结果仍保留在台账中。",
          "reopened \(month.iso) (reason: \(reason.trimmed)); the result frozen on \(clock.show(reopened.closedAt)) stays on record."
        ),
        language: language)
    }
  }
}
