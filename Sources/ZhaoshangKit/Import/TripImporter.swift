import Foundation

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
  public static func read(path: String, encoding: TextEncoding? = nil, sheet: String? = nil) throws(ZhaoshangError)
    -> ImportBatch<Trip>
  {
    try read(CSVSheet(path: path, columns: columns, encoding: encoding, sheet: sheet))
  }

  /// Reads a file held in memory (an upload); `name` is how problems locate its rows (`7月外出.xlsx:12:`).
  public static func read(data: Data, name: String, encoding: TextEncoding? = nil, sheet: String? = nil)
    throws(ZhaoshangError) -> ImportBatch<Trip>
  {
    try read(CSVSheet(data: data, name: name, columns: columns, encoding: encoding, sheet: sheet))
  }

  static func read(_ file: CSVSheet) throws(ZhaoshangError) -> ImportBatch<Trip> {
    let collector = BatchCollector<Trip>()
    let outcome = try stream(file, into: collector)
    var batch = collector.batch
    batch.encoding = outcome.encoding
    batch.source = FileSource(path: file.path, sha256: outcome.sha256)
    return batch
  }

  /// Reads a file row by row into `sink`, so memory stays flat however long the file.
  @discardableResult
  public static func stream(
    path: String, encoding: TextEncoding? = nil, sheet: String? = nil, progress: ((CSVSheet.Progress) -> Void)? = nil,
    into sink: some ImportSink<Trip>
  ) throws(ZhaoshangError) -> CSVSheet.Outcome {
    try stream(
      CSVSheet(path: path, columns: Self.columns, encoding: encoding, sheet: sheet), progress: progress, into: sink)
  }

  /// Reads a file or bytes row by row into `sink`.
  @discardableResult
  static func stream(
    _ file: CSVSheet, progress: ((CSVSheet.Progress) -> Void)? = nil, into sink: some ImportSink<Trip>
  ) throws(ZhaoshangError) -> CSVSheet.Outcome {
    let path = file.path
    // The ledger's writer takes a row's location lazily: building `FILE:LINE` and an excerpt for every row
    // of a large file would cost more than parsing it.
    let writer = sink as? TripWriter
    var columns: Columns?
    let outcome = try file.read(progress: progress) { row in
      let found = columns ?? Columns(row)
      columns = found
      guard let trip = value(from: row, columns: found, sink: sink) else { return }
      if let writer {
        try writer.add(trip) { Located(trip, location: row.location, excerpt: row.record.excerpt) }
      } else {
        try sink.add(Located(trip, location: row.location, excerpt: row.record.excerpt))
      }
    }
    for note in ImportBatch<Trip>.ignoredColumnsNote(outcome.ignoredColumns, path: path) + outcome.notes {
      sink.warn(note)
    }
    sink.finish(source: FileSource(path: path, sha256: outcome.sha256))
    return outcome
  }

  /// Where each column is in the file, found once from the header rather than by name in every row.
  struct Columns {
    let unit, name, start, end, destination, purpose, companies, kind, days, voidReason: Int?

    init(_ row: CSVRow) {
      unit = row.positions["unit"]
      name = row.positions["name"]
      start = row.positions["start"]
      end = row.positions["end"]
      destination = row.positions["destination"]
      purpose = row.positions["purpose"]
      companies = row.positions["companies"]
      kind = row.positions["kind"]
      days = row.positions["days"]
      voidReason = row.positions["void_reason"]
    }
  }

  /// The row as a trip, or nil after telling the sink every problem of the row.
  static func trip(from row: CSVRow, sink: some ImportSink<Trip>) -> Located<Trip>? {
    value(from: row, columns: Columns(row), sink: sink).map {
      Located($0, location: row.location, excerpt: row.record.excerpt)
    }
  }

  /// The row as a trip, or nil after telling the sink every problem of the row.
  static func value(from row: CSVRow, columns: Columns, sink: some ImportSink<Trip>) -> Trip? {
    var problems: [Problem] = []
    let startText = row.cell(columns.start)
    let start = row.date(startText, column: "start", problems: &problems)
    let end = row.date(row.cell(columns.end), column: "end", problems: &problems)
    if startText.isEmpty {
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
    let kindText = row.cell(columns.kind)
    let kind = kindText.isEmpty ? TripKind.visit.id : kindText
    for problem in problems { sink.reject(problem) }
    guard problems.isEmpty, let start else { return nil }
    let voidReason = row.cell(columns.voidReason)
    let companies = row.cell(columns.companies)
    let trip = Trip(
      unit: row.cell(columns.unit), name: row.cell(columns.name), start: start.date,
      startsAfternoon: start.half == .afternoon, end: end?.date ?? start.date, endsMorning: end?.half == .morning,
      kind: kind, destination: row.cell(columns.destination), purpose: row.cell(columns.purpose),
      companies: splitCompanies(companies),
      voiding: voidReason.isEmpty ? nil : Voiding(reason: voidReason, by: "", at: ""))
    let days = row.cell(columns.days)
    if !days.isEmpty, Double(days).map({ $0 * 2 != Double(trip.length.halves) }) ?? true {
      sink.warn(
        row.problem(
          column: "days", "与日期不符：这次外出实际为 \(trip.length) 天，已按 \(trip.length) 天导入",
          "does not match the dates: the trip covers \(trip.length) days, and is imported as \(trip.length)"))
    }
    return trip
  }

  /// `CompanyList.split` without its per-character search when the cell only uses the ASCII `;`.
  static func splitCompanies(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    // A line break, `；` (EF BC 9B) or `、` (E3 80 81) is left to the full split.
    var previous: (UInt8, UInt8) = (0, 0)
    for byte in text.utf8 {
      if byte == 0x0A || (previous == (0xEF, 0xBC) && byte == 0x9B) || (previous == (0xE3, 0x80) && byte == 0x81) {
        return CompanyList.split(text)
      }
      previous = (previous.1, byte)
    }
    return text.utf8.split(separator: UInt8(ascii: ";")).compactMap { piece in
      let name = CSVRow.trimmed(String(Substring(piece)), spacesOnly: true)
      return name.isEmpty ? nil : name
    }
  }
}
