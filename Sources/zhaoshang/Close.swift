import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang close --month M`: freeze a month's check and bulletin.
  struct Close: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "封存一个月：冻结其核算结果、通报和所依据规则文件的 SHA-256",
          "Close a month: freeze its check, its bulletin and the SHA-256 of the rule file behind them."),
        discussion: HelpText.discussion(
          "封存后，涉及该月的登记、作废、导入和花名册修改都会被拒绝，除非加 --amend --reason \"原因\"；"
            + "每次更正都记录操作人、时间和原因。尚未结束的月份须加 --force。--list "
            + "列出全部封存记录（含已重新打开的）。",
          "After closing, a log, void, import or roster change touching the month is refused unless "
            + "given with --amend --reason \"why\", and every amendment is recorded with who, when and "
            + "why. A month not yet over needs --force. --list shows every close, reopened ones included.",
          examples: ["zhaoshang close --month 2022-07", "zhaoshang close --list"]))
    }

    @Option(help: .month("要封存的月份", "The month to close")) var month: Month?
    @Flag(
      help: .text("封存尚未结束、或仍有外出待审核的月份", "Close a month that has not ended yet, or has trips still waiting for review."))
    var force = false
    @Flag(help: .text("改为列出全部封存记录（含已重新打开的）", "List every close instead, reopened ones included.")) var list = false
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      let language = ledger.language
      if list && (month != nil || force) {
        throw ValidationError(
          language.pick("--list 不能与 --month、--force 同用", "--list takes neither --month nor --force"))
      }
      if !list && month == nil {
        throw ValidationError(
          language.pick("请用 --month 指定要封存的月份，如 --month 2022-07", "give the month to close, e.g. --month 2022-07"))
      }
    }

    func run() throws {
      let language = ledger.language
      if list {
        let (closes, amendments) = try ledger.withStore(readOnly: true) { store in
          try AsyncWork.wait { () async throws(ZhaoshangError) in
            (try await store.closes(month: nil), try await store.amendments(month: nil))
          }
        }
        printList(closes, amendments: amendments, clock: try ledger.officeClock(), language: language)
        return
      }
      guard let month else { return }
      let (rules, today, force, stamp) = (try ledger.loadRules(), CivilDate.today(), self.force, ledger.stamp())
      let closed = try ledger.withStore { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.close(month: month, rules: rules, today: today, force: force, stamp: stamp)
        }
      }
      let report = closed.report
      let assessed = report.units.filter { $0.status != .vacant }.count
      let forced = closed.forced ? language.pick("（月末前提前封存）", " (before the month ended)") : ""
      Console.confirm(
        Localized(
          "已封存 \(month.chinese)\(forced)：考核单位 \(assessed) 个，未达标 \(report.shortUnits.count) 个；核算结果与通报已保存（规则 \(closed.rulesPath)，sha256 \(closed.rulesSHA256.prefix(12))）。此后涉及该月的修改须加 --amend --reason。",
          "closed \(month.iso)\(forced): \(assessed) units assessed, \(report.shortUnits.count) short; the check and the bulletin are frozen (rules \(closed.rulesPath), sha256 \(closed.rulesSHA256.prefix(12))). Changes touching the month now need --amend --reason."
        ),
        language: language)
    }

    func printList(_ closes: [ClosedMonth], amendments: [AmendmentEntry], clock: OfficeClock, language: Language) {
      guard !closes.isEmpty else {
        Console.out(language.pick("没有已封存的月份。", "no month has been closed."))
        return
      }
      let headers = language.pick(
        "月份|封存时间|封存人|规则 sha256|更正|解除封存", "month|closed at|by|rules sha256|amendments|reopened"
      ).split(separator: "|").map(String.init)
      let rows = closes.map { closed in
        let count = amendments.filter { $0.closedMonthId == closed.id }.count
        let reopened =
          closed.reopening.map {
            language.pick(
              "\(clock.show($0.at)) \($0.by)（\($0.reason)）", "\(clock.show($0.at)) \($0.by) (\($0.reason))")
          } ?? ""
        let forced = closed.forced ? language.pick("（提前）", " (early)") : ""
        return [
          closed.month.iso, clock.show(closed.closedAt) + forced, closed.closedBy,
          String(closed.rulesSHA256.prefix(12)),
          String(count), reopened,
        ]
      }
      Console.out(TextTable(headers: headers, rows: rows, numeric: [4]).render())
    }
  }
}
