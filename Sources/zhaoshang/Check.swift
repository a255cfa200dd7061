import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang check --month M`: every assessed head and unit for a month.
  struct Check: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "核算一个月：按单位列出每名考核对象的应达天数和实际天数",
          "Check a month: every assessed head's required and counted days, grouped by unit."),
        discussion: HelpText.discussion(
          "--unit 只显示这个单位；再加 --explain，逐日说明其每人的天数是怎样算的。"
            + "已封存的月份显示封存时的结果，并说明按现在的数据和规则是否会不同、封存后有哪些更正；加 "
            + "--current 显示按现在数据的核算。无论结果如何退出码都是 0；加 --exit-code 时，"
            + "有单位未达标则为 1。"
            + "尚未报送该月（zhaoshang reported）的未达标单位标为「未报送」而非「未达标」，直到报送或说明截止日过去。"
            + "尚未结束的月份显示截至今天的天数和剩余天数；尚未开始或没有任何外出记录的月份，表格上方有警告。",
          "--unit shows that unit only; with --explain, how each of its heads' days were counted, day "
            + "by day. A closed month prints its frozen result, says whether today's data and rules would "
            + "differ, and lists the amendments since it was closed; --current prints today's computation "
            + "instead. Exits 0 whatever it finds; with --exit-code it exits 1 when any unit is short."
            + " A short unit that has not reported the month (zhaoshang reported) is marked 未报送 (not "
            + "reported), not 未达标 (short), until it reports or the explanation due day passes. A month not "
            + "over is shown so far, with the days left; a month not begun, or with no trips, is flagged with a "
            + "warning above the table.",
          examples: [
            "zhaoshang check --month 2022-07", "zhaoshang check --month 2022-07 --unit 朱坝街道",
            "zhaoshang check --month 2022-07 --unit 朱坝街道 --explain",
            "zhaoshang check --month 2022-07 --output 7月考核.xlsx", "zhaoshang check --month 2022-07 --output 7月考核.html",
            "zhaoshang check --month 2022-07 --format json --output 2022-07.json",
            "zhaoshang check --month 2022-07 --current",
          ], formats: formats))
    }

    @Option(help: .month("要核算的月份（默认：上个月）", "The month to check (default: last month)")) var month: Month?
    @Flag(name: .customLong("exit-code"), help: .text("有单位未达标时以退出码 1 结束", "Exit 1 when any unit is short."))
    var exitCode = false
    @Flag(
      help: .text("逐日说明每人的天数是怎样算的（须同时写 --unit）", "Show, day by day, how each head's days were counted (needs --unit)."))
    var explain = false
    @Option(help: .text("只显示这个单位；加 --explain 时逐日说明", "Only this unit; with --explain, its days one by one.")) var unit:
      String?
    @Flag(
      help: .text("已封存的月份：显示按现在数据的核算，而不是封存的结果", "For a closed month, today's computation instead of the frozen result.")
    ) var current = false
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.table, .json, .csv, .markdown, .html, .xlsx]

    func validate() throws {
      _ = try output.resolvedFormat(allowed: Self.formats)
      if explain && unit == nil {
        throw ValidationError(
          ledger.language.pick(
            "--explain 需要指定单位，如 --explain --unit 朱坝街道", "--explain needs a unit: add --unit, e.g. --explain --unit 朱坝街道"
          ))
      }
    }

    func run() throws {
      let language = ledger.language
      if explain, let unit {
        try runExplain(unit: unit.trimmed)
        return
      }
      let format = try output.resolvedFormat(allowed: Self.formats)
      let rules = try ledger.loadRules()
      let today = CivilDate.today()
      let month = self.month ?? Month(containing: today).previous
      let standing = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.standing(month: month, rules: rules, today: today)
        }
      }
      let whole = try standing.report(current: current)
      let report = try unit.map { try Self.scoped(whole, to: $0.trimmed) } ?? whole
      ClosedMonthNotes.print(
        standing, differences: standing.differences, current: current, clock: rules.clock, language: language)
      let renderer = CheckRenderer(language: language, colour: output.colour(environment: ledger.environment))
      if format == .xlsx {
        try output.emit(data: XLSXWriter.data([renderer.sheet(report)]))
      } else {
        try output.emit(try renderer.render(report, as: format), format: format, language: language)
      }
      if exitCode && !report.shortUnits.isEmpty { throw ExitCode(1) }
    }

    /// The report of one unit; a unit the month's rule file does not assess is refused rather than shown empty.
    static func scoped(_ report: CheckReport, to unit: String) throws(ZhaoshangError) -> CheckReport {
      let scoped = report.scoped(to: unit)
      guard !scoped.units.isEmpty else {
        throw .invalid(
          "--unit", excerpt: unit,
          "\(report.month.chinese)适用的规则文件中没有单位「\(unit)」；请核对单位名称（与规则文件中的写法一致）",
          "the rule file in force for \(report.month.iso) has no unit \"\(unit)\"; check the name as the rule file writes it"
        )
      }
      return scoped
    }

    func runExplain(unit: String) throws {
      let month = self.month ?? Month(containing: CivilDate.today()).previous
      let rules = try ledger.loadRules()
      let ruleSet = try rules.ruleSet(for: month)
      try ruleSet.requireCalendar(for: month)
      let (posts, trips, leaves) = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          (
            try await store.posts(unit: unit, on: nil), try await store.trips(in: month, unit: unit, name: nil),
            try await store.leaves(in: month, unit: unit, name: nil)
          )
        }
      }
      let text = CheckExplainer(language: ledger.language).explain(
        unit: unit, month: month, rules: ruleSet, posts: posts, trips: trips, leaves: leaves)
      try output.emit(text, format: .table, language: ledger.language)
    }
  }
}
