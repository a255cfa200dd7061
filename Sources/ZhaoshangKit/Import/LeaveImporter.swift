import Foundation

/// Reads leave CSV files: `unit,name,from,to,reason`, or 单位,姓名,开始日期,结束日期,事由.
public enum LeaveImporter {
  public static let columns: [CSVColumn] = [
    CSVColumn("unit", "单位", aliases: ["单位名称"], required: true),
    CSVColumn("name", "姓名", required: true),
    CSVColumn("from", "开始日期", aliases: ["起始日期", "请假开始"], required: true),
    CSVColumn("to", "结束日期", aliases: ["截止日期", "请假结束"]),
    CSVColumn("reason", "事由", aliases: ["原因", "请假事由", "类型"], required: true),
  ]

  /// `month` gives the year of dates written without one (`7月27日`); without it they take the one year of
  /// the file's fully written dates, as trips do.
  public static func read(path: String, encoding: TextEncoding? = nil, sheet: String? = nil, month: Month? = nil)
    throws(ZhaoshangError) -> ImportBatch<Leave>
  {
    try read(CSVSheet(path: path, columns: columns, encoding: encoding, sheet: sheet), month: month)
  }

  /// Reads a file held in memory (an upload); `name` is how problems locate its rows.
  public static func read(
    data: Data, name: String, encoding: TextEncoding? = nil, sheet: String? = nil, month: Month? = nil
  ) throws(ZhaoshangError) -> ImportBatch<Leave> {
    try read(CSVSheet(data: data, name: name, columns: columns, encoding: encoding, sheet: sheet), month: month)
  }

  static func read(_ file: CSVSheet, month: Month? = nil) throws(ZhaoshangError) -> ImportBatch<Leave> {
    let path = file.path
    let collector = BatchCollector<Leave>()
    var years = TripImporter.WrittenYears()
    var waiting: [CSVRow] = []
    func add(_ row: CSVRow, year: DateText.YearSource) throws(ZhaoshangError) {
      var problems: [Problem] = []
      let remedy = TripImporter.monthRemedy
      let from = row.date(row["from"], column: "from", year: year, yearRemedy: remedy, problems: &problems)
      // An end without its year takes the start's, as a trip's does.
      let to = row.date(
        row["to"], column: "to", year: from.map { .known($0.date.year) } ?? year, yearRemedy: remedy,
        problems: &problems)
      if from?.half != nil || to?.half != nil {
        problems.append(row.problem("请假按整天登记；请只写日期，不带上午/下午", "leave is whole days; write the dates without AM/PM"))
      }
      for problem in problems { collector.reject(problem) }
      guard problems.isEmpty, let from else { return }
      years.note(from.date.year)
      let leave = Leave(
        unit: row["unit"], name: row["name"], from: from.date, to: to?.date ?? from.date, reason: row["reason"])
      try collector.add(Located(leave, location: row.location, excerpt: row.record.excerpt))
    }
    let given = month.map { DateText.YearSource.known($0.year) }
    let outcome = try file.read { row in
      if given == nil, TripImporter.lacksYear(row["from"]) {
        waiting.append(row)
        return
      }
      try add(row, year: given ?? .unstated)
    }
    for row in waiting { try add(row, year: years.source) }
    var batch = collector.batch
    batch.encoding = outcome.encoding
    batch.source = FileSource(path: path, sha256: outcome.sha256)
    batch.warnings =
      ImportBatch<Leave>.ignoredColumnsNote(outcome.ignoredColumns, path: path) + outcome.notes + batch.warnings
    return batch
  }
}
