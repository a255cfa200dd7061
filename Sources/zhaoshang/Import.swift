import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import`: read the CSV files units send in.
  struct Import: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "从 CSV 表格或 Excel 工作簿导入花名册、外出或请假（要么全部导入，要么都不导入）",
          "Import a roster, trips or leave from a CSV file or workbook (all rows or none)."),
        discussion: HelpText.discussion(
          "文件有任何问题时一行也不写入，并列出每个问题所在的行；加 --dry-run 只检查、不写入。",
          "A file with any problem writes nothing and lists every problem with its line; --dry-run only checks.",
          examples: [
            "zhaoshang import roster 花名册.csv", "zhaoshang import trips 7月外出登记.csv --dry-run",
            "zhaoshang import leave 7月请假.csv",
          ]), subcommands: [ImportRoster.self, ImportTrips.self, ImportLeave.self])
    }
  }
}
