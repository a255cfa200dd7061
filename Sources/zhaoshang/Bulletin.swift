import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang bulletin --month M`: the monthly bulletin (招商通报) as the district office publishes it.
  struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bulletin",
      abstract: "Print a month's bulletin (招商通报): figures, the ranked table, the short units, the requirement.",
      discussion: """
        Units are ranked by person-days (ties in the rule file's order); units with no day out come last, marked 未外出.
        --format html writes one printable page. A closed month prints the bulletin frozen when it was
        closed, says whether today's data and rules would differ, and lists the amendments since; --current
        prints today's instead. With `[bulletin] office = "…"` in the rule file, the office heads the
        bulletin with the date and signs it at the end (落款); --issue 7 prints 第7期 above the title. The .docx
        numbers its pages (第 X 页); a printed HTML page cannot, so print the .docx when page numbers matter.

        Example:
          zhaoshang bulletin --month 2022-07
          zhaoshang bulletin --month 2022-07 --output 7月通报.html
          zhaoshang bulletin --month 2022-07 --format csv --output 7月通报.csv
          zhaoshang bulletin --month 2022-07 --output 7月通报.docx --number "洪招通〔2022〕7号" --issue 7
          zhaoshang bulletin --month 2022-07 --output 7月通报.xlsx
        """)

    @Option(help: "The month, e.g. 2022-07 (default: last month).") var month: Month?
    @Flag(help: "For a closed month, today's bulletin instead of the frozen one.") var current = false
    @Option(help: "The document number (文号) printed under the title of a .docx, e.g. 洪招通〔2022〕7号.")
    var number: String?
    @Option(
      help:
        "期数：本期通报的期号，印在标题上方，如 --issue 7 印作「第7期」。The issue number printed above the title, e.g. 7 for 第7期."
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
      let month = month ?? Month(containing: CivilDate.today()).previous
      let standing = try ledger.openLedger(readOnly: true).bulletinStanding(month: month, rules: rules)
      let bulletin = try standing.bulletin(current: current)
      ClosedMonthNotes.print(
        standing.standing, differences: standing.differences, current: current, clock: rules.clock,
        language: language)
      // The office is how the bulletin is signed, not policy: today's rule file names it, even for a closed month.
      let today = CivilDate.today()
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
