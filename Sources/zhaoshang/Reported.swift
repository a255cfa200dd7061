import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang reported`: a unit declares its month reported (报送), or reports that it did not go out; without
  /// --unit, which units have reported the month and which have not.
  struct Reported: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "登记一个单位已报送某月（或报送未外出）；不写 --unit 时列出各单位的报送情况",
          "Record that a unit has reported its month (报送), or list which units have reported it."),
        discussion: HelpText.discussion(
          "单位把当月外出全部报齐后报送；--none 表示当月负责人均未外出（报送未外出，按零天计）。"
            + "单位报送之前，check、bulletin 和 owing 中的未达标标为「未报送」而非「未达标」，"
            + "直到规则文件中的说明截止日过去。报送未外出仍未达到应外出天数：算已报送，仍须作情况说明。"
            + "每个单位每月只报送一次，不能更改；已封存的月份须加 --amend --reason。不写 --unit 时，"
            + "列出该月每个单位的报送情况。",
          "A unit reports a month once all its trips are in; --none reports that its heads did not go out "
            + "at all (未外出, a report of zero). Until a unit reports, a shortfall in check, bulletin and owing "
            + "is marked 未报送 (not reported) instead of 未达标 (short), until the explanation due day of the "
            + "rule file passes. A zero report is still short of a quota above zero: it is reported, and owes an "
            + "explanation. One report per unit and month, never changed; a closed month takes one only with "
            + "--amend --reason. Without --unit, lists every unit of the month with its report.",
          examples: [
            "zhaoshang reported --unit 朱坝街道 --month 2022-07",
            "zhaoshang reported --unit 审计局 --month 2022-07 --none", "zhaoshang reported --month 2022-07",
            "zhaoshang reported --unit 朱坝街道 --month 2022-07 --amend --reason \"补报\"",
          ], formats: OutputOptions.listingFormats))
    }

    @Option(
      help: .text("报送的单位；不写时列出该月各单位的报送情况", "The unit that reports; without it, list every unit's report of the month."))
    var unit: String?
    @Option(help: .month("月份（默认：上个月）", "The month (default: last month)")) var month: Month?
    @Flag(
      help: .text("该单位负责人本月均未外出（报送未外出，按零天计）", "The unit's heads did not go out this month (未外出): a report of zero."))
    var none = false
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      let language = ledger.language
      if unit == nil && (none || amend.amend) {
        throw ValidationError(
          language.pick(
            "--none 和 --amend 须与 --unit 一起使用，如 zhaoshang reported --unit 审计局 --month 2022-07 --none",
            "--none and --amend need --unit, e.g. zhaoshang reported --unit 审计局 --month 2022-07 --none"))
      }
      if unit == nil {
        _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
      }
    }

    func run() throws {
      let language = ledger.language
      let today = CivilDate.today()
      let month = month ?? Month(containing: today).previous
      let rules = try ledger.loadRules()
      guard let unit = unit?.trimmed else {
        let completeness = try ledger.withStore(readOnly: true) { store in
          try AsyncWork.wait { () async throws(ZhaoshangError) in
            try await store.completeness(month: month, rules: rules, today: today)
          }
        }
        let lines = MonthReportRenderer.lines(rules: try rules.ruleSet(for: month), completeness: completeness)
        let renderer = MonthReportRenderer(language: language, clock: try ledger.officeClock())
        try output.emitListing(language: language, sheet: { renderer.sheet(lines, completeness: completeness) }) {
          try renderer.render(lines, completeness: completeness, as: $0)
        }
        return
      }
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let stamp = ledger.stamp()
      let command = CommandText.join(["reported", "--unit", unit, "--month", month.iso, none ? "--none" : nil])
      let (none, amendment) = (self.none, amend.amendment(command: command))
      let report = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.reportMonth(
          unit: unit, month: month, nothingToReport: none, rules: rules, today: today, stamp: stamp,
          amendment: amendment)
      }
      let due = (try? rules.ruleSet(for: month))?.explanationDue(for: month)
      let zero =
        none
        ? Localized(
          "；未外出仍按应外出天数考核：有考核任务的单位仍为未达标，须于 \(due?.chinese ?? "截止日")前作出情况说明",
          "; a zero report still counts against the required days: a unit with a quota is still short and owes an explanation by \(due?.iso ?? "the due day")"
        ) : Localized("", "")
      Console.confirm(
        Localized(
          "已登记：\(report.unit)已报送\(month.chinese)\(none ? "（未外出）" : "")\(zero.text(.zh))。",
          "recorded: \(report.unit) has reported \(month.iso)\(none ? " (did not go out)" : "")\(zero.text(.en))."),
        language: language)
      if amend.amend {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: command, clock: try ledger.officeClock(), language: language)
      }
    }
  }
}
