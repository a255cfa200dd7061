import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang explain`: record that a short unit's explanation (情况说明) arrived.
  struct Explain: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "登记未达标单位的情况说明已收到（每个单位每月一份）", "Record that a short unit's explanation arrived (one per unit and month)."),
        discussion: HelpText.discussion(
          "说明文件只记录路径和 SHA-256 校验值，不复制文件。"
            + "只有当月未达标的单位（月份封存后以封存结果为准）才须作说明。",
          "A document is recorded by its path and SHA-256, not copied. Only a unit short that month "
            + "(by the month's frozen result once it is closed) owes an explanation.",
          examples: [
            "zhaoshang explain --unit 朱坝街道 --month 2022-07 --received 2022-08-03",
            "zhaoshang explain --unit 朱坝街道 --month 2022-07 --received 2022-08-03 \\\n  --note "
              + "\"书记参加防汛\" --document 说明/朱坝街道-7月.pdf",
          ]))
    }

    @Option(help: .text("未达标的单位", "The short unit.")) var unit: String
    @Option(help: .month("说明的是哪个月", "The month explained")) var month: Month
    @Option(help: .text("收到说明的日期，如 2022-08-03", "The day the explanation arrived, e.g. 2022-08-03.")) var received:
      String
    @Option(help: .text("备注", "A note kept with it.")) var note: String = ""
    @Option(help: .text("说明文件，记录其路径和 SHA-256", "The explanation's file, recorded by path and SHA-256.")) var document:
      String?
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(received, option: "--received", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      guard let date = try DateOption.parse(received, option: "--received", language: language)?.date else { return }
      let file = try document.map { path throws(ZhaoshangError) in try ExplanationDocument.read(path: path) }
      let rules = try ledger.loadRules()
      let today = CivilDate.today()
      let (explanation, stamp) = (
        Explanation(unit: unit.trimmed, month: month, received: date, note: note, document: file), ledger.stamp()
      )
      let stored = try ledger.withStore { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.recordExplanation(explanation, rules: rules, today: today, stamp: stamp, storing: nil)
        }
      }
      let due = (try? rules.ruleSet(for: month))?.explanationDue(for: month)
      let status = due.map { ExplanationStatus.of(due: $0, received: stored.received, asOf: today).label(language) }
      Console.confirm(
        Localized(
          "已登记：\(stored.unit) \(month.chinese)的情况说明\(status.map { "，\($0)" } ?? "")\(file.map { "；文件 \($0.path)（sha256 \($0.sha256.prefix(12))）" } ?? "")。",
          "recorded: \(stored.unit)'s explanation for \(month.iso)\(status.map { ", \($0)" } ?? "")\(file.map { "; file \($0.path) (sha256 \($0.sha256.prefix(12)))" } ?? "")."
        ),
        language: language)
    }
  }
}
