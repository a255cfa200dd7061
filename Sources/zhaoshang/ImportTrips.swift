import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import trips FILE.csv`.
  struct ImportTrips: ImportCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "trips",
        abstract: HelpText.pick(
          "导入外出记录：单位,姓名,开始,结束,目的地,事由,企业,类型（表头中英文均可）",
          "Import trips: unit,name,start,end,destination,purpose,companies,kind (or the Chinese headers)."),
        discussion: HelpText.discussion(
          "与已登记的外出完全相同的行会跳过，同一文件导入两次不会重复。涉及已封存月份的外出须加 "
            + "--amend --reason \"原因\"。用 zhaoshang template trips 生成的表格填好后可直接导入。"
            + "日期可写作 7月27日（或 7月27）：年份取 --month 的，否则取文件中写全的日期所在的那一年。"
            + "天数可写 1、0.5、半天、一天、两天半、１．５ 等，须与日期相符。一格写几个姓名（王某、刘某）"
            + "即为这几人各登记同一次外出。",
          "Rows identical to a trip already recorded are skipped, so importing a file twice adds "
            + "nothing. Trips covering a day of a closed month are refused unless given with --amend "
            + "--reason \"why\". A form written by zhaoshang template trips imports as filled in. Dates may "
            + "be written 7月27日 (or 7月27): the year is --month's, else the one year of the file's dates "
            + "written in full. 天数 may be 1, 0.5, 半天, 一天, 两天半, １．５ and the like; it must match the "
            + "dates. Several names in one cell (王某、刘某) record the same joint trip for each of them.",
          examples: [
            "zhaoshang import trips 7月外出登记.csv", "zhaoshang import trips 7月外出登记.csv --dry-run",
            "zhaoshang import trips 7月外出.xlsx --sheet 7月", "zhaoshang import trips 7月外出登记.csv --month 2022-07",
          ]))
    }

    @OptionGroup var options: ImportOptions
    @Option(
      help: .month(
        "文件所报的月份；写作 7月27日 的日期取这个月的年份", "The month the file reports: gives the year of dates written as 7月27日"))
    var month: Month?
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    static let noun = Localized("条外出记录", "trips")

    /// Streams the file row by row, so a file of any size imports in flat memory.
    func write(to store: any LedgerStore, rules: RuleBook, stamp: Stamp, amendment: Amendment?) throws
      -> ImportReport
    {
      let bar = ProgressBar(language: ledger.language)
      // Ends the bar's line before the summary is printed, and on a refusal before the error is.
      defer { bar.finish() }
      let (file, encoding, sheet, month, dryRun, today) = (
        options.file, options.encoding, options.sheet, self.month, options.dryRun, CivilDate.today()
      )
      return try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.importTrips(
          rules: rules, today: today, stamp: stamp, dryRun: dryRun, amendment: amendment
        ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
          _ = try TripImporter.stream(
            path: file, encoding: encoding, sheet: sheet, month: month, progress: bar.update, into: sink)
        }
      }
    }
  }
}
