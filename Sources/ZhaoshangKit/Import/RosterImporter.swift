import Foundation

/// Reads roster CSV files: `unit,name,role,from,to`, or the same in Chinese.
public enum RosterImporter {
  public static let columns: [CSVColumn] = [
    CSVColumn("unit", "单位", aliases: ["单位名称"], required: true),
    CSVColumn("name", "姓名", required: true),
    CSVColumn("role", "职务", required: true),
    CSVColumn("from", "任职起始", aliases: ["起始日期", "任职开始", "任职起始日期", "任职日期"]),
    CSVColumn("to", "任职结束", aliases: ["结束日期", "任职结束日期", "离任日期"]),
  ]

  public static func read(path: String, encoding: TextEncoding? = nil, sheet: String? = nil) throws(ZhaoshangError)
    -> ImportBatch<Post>
  {
    try read(CSVSheet(path: path, columns: columns, encoding: encoding, sheet: sheet))
  }

  /// Reads a file held in memory (an upload); `name` is how problems locate its rows.
  public static func read(data: Data, name: String, encoding: TextEncoding? = nil, sheet: String? = nil)
    throws(ZhaoshangError) -> ImportBatch<Post>
  {
    try read(CSVSheet(data: data, name: name, columns: columns, encoding: encoding, sheet: sheet))
  }

  static func read(_ file: CSVSheet) throws(ZhaoshangError) -> ImportBatch<Post> {
    let path = file.path
    var batch = ImportBatch<Post>()
    let outcome = try file.read { row in
      var problems: [Problem] = []
      let from = row.date("from", problems: &problems)
      let to = row.date("to", problems: &problems)
      if from?.half != nil || to?.half != nil {
        problems.append(
          row.problem("任职日期不带上午/下午；请只写日期", "posts begin and end on whole days; write the dates without AM/PM"))
      }
      batch.problems += problems
      guard problems.isEmpty else { return }
      let post = Post(unit: row["unit"], name: row["name"], role: row["role"], from: from?.date, to: to?.date)
      batch.entries.append(Located(post, location: row.location, excerpt: row.record.excerpt))
    }
    batch.encoding = outcome.encoding
    batch.source = FileSource(path: path, sha256: outcome.sha256)
    batch.warnings = ImportBatch<Post>.ignoredColumnsNote(outcome.ignoredColumns, path: path) + outcome.notes
    return batch
  }
}
