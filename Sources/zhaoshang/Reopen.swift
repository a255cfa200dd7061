import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang reopen --month M --reason TEXT`: undo a close, keeping it on record.
  struct Reopen: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "撤销一个月的封存；封存的结果仍留档，并记录由谁、何时、为何重新打开",
          "Undo a month's close; the frozen result stays on record with who reopened it, when and why."),
        discussion: HelpText.discussion("", "", examples: ["zhaoshang reopen --month 2022-07 --reason \"补登7月漏报的外出\""]))
    }

    @Option(help: .month("已封存的月份", "The closed month")) var month: Month
    @Option(help: .text("重新打开的原因（与更正一样记录在案）", "Why it is reopened (recorded like an amendment).")) var reason: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let clock = try ledger.officeClock()
      let (month, reason, stamp) = (self.month, self.reason, ledger.stamp())
      let reopened = try ledger.withStore { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.reopen(month: month, reason: reason, stamp: stamp)
        }
      }
      Console.confirm(
        Localized(
          "已解除 \(month.chinese) 的封存（原因：\(reason.trimmed)）；\(clock.show(reopened.closedAt)) 封存的结果仍保留在台账中。",
          "reopened \(month.iso) (reason: \(reason.trimmed)); the result frozen on \(clock.show(reopened.closedAt)) stays on record."
        ),
        language: language)
    }
  }
}
