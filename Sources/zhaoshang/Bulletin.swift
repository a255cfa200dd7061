import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang bulletin --month M`: the monthly bulletin (招商通报) as the district office publishes it.
  struct BulletinCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "bulletin",
        abstract: HelpText.pick(
          "生成一个月的招商通报：总体情况、排名表、未达标单位和工作要求",
          "Print a month's bulletin (招商通报): figures, the ranked table, the short units, the requirement."),
        discussion: HelpText.discussion(
          "单位按人天数排名（天数相同的按规则文件中的顺序），没有外出的排在最后，标明「未外出」。"
            + "已封存的月份显示封存时的通报，并说明按现在的数据和规则是否会不同、封存后有哪些更正；加 "
            + "--current 显示按现在数据的通报。规则文件写有 [bulletin] office = \"…\" 时，"
            + "通报抬头印发文单位和日期，文末落款；--issue 7 在标题上方印「第7期」。.docx 和打印的网页都有页码"
            + "（第 X 页）。"
            + "尚未报送（zhaoshang reported）的未达标单位，在其报送或说明截止日过去之前列为「未报送」而非未达标；"
            + "尚未开始、尚未结束或没有外出记录的月份，标题上方有警告。",
          "Units are ranked by person-days (ties in the rule file's order); units with no day out "
            + "come last, marked 未外出. A closed month prints the bulletin frozen when it was closed, "
            + "says whether today's data and rules would differ, and lists the amendments since; "
            + "--current prints today's instead. With [bulletin] office = \"…\" in the rule file, the "
            + "office heads the bulletin with the date and signs it at the end (落款); --issue 7 prints "
            + "第7期 above the title. The .docx and the printed HTML page "
            + "number their pages (第 X 页)."
            + " Short units that have not reported the month (zhaoshang reported) are listed as 未报送, not "
            + "short, until they report or the explanation due day passes; a month not begun, not over or "
            + "with no trips is flagged with a warning above the title.",
          examples: [
            "zhaoshang bulletin --month 2022-07", "zhaoshang bulletin --month 2022-07 --output 7月通报.html",
            "zhaoshang bulletin --month 2022-07 --output 7月通报.docx \\\n  --number \"洪招通〔2022〕7号\" --issue 7",
            "zhaoshang bulletin --month 2022-07 --format csv --output 7月通报.csv",
            "zhaoshang bulletin --month 2022-07 --output 7月通报.xlsx",
          ], formats: formats))
    }

    @Option(help: .month("通报的月份（默认：上个月）", "The month (default: last month)")) var month: Month?
    @Flag(help: .text("已封存的月份：显示按现在数据的通报，而不是封存的通报", "For a closed month, today's bulletin instead of the frozen one."))
    var current = false
    @Option(
      help: .text(
        "文号，印在 .docx 的标题下，如 洪招通〔2022〕7号",
        "The document number (文号) printed under the title of a .docx, e.g. 洪招通〔2022〕7号."))
    var number: String?
    @Option(
      help: .text("期号，印在标题上方，如 --issue 7 印作「第7期」", "The issue number printed above the title, e.g. 7 for 第7期.")
    )
    var issue: Int?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.text, .table, .markdown, .html, .csv, .json, .xlsx, .docx]

    func validate() throws {
      _ = try output.resolvedFormat(allowed: Self.formats)
      if let issue, issue < 1 {
        throw ValidationError(
          "--issue 为 \(issue)，期数应为 1 或更大的整数，如 --issue 7。--issue is \(issue); the issue number must be 1 or more, such as --issue 7."
        )
      }
    }

    func run() throws {
      let language = ledger.language
      let format = try output.resolvedFormat(allowed: Self.formats)
      let rules = try ledger.loadRules()
      let today = CivilDate.today()
      let month = month ?? Month(containing: today).previous
      let standing = try ledger.withStore(readOnly: true) { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.bulletinStanding(month: month, rules: rules, today: today)
        }
      }
      let bulletin = try standing.bulletin(current: current)
      ClosedMonthNotes.print(
        standing.standing, differences: standing.differences, current: current, clock: rules.clock,
        language: language)
      // The office is how the bulletin is signed, not policy: today's rule file names it, even for a closed month.
      let masthead = BulletinMasthead.make(
        office: try rules.ruleSet(for: month).bulletinOffice, issue: issue, date: today)
      let renderer = BulletinRenderer(language: language, masthead: masthead)
      switch format {
      case .xlsx: try output.emit(data: XLSXWriter.data([renderer.sheet(bulletin)]))
      case .docx:
        try output.emit(
          data: DOCXWriter.data(renderer.document(bulletin, number: number, date: today)))
      default: try output.emit(try renderer.render(bulletin, as: format), format: format, language: language)
      }
    }
  }
}
