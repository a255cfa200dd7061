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

  public static func read(path: String, encoding: TextEncoding? = nil, sheet: String? = nil) throws(ZhaoshangError)
    -> ImportBatch<Leave>
  {
    try read(CSVSheet(path: path, columns: columns, encoding: encoding, sheet: sheet))
  }

  /// Reads a file held in memory (an upload); `name` is how problems locate its rows.
  public static func read(data: Data, name: String, encoding: TextEncoding? = nil, sheet: String? = nil)
    throws(ZhaoshangError) -> ImportBatch<Leave>
  {
    try read(CSVSheet(data: data, name: name, columns: columns, encoding: encoding, sheet: sheet))
  }

  static func read(_ file: CSVSheet) throws(ZhaoshangError) -> ImportBatch<Leave> {
    let path = file.path
    let collector = BatchCollector<Leave>()
    let outcome = try file.read { row in
      var problems: [Problem] = []
      let from = row.date("from", problems: &problems)
      let to = row.date("to", problems: &problems)
      if from?.half != nil || to?.half != nil {
        problems.append(row.problem("请假按整天登记；请只写日期，不带上午/下午", "leave is whole days; write the dates without AM/PM"))
      }
      for problem in problems { collector.reject(problem) }
      guard problems.isEmpty, let from else { return }
      let leave = Leave(
        unit: row["unit"], name: row["name"], from: from.date, to: to?.date ?? from.date, reason: row["reason"])
      try collector.add(Located(leave, location: row.location, excerpt: row.record.excerpt))
    }
    var batch = collector.batch
    batch.encoding = outcome.encoding
    batch.source = FileSource(path: path, sha256: outcome.sha256)
    batch.warnings =
      ImportBatch<Leave>.ignoredColumnsNote(outcome.ignoredColumns, path: path) + outcome.notes + batch.warnings
    return batch
  }
}
