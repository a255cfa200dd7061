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
        prints today's instead.

        Example:
          zhaoshang bulletin --month 2022-07
          zhaoshang bulletin --month 2022-07 --output 7月通报.html
          zhaoshang bulletin --month 2022-07 --format csv --output 7月通报.csv
          zhaoshang bulletin --month 2022-07 --output 7月通报.docx --number "洪招通〔2022〕7号"
          zhaoshang bulletin --month 2022-07 --output 7月通报.xlsx
        """)

    @Option(help: "The month, e.g. 2022-07 (default: last month).") var month: Month?
    @Flag(help: "For a closed month, today's bulletin instead of the frozen one.") var current = false
    @Option(help: "The document number (文号) printed under the title of a .docx, e.g. 洪招通〔2022〕7号.")
    var number: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.text, .table, .markdown, .html, .csv, .json, .xlsx, .docx]

    func validate() throws {
      _ = try output.resolvedFormat(allowed: Self.formats)
    }

    func run() throws {
      let language = ledger.language
      let format = try output.resolvedFormat(allowed: Self.formats)
      let rules = try ledger.loadRules()
      let standing = try ledger.openLedger(readOnly: true).bulletinStanding(
        month: month ?? Month(containing: CivilDate.today()).previous, rules: rules)
      let bulletin = try standing.bulletin(current: current)
      ClosedMonthNotes.print(
        standing.standing, differences: standing.differences, current: current, language: language)
      let renderer = BulletinRenderer(language: language)
      switch format {
      case .xlsx: try output.emit(data: XLSXWriter.data([renderer.sheet(bulletin)]))
      case .docx:
        try output.emit(
          data: DOCXWriter.data(renderer.document(bulletin, number: number, date: CivilDate.today())))
      default: try output.emit(try renderer.render(bulletin, as: format), format: format, language: language)
      }
    }
  }
}
