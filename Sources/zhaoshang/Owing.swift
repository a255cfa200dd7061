import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang owing --month M`: the units that owe an explanation, and where each explanation stands.
  struct Owing: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "列出未达标的单位、差多少天，以及情况说明是否已收到",
          "List the units short of their quota, by how much, and whether their explanations have arrived."),
        discussion: HelpText.discussion(
          "每个未达标单位的情况说明分为：待报送、已逾期（以 --as-of 所给日期计，默认今天）、"
            + "已收到（注明日期，逾期收到的标明逾期）。--open 列出所有月份尚未说明的未达标（没有 notice "
            + "格式）。--format notice 生成可直接粘贴进通报的一段话。"
            + "尚未报送该月（zhaoshang reported）的未达标单位列为「未报送」，在其报送或说明截止日过去（按 --as-of 判断）之前不欠说明。",
          "Each short unit's explanation is pending, overdue (past its due date as of --as-of, "
            + "default today) or received (with the date; late when after the due date). --open lists "
            + "every unexplained shortfall of every month (without the notice format). --format notice "
            + "writes the paragraph the office pastes into its bulletin."
            + " A short unit that has not reported the month (zhaoshang reported) is listed as 未报送 and "
            + "owes nothing until it reports or the due day passes (judged as of --as-of).",
          examples: [
            "zhaoshang owing --month 2022-07", "zhaoshang owing --month 2022-07 --as-of 2022-08-10",
            "zhaoshang owing --open", "zhaoshang owing --month 2022-07 --format notice",
          ], formats: formats))
    }

    @Option(help: .month("月份（默认：上个月）", "The month (default: last month)")) var month: Month?
    @Option(
      name: .customLong("as-of"),
      help: .text(
        "以这一天判断是否逾期，如 2022-08-10（默认：今天）",
        "Judge overdue explanations as of this date, e.g. 2022-08-10 (default: today)."))
    var asOf: String?
    @Flag(help: .text("列出所有月份尚未说明的未达标，而不只一个月", "Every unexplained shortfall of every month, instead of one month."))
    var open = false
    @Flag(
      help: .text(
        "已封存的月份：按现在数据的核算判断未达标，而不是封存的结果",
        "For a closed month, judge shortfalls by today's computation instead of the frozen result."))
    var current = false
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      let language = ledger.language
      _ = try output.resolvedFormat(allowed: open ? Self.openFormats : Self.formats)
      _ = try DateOption.parse(asOf, option: "--as-of", language: language)
      if open && month != nil {
        throw ValidationError(
          language.pick("--open 列出所有月份，不能与 --month 同用", "--open lists every month; leave out --month"))
      }
      if open && current {
        throw ValidationError(
          language.pick(
            "--open 按各月生效的结果列出，不能与 --current 同用", "--open uses each month's result in force; leave out --current"))
      }
    }

    static let formats: [ReportFormat] = [.table, .json, .notice, .csv, .markdown, .xlsx]
    static let openFormats: [ReportFormat] = [.table, .json, .csv, .markdown, .xlsx]

    func run() throws {
      let language = ledger.language
      let today = CivilDate.today()
      let asOfDate = try DateOption.parse(asOf, option: "--as-of", language: language)?.date ?? today
      let rules = try ledger.loadRules()
      let renderer = OwingRenderer(language: language)
      if open {
        let format = try output.resolvedFormat(allowed: Self.openFormats)
        let owed = try ledger.withStore(readOnly: true) { store in
          try AsyncWork.wait { () async throws(ZhaoshangError) in
            try await store.openExplanations(rules: rules, today: today, asOf: asOfDate, markingUnreported: true)
          }
        }
        if format == .xlsx {
          try output.emit(data: XLSXWriter.data([renderer.sheet(open: owed, asOf: asOfDate)]))
          return
        }
        try output.emit(try renderer.render(open: owed, asOf: asOfDate, as: format), format: format, language: language)
        return
      }
      let format = try output.resolvedFormat(allowed: Self.formats)
      // As `Ledger.owing` does, with `--current` choosing which result the explanations are listed against.
      let month = self.month ?? Month(containing: today).previous
      let (standing, explanations) = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          (
            try await store.standing(month: month, rules: rules, today: asOfDate),
            try await store.explanations(month: month, unit: nil)
          )
        }
      }
      ClosedMonthNotes.print(
        standing, differences: standing.differences, current: current, clock: rules.clock, language: language)
      let report = try standing.report(current: current)
      let owed = OwedExplanation.list(report: report, explanations: explanations, asOf: asOfDate)
      if format == .xlsx {
        try output.emit(data: XLSXWriter.data([renderer.sheet(report, explanations: owed)]))
        return
      }
      try output.emit(try renderer.render(report, explanations: owed, as: format), format: format, language: language)
    }
  }
}
