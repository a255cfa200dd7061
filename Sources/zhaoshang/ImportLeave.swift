import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import leave FILE.csv`.
  struct ImportLeave: ImportCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "leave",
        abstract: HelpText.pick(
          "导入请假：单位,姓名,开始日期,结束日期,事由（或 unit,name,from,to,reason）",
          "Import leave: unit,name,from,to,reason (or 单位,姓名,开始日期,结束日期,事由)."),
        discussion: HelpText.discussion(
          "日期可写作 7月27日（或 7月27）：年份取 --month 的，否则取文件中写全的日期所在的那一年。"
            + "涉及已封存月份的请假须加 --amend --reason \"原因\"。",
          "Dates may be written 7月27日 (or 7月27): the year is --month's, else the one year of the file's "
            + "dates written in full. Leave covering a day of a closed month needs --amend --reason \"why\".",
          examples: ["zhaoshang import leave 7月请假.csv", "zhaoshang import leave 7月请假.csv --month 2022-07"]))
    }

    @OptionGroup var options: ImportOptions
    @Option(
      help: .month(
        "文件所报的月份；写作 7月27日 的日期取这个月的年份", "The month the file reports: gives the year of dates written as 7月27日"))
    var month: Month?
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    static let noun = Localized("条请假记录", "leave records")

    func write(to store: any LedgerStore, rules: RuleBook, stamp: Stamp, amendment: Amendment?) throws
      -> ImportReport
    {
      let batch = try LeaveImporter.read(
        path: options.file, encoding: options.encoding, sheet: options.sheet, month: month)
      let (entries, problems, source, dryRun) = (batch.entries, batch.problems, batch.source, options.dryRun)
      let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.addLeave(
          entries, rules: rules, stamp: stamp, carrying: problems, dryRun: dryRun, amendment: amendment,
          source: source)
      }
      return ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun)
    }
  }
}
