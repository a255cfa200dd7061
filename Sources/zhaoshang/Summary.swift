import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang summary --year Y`: the year per unit and head.
  struct SummaryCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "summary",
        abstract: HelpText.pick(
          "全年汇总：按单位和个人列出考核月数、未达标月数、天数和最长连续未达标月数",
          "Summarise a year: per unit and head, months assessed and short, days, longest run of short months."),
        discussion: HelpText.discussion(
          "从台账中第一次外出所在的月份算到最近一个已结束的月份；已封存的月份按封存结果计（加 "
            + "--current 则按现在的数据）。连续 escalate_after 个月未达标的单位标明「约谈」。",
          "Months count from the ledger's first trip to the last month over; closed months count as "
            + "frozen (--current: as today's data gives them). Units short escalate_after months in a row "
            + "are marked 约谈.",
          examples: ["zhaoshang summary --year 2022", "zhaoshang summary --year 2022 --output 2022年汇总.csv"],
          formats: formats))
    }

    @Option(help: .text("年份，如 2022", "The year, e.g. 2022.")) var year: Int
    @Flag(help: .text("各月都按现在的数据核算，已封存的也一样", "Every month from today's data, closed ones included.")) var current =
      false
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.table, .text, .markdown, .csv, .json, .html, .xlsx]

    func validate() throws {
      _ = try output.resolvedFormat(allowed: Self.formats)
      let years = DateWindow.first.year...DateWindow.last.year
      guard years.contains(year) else {
        throw ValidationError(
          ledger.language.pick(
            "--year 应为 \(years.lowerBound) 到 \(years.upperBound) 之间的四位年份，如 --year 2022",
            "--year takes a year from \(years.lowerBound) to \(years.upperBound), e.g. --year 2022"))
      }
    }

    func run() throws {
      let language = ledger.language
      let format = try output.resolvedFormat(allowed: Self.formats)
      let (year, rules, today, current) = (self.year, try ledger.loadRules(), CivilDate.today(), self.current)
      let summary = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.summary(year: year, rules: rules, today: today, current: current)
        }
      }
      let renderer = SummaryRenderer(language: language)
      if format == .xlsx {
        try output.emit(data: XLSXWriter.data(renderer.sheets(summary)))
        return
      }
      try output.emit(try renderer.render(summary, as: format), format: format, language: language)
    }
  }
}
