/// The blank forms units fill in and send back (`zhaoshang template`): the importer's own Chinese header,
/// one example row marked to be skipped, and drop-down lists of the values the ledger accepts, so what
/// comes back imports cleanly.
public enum ImportForm {
  public enum Kind: String, Sendable, CaseIterable {
    case trips
    case roster
    case leave
  }

  /// Written beside the example row, outside the table; a row carrying it is skipped on import.
  public static let exampleMarker = "示例行：导入时自动跳过，可删除"
  /// Rows below the example given the drop-down lists.
  static let formRows = 500

  /// The form's table. `units` are the units the rules declare; `heads` the names in post in `unit` (or
  /// every unit's when none is given); `kinds` the trip kinds' Chinese names.
  public static func table(_ kind: Kind, units: [String], heads: [String], kinds: [String], unit: String?, month: Month)
    -> ReportTable
  {
    let exampleUnit = unit ?? units.first ?? "朱坝街道"
    let exampleHead = heads.first ?? "王某"
    let day = month.firstDay.adding(days: 3)
    let filledBy = "填报单位：\(unit ?? "")　　　　填报人：　　　　　　填报日期：　　年　月　日"
    switch kind {
    case .trips:
      let header = TripImporter.columns.prefix(10).map(\.chinese)
      let example: [ReportTable.Cell] = [
        .text(exampleUnit), .text(exampleHead), .date(day), .text(day.adding(days: 2).iso + " 上午"), .text("上海"),
        .text("拜访企业"), .text("甲公司;乙公司"), .text(kinds.first ?? "外出招商"), .number(2.5), .empty,
        .text(exampleMarker),
      ]
      return ReportTable(
        sheetName: "\(month.month)月外出", title: "\(month.chinese)外出招商登记表",
        preamble: [
          filledBy,
          "填写说明：日期写作 \(day.iso) 或 \(day.chinese)；中午出发在开始日期后写“下午”，中午返回在结束日期后写“上午”，只外出一个上午在开始日期后写“上午”；一日往返可不填结束日期；几人同行可在姓名栏写“王某、刘某”；多家企业用分号或顿号隔开；天数可不填（按日期计算），填写的须与日期相符，如 1、0.5、半天。",
        ], header: header, rows: [example],
        choices: [
          .init(column: 0, values: units), .init(column: 1, values: heads), .init(column: 7, values: kinds),
        ], blankRows: formRows)
    case .roster:
      let example: [ReportTable.Cell] = [
        .text(exampleUnit), .text(exampleHead), .text("党工委书记"), .date(month.firstDay), .empty, .text(exampleMarker),
      ]
      return ReportTable(
        sheetName: "花名册", title: "考核对象花名册",
        preamble: [filledBy, "填写说明：仍在任的不填任职结束日期；日期写作 2021-09-01。"],
        header: RosterImporter.columns.map(\.chinese), rows: [example],
        choices: [.init(column: 0, values: units)], blankRows: formRows)
    case .leave:
      let example: [ReportTable.Cell] = [
        .text(exampleUnit), .text(exampleHead), .date(day), .date(day.adding(days: 4)), .text("党校学习"),
        .text(exampleMarker),
      ]
      return ReportTable(
        sheetName: "\(month.month)月请假", title: "\(month.chinese)请假及培训登记表",
        preamble: [filledBy, "填写说明：请假按整天登记，日期写作 2022-07-04。"],
        header: LeaveImporter.columns.map(\.chinese), rows: [example],
        choices: [.init(column: 0, values: units), .init(column: 1, values: heads)], blankRows: formRows)
    }
  }
}
