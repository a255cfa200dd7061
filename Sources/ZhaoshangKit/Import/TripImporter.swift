/// Reads trip CSV files: `unit,name,start,end,destination,purpose,companies,kind`, or the same in Chinese.
public enum TripImporter {
  public static let columns: [CSVColumn] = [
    CSVColumn("unit", "单位", aliases: ["单位名称"], required: true),
    CSVColumn("name", "姓名", aliases: ["外出人员"], required: true),
    CSVColumn("start", "开始日期", aliases: ["出发日期", "起始日期", "外出日期"], required: true),
    CSVColumn("end", "结束日期", aliases: ["返回日期", "截止日期"]),
    CSVColumn("destination", "目的地", aliases: ["去向", "外出地点", "地点"], required: true),
    CSVColumn("purpose", "事由", aliases: ["外出事由", "招商事由"]),
    CSVColumn("companies", "拜访企业", aliases: ["企业", "对接企业", "洽谈企业"]),
    CSVColumn("kind", "类型", aliases: ["外出类型", "方式"]),
    CSVColumn("days", "天数", aliases: ["出访天数", "外出天数"]),
    CSVColumn("note", "备注"),
    // Written by `trips --output x.csv`, so an export re-imports unchanged, voids included.
    CSVColumn("void_reason", "作废原因"),
    CSVColumn("id", "编号"),
  ]

  /// Reads a whole file into memory: for small files and tests.
  public static func read(path: String, encoding: TextEncoding? = nil) throws(ZhaoshangError) -> ImportBatch<Trip> {
    let collector = BatchCollector<Trip>()
    let outcome = try stream(path: path, encoding: encoding, into: collector)
    var batch = collector.batch
    batch.encoding = outcome.encoding
    batch.source = FileSource(path: path, sha256: outcome.sha256)
    return batch
  }

  /// Reads a file row by row into `sink`, so memory stays flat however long the file.
  @discardableResult
  public static func stream(
    path: String, encoding: TextEncoding? = nil, progress: ((CSVSheet.Progress) -> Void)? = nil,
    into sink: some ImportSink<Trip>
  ) throws(ZhaoshangError) -> CSVSheet.Outcome {
    let outcome = try CSVSheet(path: path, columns: columns, encoding: encoding).read(progress: progress) { row in
      if let entry = trip(from: row, sink: sink) { try sink.add(entry) }
    }
    for note in ImportBatch<Trip>.ignoredColumnsNote(outcome.ignoredColumns, path: path) { sink.warn(note) }
    sink.finish(source: FileSource(path: path, sha256: outcome.sha256))
    return outcome
  }

  /// The row as a trip, or nil after telling the sink every problem of the row.
  static func trip(from row: CSVRow, sink: some ImportSink<Trip>) -> Located<Trip>? {
    var problems: [Problem] = []
    let start = row.date("start", problems: &problems)
    let end = row.date("end", problems: &problems)
    if row["start"].isEmpty {
      problems.append(
        row.problem(column: "start", "开始日期为空；请填写，如 2022/7/4", "the start date is empty; write one such as 2022/7/4"))
    }
    if start?.half == .morning {
      problems.append(
        row.problem(column: "start", "开始日期只能标“下午”（中午出发）", "a start may only be marked PM (leaving at noon)"))
    }
    if end?.half == .afternoon {
      problems.append(
        row.problem(column: "end", "结束日期只能标“上午”（中午返回）", "an end may only be marked AM (back at noon)"))
    }
    // The rules decide which kinds exist; the ledger checks the kind against them.
    let kind = row["kind"].isEmpty ? TripKind.visit.id : row["kind"]
    for problem in problems { sink.reject(problem) }
    guard problems.isEmpty, let start else { return nil }
    let voidReason = row["void_reason"]
    let trip = Trip(
      unit: row["unit"], name: row["name"], start: start.date, startsAfternoon: start.half == .afternoon,
      end: end?.date ?? start.date, endsMorning: end?.half == .morning, kind: kind,
      destination: row["destination"], purpose: row["purpose"],
      companies: CompanyList.split(row["companies"]),
      voiding: voidReason.isEmpty ? nil : Voiding(reason: voidReason, by: "", at: ""))
    if !row["days"].isEmpty, Double(row["days"]).map({ $0 * 2 != Double(trip.length.halves) }) ?? true {
      sink.warn(
        row.problem(
          column: "days", "与日期不符：这次外出实际为 \(trip.length) 天，已按 \(trip.length) 天导入",
          "does not match the dates: the trip covers \(trip.length) days, and is imported as \(trip.length)"))
    }
    return Located(trip, location: row.location, excerpt: row.record.excerpt)
  }
}
