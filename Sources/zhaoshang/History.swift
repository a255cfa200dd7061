import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang history`: the audit trail, readable.
  struct History: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "按时间顺序显示审计记录：谁在何时用哪条命令改了什么", "Show the audit trail in order: who changed what, when, with which command."),
        discussion: HelpText.discussion(
          "列出与该单位、人员、外出记录或月份有关的每一条记录，包括含多个单位的导入、花名册导入，"
            + "以及该月的封存、解除封存和更正。时间按规则文件中的时区显示（默认 Asia/Shanghai）；"
            + "操作人只是系统登录名时会标明。",
          "Every event touching the unit, head, trip or month is listed: imports of several units' trips, "
            + "roster imports, closes, reopenings and amendments of the month included. Times are shown in the "
            + "rule file's timezone (Asia/Shanghai unless it says otherwise); an actor that is only the OS login "
            + "is marked so.",
          examples: [
            "zhaoshang history --unit 朱坝街道 --month 2022-07", "zhaoshang history --name 刘某",
            "zhaoshang history --trip 42", "zhaoshang history --month 2022-07 --output 7月审计记录.xlsx",
            "zhaoshang history --unit 朱坝街道 --format json",
          ], formats: formats))
    }

    @OptionGroup var filter: ListFilterOptions
    @Option(help: .text("只显示这条外出记录（编号）的变动", "Only events about this trip id.")) var trip: Int64?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.table, .csv, .json, .xlsx]

    func validate() throws {
      _ = try output.resolvedFormat(allowed: Self.formats)
    }

    /// One event as the JSON listing gives it: the stored time (UTC ISO 8601) and the time as the office reads it.
    struct EventJSON: Encodable {
      let id: Int64
      let at: String
      let time: String
      let by: String
      let byOSLogin: Bool
      let action: String
      let title: String
      let unit: String?
      let name: String?
      let trip: Int64?
      let detail: String
      let command: String

      enum CodingKeys: String, CodingKey {
        case id, at, time, by, action, title, unit, name, trip, detail, command
        case byOSLogin = "by_os_login"
      }
    }

    func run() throws {
      let language = ledger.language
      let (month, unit, name) = filter.values()
      let clock = try ledger.officeClock()
      let store = try ledger.openStore(readOnly: true)
      defer { LedgerOptions.close(store) }
      let headers = language.pick("序号|时间|操作人|操作|单位|姓名|内容|命令", "#|at|by|action|unit|name|detail|command")
        .split(separator: "|").map(String.init)
      func actor(_ event: AuditEvent) -> String {
        event.byOSLogin ? event.by + language.pick("（系统登录名）", " (OS login)") : event.by
      }
      func fields(_ event: AuditEvent) -> [String] {
        [
          String(event.id), clock.show(event.at), actor(event), event.action.title(language), event.unit ?? "",
          event.name ?? "", event.detail, event.command,
        ]
      }
      // On SQLite, CSV and JSON are written as the events are read; the table and the workbook need every row
      // first. Streaming is not behind the store's protocols yet: on PostgreSQL each format reads every row first.
      let sqlite = (store as? SQLiteStore)?.ledger
      let trip = self.trip
      let forEachEvent: ((AuditEvent) throws -> Swift.Void) throws -> Swift.Void = { body in
        if let sqlite {
          try sqlite.forEachEvent(unit: unit, name: name, trip: trip, month: month) { try body($0) }
        } else {
          for event in try AsyncWork.wait({ () async throws(ZhaoshangError) in
            try await store.history(unit: unit, name: name, trip: trip, month: month)
          }) {
            try body(event)
          }
        }
      }
      switch try output.resolvedFormat(allowed: Self.formats) {
      case .csv:
        try output.stream(format: .csv) { write in
          try write(CSVWriter.line(headers))
          try forEachEvent { try write(CSVWriter.line(fields($0))) }
        }
        return
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try output.stream(format: .json) { write in
          var first = true
          try write("[")
          try forEachEvent { event in
            let shown = EventJSON(
              id: event.id, at: event.at, time: clock.show(event.at), by: event.by, byOSLogin: event.byOSLogin,
              action: event.action.rawValue, title: event.action.title(language), unit: event.unit,
              name: event.name, trip: event.tripID, detail: event.detail, command: event.command)
            try write((first ? "\n  " : ",\n  ") + String(decoding: try encoder.encode(shown), as: UTF8.self))
            first = false
          }
          try write(first ? "]\n" : "\n]\n")
        }
        return
      default:
        break
      }
      let events = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.history(unit: unit, name: name, trip: trip, month: month)
      }
      let rows = events.map(fields)
      let count = language.pick("共 \(events.count) 条审计记录。", events.count == 1 ? "1 event." : "\(events.count) events.")
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
