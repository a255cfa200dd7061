import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang explain`: record that a short unit's explanation (情况说明) arrived.
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that a short unit's explanation arrived (one per unit and month).",
      discussion: """
        A document is recorded by its path and SHA-256, not copied. Only a unit short that month (by the
        month's frozen result once it is closed) owes an explanation.

        Example:
          zhaoshang explain --unit 朱坝街道 --month 2022-07 --received 2022-08-03 \\
            --note "书记参加防汛" --document 说明/朱坝街道-7月.pdf
        """)

    @Option(help: "The short unit.") var unit: String
    @Option(help: "The month explained, e.g. 2022-07.") var month: Month
    @Option(help: "The day the explanation arrived, e.g. 2022-08-03.") var received: String
    @Option(help: "A note kept with it.") var note: String = ""
    @Option(help: "The explanation's file, recorded by path and SHA-256.") var document: String?
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
      let stored = try ledger.openLedger().recordExplanation(
        Explanation(unit: unit.trimmed, month: month, received: date, note: note, document: file), rules: rules,
        today: today, stamp: ledger.stamp())
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
