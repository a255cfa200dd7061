import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// Options every import takes.
  struct ImportOptions: ParsableArguments {
    @Argument(help: "The CSV file (UTF-8 with or without BOM, or GB18030 as Excel saves it), or an .xlsx workbook.")
    var file: String

    @Option(help: "utf8 or gb18030 (default: detected).")
    var encoding: TextEncoding?

    @Option(help: "The workbook's sheet to read (default: the first whose header is recognised).")
    var sheet: String?

    @Flag(name: .customLong("dry-run"), help: "Check the file and show what would be added, writing nothing.")
    var dryRun = false
  }
}
