import ArgumentParser
import Foundation
import ZhaoshangKit

/// Where a report goes and in what form: shared by every report and listing.
struct OutputOptions: ParsableArguments {
  /// Read as text and checked against the command's own formats (`resolvedFormat`), so a format that is no
  /// format at all is refused with the same list as one the command cannot write.
  @Option(
    name: .customLong("format"),
    help: .text(
      "报表格式，本命令可用的格式见上文；不写时按 --output 的扩展名决定，否则为 table",
      "The report's format, one of those listed above (default: from --output's extension, else table)."),
    completion: .list(ReportFormat.allCases.map(\.rawValue)))
  var formatName: String?

  @Option(
    name: .long,
    help: .text(
      "写入这个文件，而不显示在屏幕上；扩展名决定格式（.txt .csv .json .md .html .xlsx .docx）；"
        + "已有的文件不会被覆盖，除非加 --force",
      "Write to this file instead of the screen; its extension decides the format (.txt .csv .json .md .html .xlsx "
        + ".docx); an existing file is kept unless --force is given."))
  var output: String?

  @Flag(
    name: .long, inversion: .prefixedNo,
    help: .text(
      "CSV 文件开头加字节顺序标记（BOM），Excel 才能正确显示中文（写入 .csv 文件时默认加）",
      "Start CSV files with a byte-order mark so Excel reads Chinese correctly (default: on when writing a .csv file)."
    ))
  var bom: Bool?

  @Flag(name: .long, help: .text("--output 的文件已存在时覆盖它", "Replace the --output file if it already exists."))
  var force = false

  /// The format asked for with --format, nil when none was or the name is no format.
  var format: ReportFormat? { formatName.flatMap { ReportFormat(rawValue: $0.trimmed.lowercased()) } }

  /// The format to write: --format, else the one --output's extension names, else a table. An --output whose
  /// extension names another format, or one zhaoshang cannot write at all (.pdf, .xls, .doc), is refused, and so
  /// is an existing file without --force: a unit's submitted file must never be overwritten by accident.
  ///
  /// Thrown as the argument parser's usage error (exit 64), in the language of the command line.
  func resolvedFormat(allowed: [ReportFormat]) throws -> ReportFormat {
    do {
      return try format(allowed: allowed)
    } catch {
      throw ValidationError(error.text(CommandLineLanguage.guess()))
    }
  }

  private func format(allowed: [ReportFormat]) throws(ZhaoshangError) -> ReportFormat {
    let family = output.flatMap(ReportFormat.formats(forFile:))
    if let formatName, format == nil {
      let list = allowed.map(\.rawValue).joined(separator: ", ")
      throw .invalid(
        "--format", "没有 \(formatName) 这种格式；这里可用的有：\(list)", "there is no format \(formatName); use one of: \(list).")
    }
    let chosen = format ?? family?.first(where: allowed.contains) ?? family?.first ?? .table
    guard allowed.contains(chosen) else {
      let list = allowed.map(\.rawValue).joined(separator: ", ")
      throw .invalid(
        "--format", "这里不能写出 \(chosen.rawValue) 格式；可用的有：\(list)",
        "\(chosen.rawValue) is not available here; use one of: \(list).")
    }
    if let output {
      try Self.check(output: output, family: family, chosen: chosen, force: force)
    } else if chosen.isBinary {
      // A workbook or document on a terminal would be noise: it needs a file.
      throw .invalid(
        "--format", "\(chosen.rawValue) 格式须写入文件：请加 --output 文件名.\(chosen.rawValue)",
        "\(chosen.rawValue) writes a file: add --output FILE.\(chosen.rawValue)")
    }
    return chosen
  }

  private static func check(output: String, family: [ReportFormat]?, chosen: ReportFormat, force: Bool)
    throws(ZhaoshangError)
  {
    let suffix = ReportFormat.fileExtension(of: output).map { "." + $0 } ?? ""
    if let family, family.isEmpty {
      throw .invalid(
        "--output", excerpt: output,
        "zhaoshang 不能写出 \(suffix) 文件；请改用 .xlsx、.docx、.csv、.html、.md、.json 或 .txt（各报表可用的格式见 --help）；"
          + "需要 PDF 时，写出 .docx 或 .html 后用 WPS、Word 或浏览器另存为 PDF",
        "zhaoshang cannot write \(suffix) files; use .xlsx, .docx, .csv, .html, .md, .json or .txt (see --help for "
          + "each report's formats); for a PDF, write .docx or .html and save it as PDF from WPS, Word or a browser")
    }
    if let family, !family.contains(chosen) {
      throw .invalid(
        "--output", excerpt: output,
        "--format \(chosen.rawValue) 与文件扩展名 \(suffix) 不符；请把文件名改成相应的扩展名，或去掉 --format 让扩展名决定格式",
        "--format \(chosen.rawValue) does not match the extension \(suffix); rename the file to match, or drop --format "
          + "and let the extension decide")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
      if isDirectory.boolValue {
        throw .invalid(
          "--output", excerpt: output, "\(output) 是一个文件夹；请给出文件名，如 \(output)/报表\(suffix.isEmpty ? ".txt" : suffix)",
          "\(output) is a folder; give a file name, such as \(output)/report\(suffix.isEmpty ? ".txt" : suffix)")
      }
      if !force {
        throw .invalid(
          "--output", excerpt: output, "文件 \(output) 已存在，未作改动；如确要覆盖请加 --force，否则请换一个文件名",
          "\(output) already exists and was left alone; add --force to replace it, or choose another name")
      }
    }
  }

  /// Writes the text to the file or standard output; colour is the caller's to add only for a terminal.
  /// The formats every listing (roster, trips, leave) is written in.
  static let listingFormats: [ReportFormat] = [.table, .csv, .json, .markdown, .xlsx]

  /// Writes a listing in the chosen format: `render` turns the format into text, `sheet` builds the workbook's.
  func emitListing(language: Language, sheet: () -> ReportTable, _ render: (ReportFormat) throws -> String) throws {
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
