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
    return chosen
  }

  /// Writes the text to the file or standard output; colour is the caller's to add only for a terminal.
  /// The formats every listing (roster, trips, leave) is written in.
  static let listingFormats: [ReportFormat] = [.table, .csv, .json, .markdown]

  /// Writes a listing in the chosen format: `render` turns the format into text.
  func emitListing(language: Language, _ render: (ReportFormat) -> String) throws {
    let format = try resolvedFormat(allowed: Self.listingFormats)
    try emit(render(format), format: format, language: language)
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
