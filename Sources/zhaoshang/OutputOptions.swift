import ArgumentParser
import Foundation
import ZhaoshangKit

/// Where a report goes and in what form: shared by every report and listing.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "table, json, csv, markdown; owing also notice; bulletin and summary also html, bulletin also text. Default: from --output's extension, else table."
  )
  var format: ReportFormat?

  @Option(name: .long, help: "Write to this file instead of standard output.")
  var output: String?

  @Flag(
    name: .long, inversion: .prefixedNo,
    help:
      "Start CSV files with a byte-order mark so Excel reads Chinese correctly (default: on when writing a .csv file).")
  var bom: Bool?

  func resolvedFormat(allowed: [ReportFormat]) throws -> ReportFormat {
    let chosen = format ?? output.flatMap(ReportFormat.forFile) ?? .table
    guard allowed.contains(chosen) else {
      throw ValidationError(
        "--format \(chosen.rawValue) is not available here; use one of: \(allowed.map(\.rawValue).joined(separator: ", "))."
      )
    }
    // A workbook or document on a terminal would be noise: it needs a file.
    if chosen.isBinary && output == nil {
      throw ValidationError(
        "--format \(chosen.rawValue) writes a file: add --output FILE.\(chosen.rawValue) (写入文件：请加 --output 文件名.\(chosen.rawValue))"
      )
    }
    return chosen
  }

  /// Writes the text to the file or standard output; colour is the caller's to add only for a terminal.
  /// The formats every listing (roster, trips, leave) is written in.
  static let listingFormats: [ReportFormat] = [.table, .csv, .json, .markdown, .xlsx]

  /// Writes a listing in the chosen format: `render` turns the format into text, `sheet` builds the workbook's.
  func emitListing(language: Language, sheet: () -> ReportTable, _ render: (ReportFormat) -> String) throws {
    let format = try resolvedFormat(allowed: Self.listingFormats)
    if format == .xlsx {
      try emit(data: XLSXWriter.data([sheet()]))
      return
    }
    try emit(render(format), format: format, language: language)
  }

  /// Writes a workbook or document to the `--output` file (validation made sure there is one).
  func emit(data: Data) throws(ZhaoshangError) {
    guard let output else { return }
    do {
      try data.write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw .storage(
        Localized(
          "无法写入文件 \(output)；请检查目录是否存在、是否有写权限，以及文件是否正在 Excel 或 WPS 中打开",
          "cannot write \(output); check that its folder exists and is writable, and that the file is not open in Excel or WPS"
        ))
    }
  }

  func emit(_ text: String, format: ReportFormat, language: Language) throws(ZhaoshangError) {
    // On by default only for a .csv file: a mark on standard output would surprise a pipe.
    let marked = format == .csv && (bom ?? (output != nil)) ? CSVWriter.byteOrderMark + text : text
    guard let output else {
      Console.out(marked)
      return
    }
    do {
      try Data(marked.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw .storage(
        Localized(
          "无法写入文件 \(output)；请检查目录是否存在、是否有写权限", "cannot write \(output); check that its folder exists and is writable"))
    }
  }

  /// Colour only when the report goes to a terminal.
  func colour(environment: [String: String]) -> TerminalColour {
    TerminalColour.choose(isTerminal: output == nil && isatty(STDOUT_FILENO) == 1, environment: environment)
  }
}
