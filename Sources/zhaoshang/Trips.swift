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
      let store = try ledger.openStore(readOnly: true)
      defer { LedgerOptions.close(store) }
      // CSV is written as the trips are read, in flat memory however many there are; so is the table, measured on
      // one pass over the trips for its column widths and written on a second. JSON, Markdown and workbooks are
      // built whole (the same text: the streamed table is the one `ListRenderer.render(trips:as:)` makes).
      let format = try output.resolvedFormat(allowed: OutputOptions.listingFormats)
      if format == .csv {
        let renderer = ListRenderer(language: language)
        try output.stream(format: .csv) { write in
          try write(CSVWriter.line(renderer.tripCSVHeader))
          try StreamedTrips.forEach(store, in: month, unit: unit, name: name) { _, trip in
            try write(renderer.csvLine(trip))
          }
        }
        return
      }
      if format == .table {
        try streamTable(store, month: month, unit: unit, name: name, language: language)
        return
      }
      let trips = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.trips(in: month, unit: unit, name: name)
      }
      let renderer = ListRenderer(language: language)
      let title = language.pick(
        "\(month.map { $0.chinese } ?? "")外出招商记录\(unit.map { "（\($0)）" } ?? "")",
        "Trips\(month.map { ", \($0.iso)" } ?? "")\(unit.map { ", \($0)" } ?? "")")
      try output.emitListing(language: language, sheet: { renderer.sheet(trips: trips, title: title) }) {
        try renderer.render(trips: trips, as: $0)
      }
    }

    /// The table `ListRenderer.render(trips:as: .table)` makes, written line by line.
    private func streamTable(
      _ store: any LedgerStore, month: Month?, unit: String?, name: String?, language: Language
    ) throws {
      let renderer = ListRenderer(language: language)
      let numeric = ListRenderer.tripTableNumeric
      var widths = TextTable.ColumnWidths(headers: renderer.tripTableHeaders)
      var count = 0
      var voided = 0
      try output.stream(format: .table) { write in
        try StreamedTrips.forEach(store, in: month, unit: unit, name: name, passes: 2) { pass, trip in
          guard pass == 1 else { return widths.measure(renderer.tripTableRow(trip)) }
          if count == 0 { try write(Self.tableTop(renderer, widths: widths)) }
          count += 1
          if trip.isVoid { voided += 1 }
          try write(TextTable.line(renderer.tripTableRow(trip), widths: widths.widths, numeric: numeric) + "\n")
        }
        if count == 0 { try write(Self.tableTop(renderer, widths: widths)) }
        try write("\n" + renderer.tripTableCount(trips: count, voided: voided))
      }
    }

    /// The headers and the line under them, each ending its line.
    private static func tableTop(_ renderer: ListRenderer, widths: TextTable.ColumnWidths) -> String {
      TextTable.line(renderer.tripTableHeaders, widths: widths.widths, numeric: ListRenderer.tripTableNumeric) + "\n"
        + widths.rule + "\n"
    }
  }
}
