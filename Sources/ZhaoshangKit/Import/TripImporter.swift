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
  ]

  public static func read(path: String, encoding: TextEncoding? = nil) throws(ZhaoshangError) -> ImportBatch<Trip> {
    var batch = ImportBatch<Trip>()
    let outcome = try CSVSheet(path: path, columns: columns, encoding: encoding).read { row in
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
        problems.append(row.problem(column: "end", "结束日期只能标“上午”（中午返回）", "an end may only be marked AM (back at noon)"))
      }
      let kind = TripKind.named(row["kind"])
      if kind == nil {
        problems.append(
          row.problem(
            column: "kind", "未知的外出类型；可用的类型有 \(TripKind.knownList.zh)",
            "unknown trip kind; the kinds are \(TripKind.knownList.en)"))
      }
      batch.problems += problems
      guard problems.isEmpty, let start, let kind else { return }
      let trip = Trip(
        unit: row["unit"], name: row["name"], start: start.date, startsAfternoon: start.half == .afternoon,
        end: end?.date ?? start.date, endsMorning: end?.half == .morning, kind: kind.id,
        destination: row["destination"], purpose: row["purpose"],
        companies: CompanyList.split(row["companies"]))
      if row.has("days"), !row["days"].isEmpty {
        if let stated = Double(row["days"]), stated * 2 == Double(trip.length.halves) {
          // The hand-typed count agrees with the dates.
        } else {
          batch.warnings.append(
            row.problem(
              column: "days", "与日期不符：这次外出实际为 \(trip.length) 天，已按 \(trip.length) 天导入",
              "does not match the dates: the trip covers \(trip.length) days, and is imported as \(trip.length)"))
        }
      }
      batch.entries.append(Located(trip, location: row.location, excerpt: row.record.excerpt))
    }
    batch.encoding = outcome.encoding
    batch.warnings = ImportBatch<Trip>.ignoredColumnsNote(outcome.ignoredColumns, path: path) + batch.warnings
    return batch
  }
}
