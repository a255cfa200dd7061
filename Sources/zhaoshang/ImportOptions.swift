import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// Options every import takes.
  struct ImportOptions: ParsableArguments {
    @Argument(
      help: .text(
        "CSV 文件（UTF-8，带不带 BOM 均可，或 Excel 另存的 GB18030），或 .xlsx 工作簿",
        "The CSV file (UTF-8 with or without BOM, or GB18030 as Excel saves it), or an .xlsx workbook."))
    var file: String

    @Option(help: .text("文件编码：utf8 或 gb18030（默认自动识别）", "utf8 or gb18030 (default: detected)."))
    var encoding: TextEncoding?

    @Option(
      help: .text(
        "读取工作簿中的哪张表（默认：第一张表头能识别的）", "The workbook's sheet to read (default: the first whose header is recognised)."))
    var sheet: String?

    @Flag(
      name: .customLong("dry-run"),
      help: .text("只检查文件并显示将导入的内容，不写入", "Check the file and show what would be added, writing nothing."))
    var dryRun = false
  }
}
