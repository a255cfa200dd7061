import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang history`: the audit trail, readable.
  struct History: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "按时间顺序显示审计记录：谁在何时用哪条命令改了什么", "Show the audit trail in order: who changed what, when, with which command."),
        discussion: HelpText.discussion(
          "", "",
          examples: [
            "zhaoshang history --unit 朱坝街道 --month 2022-07", "zhaoshang history --trip 42",
            "zhaoshang history --month 2022-07 --output 7月审计记录.xlsx",
          ], formats: formats))
    }

    @OptionGroup var filter: ListFilterOptions
    @Option(help: .text("只显示这条外出记录（编号）的变动", "Only events about this trip id.")) var trip: Int64?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.table, .csv, .xlsx]

    func validate() throws {
      _ = try output.resolvedFormat(allowed: Self.formats)
    }

    func run() throws {
      let language = ledger.language
      let (month, unit, name) = filter.values()
      let opened = try ledger.openLedger(readOnly: true)
      let headers = language.pick("序号|时间|操作人|操作|单位|姓名|内容|命令", "#|at|by|action|unit|name|detail|command")
        .split(separator: "|").map(String.init)
      func fields(_ event: AuditEvent) -> [String] {
        [
          String(event.id), event.at, event.by, event.action.title(language), event.unit ?? "", event.name ?? "",
          event.detail, event.command,
        ]
      }
      // CSV is written as the events are read; the table and the workbook need every row first.
      if try output.resolvedFormat(allowed: Self.formats) == .csv {
        try output.stream(format: .csv) { write in
          try write(CSVWriter.line(headers))
          try opened.forEachEvent(unit: unit, name: name, trip: trip, month: month) {
            try write(CSVWriter.line(fields($0)))
          }
        }
        return
      }
      let events = try opened.history(unit: unit, name: name, trip: trip, month: month)
      let rows = events.map(fields)
      let count = language.pick("共 \(events.count) 条审计记录。", "\(events.count) events.")
      switch try output.resolvedFormat(allowed: Self.formats) {
      case .xlsx:
        let table = ReportTable(
          sheetName: language.pick("审计记录", "history"), title: language.pick("审计记录", "Audit trail"),
          header: headers, textRows: rows, kinds: [0: .number], notes: [count])
        try output.emit(data: XLSXWriter.data([table]))
      default:
        try output.emit(
          TextTable(headers: headers, rows: rows, numeric: [0]).render() + "\n" + count + "\n", format: .table,
          language: language)
      }
    }
  }
}
