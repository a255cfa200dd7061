import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang trips`: list trips with their ids, void ones marked.
  struct Trips: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "列出外出记录及其编号；已作废的仍列出，并标明作废", "List trips with their ids; void trips stay listed, marked void."),
        discussion: HelpText.discussion(
          "", "",
          examples: [
            "zhaoshang trips --month 2022-07 --unit 朱坝街道", "zhaoshang trips --month 2022-07 --output 7月外出.csv",
          ], formats: OutputOptions.listingFormats))
    }

    @OptionGroup var filter: ListFilterOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
    }

    func run() throws {
      let language = ledger.language
      let (month, unit, name) = filter.values()
      let opened = try ledger.openLedger(readOnly: true)
      // CSV is written as the trips are read, in flat memory however many there are. The other formats are
      // still built whole: a table needs every row for its column widths, a workbook for its cells.
      if try output.resolvedFormat(allowed: OutputOptions.listingFormats) == .csv {
        let renderer = ListRenderer(language: language)
        try output.stream(format: .csv) { write in
          try write(CSVWriter.line(renderer.tripCSVHeader))
          try opened.forEachTrip(in: month, unit: unit, name: name) { try write(renderer.csvLine($0)) }
        }
        return
      }
      let trips = try opened.trips(in: month, unit: unit, name: name)
      let renderer = ListRenderer(language: language)
      let title = language.pick(
        "\(month.map { $0.chinese } ?? "")外出招商记录\(unit.map { "（\($0)）" } ?? "")",
        "Trips\(month.map { ", \($0.iso)" } ?? "")\(unit.map { ", \($0)" } ?? "")")
      try output.emitListing(language: language, sheet: { renderer.sheet(trips: trips, title: title) }) {
        try renderer.render(trips: trips, as: $0)
      }
    }
  }
}
