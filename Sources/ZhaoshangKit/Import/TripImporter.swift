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

  /// Reads a whole file into memory: for small files and tests. `month` gives the year of dates written
  /// without one (`7月27日`); without it they take the one year of the file's fully written dates.
  public static func read(path: String, encoding: TextEncoding? = nil, sheet: String? = nil, month: Month? = nil)
    throws(ZhaoshangError) -> ImportBatch<Trip>
  {
    try read(CSVSheet(path: path, columns: columns, encoding: encoding, sheet: sheet), month: month)
  }

  /// Reads a file held in memory (an upload); `name` is how problems locate its rows (`7月外出.xlsx:12:`).
  public static func read(
    data: Data, name: String, encoding: TextEncoding? = nil, sheet: String? = nil, month: Month? = nil
  ) throws(ZhaoshangError) -> ImportBatch<Trip> {
    try read(CSVSheet(data: data, name: name, columns: columns, encoding: encoding, sheet: sheet), month: month)
  }

  static func read(_ file: CSVSheet, month: Month? = nil) throws(ZhaoshangError) -> ImportBatch<Trip> {
    let collector = BatchCollector<Trip>()
    let outcome = try stream(file, month: month, into: collector)
    var batch = collector.batch
    batch.encoding = outcome.encoding
    batch.source = FileSource(path: file.path, sha256: outcome.sha256)
    return batch
  }

  /// Reads a file row by row into `sink`, so memory stays flat however long the file.
  @discardableResult
  public static func stream(
    path: String, encoding: TextEncoding? = nil, sheet: String? = nil, month: Month? = nil,
    progress: ((CSVSheet.Progress) -> Void)? = nil, into sink: some ImportSink<Trip>
  ) throws(ZhaoshangError) -> CSVSheet.Outcome {
    try stream(
      CSVSheet(path: path, columns: Self.columns, encoding: encoding, sheet: sheet), month: month, progress: progress,
      into: sink)
  }

  /// Reads a file or bytes row by row into `sink`.
  ///
  /// The year of a date written without one is `month`'s; without `month`, the one year of every date the file
  /// writes in full, so a row whose date lacks its year waits for the end of the file. Those rows are held in
  /// memory: files written that way are typed by hand, not exported by the million.
  @discardableResult
  static func stream(
    _ file: CSVSheet, month: Month? = nil, progress: ((CSVSheet.Progress) -> Void)? = nil,
    into sink: some ImportSink<Trip>
  ) throws(ZhaoshangError) -> CSVSheet.Outcome {
    let path = file.path
    // The ledger's writer takes a row's location lazily: building `FILE:LINE` and an excerpt for every row
    // of a large file would cost more than parsing it.
    let writer = sink as? TripWriter
    var columns: Columns?
    var years = WrittenYears()
    var waiting: [CSVRow] = []
    func send(_ row: CSVRow, columns: Columns, year: DateText.YearSource) throws(ZhaoshangError) {
      for trip in trips(from: row, columns: columns, year: year, years: &years, sink: sink) {
        if let writer {
          try writer.add(trip) { Located(trip, location: row.location, excerpt: row.record.excerpt) }
        } else {
          try sink.add(Located(trip, location: row.location, excerpt: row.record.excerpt))
        }
      }
    }
    let given = month.map { DateText.YearSource.known($0.year) }
    let outcome = try file.read(progress: progress) { row in
      let found = columns ?? Columns(row)
      columns = found
      if given == nil, lacksYear(row.cell(found.start)) || lacksYear(row.cell(found.end)) {
        waiting.append(row)
        return
      }
      try send(row, columns: found, year: given ?? .unstated)
    }
    if let columns {
      for row in waiting { try send(row, columns: columns, year: years.source) }
    }
    for note in ImportBatch<Trip>.ignoredColumnsNote(outcome.ignoredColumns, path: path) + outcome.notes {
      sink.warn(note)
    }
    sink.finish(source: FileSource(path: path, sha256: outcome.sha256))
    return outcome
  }

  /// Whether a date cell is written without its year (`7月27日`): checked only for cells that are not plain
  /// ASCII, so the ISO dates of a large export cost one pass over their bytes.
  static func lacksYear(_ text: String) -> Bool {
    guard text.utf8.contains(where: { $0 >= 0x80 }) else { return false }
    if case .failure(.yearMissing) = DateText.parse(text) { return true }
    return false
  }

  /// The years of the dates a file writes in full, which give the year of those written without one.
  struct WrittenYears {
    private var last: Int?
    private var all: Set<Int> = []

    mutating func note(_ year: Int) {
      guard year != last else { return }
      last = year
      all.insert(year)
    }

    var source: DateText.YearSource {
      switch all.count {
      case 0: return .unstated
      case 1: return all.first.map { .known($0) } ?? .unstated
      default: return .ambiguous(all.sorted())
      }
    }
  }

  /// Where each column is in the file, found once from the header rather than by name in every row.
  struct Columns {
    let unit, name, start, end, destination, purpose, companies, kind, days, voidReason, id: Int?

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
      id = row.positions["id"]
    }
  }

  /// The row's trips, one for each head it names (`王某、刘某` is a joint trip), or none after telling the sink
  /// every problem of the row. The years of the dates it reads are noted in `years`.
  static func trips(
    from row: CSVRow, columns: Columns, year: DateText.YearSource, years: inout WrittenYears,
    sink: some ImportSink<Trip>
  ) -> [Trip] {
    let dates: TripDates
    switch TripDates.read(
      start: row.cell(columns.start), end: row.cell(columns.end), year: year, yearRemedy: monthRemedy)
    {
    case .success(let read): dates = read
    case .failure(let refusal):
      for problem in refusal.problems {
        var located = row.problem(
          column: problem.field == .to ? "end" : "start", problem.message.zh, problem.message.en)
        located.code = problem.code
        located.remedy = problem.remedy
        sink.reject(located)
      }
      return []
    }
    years.note(dates.start.year)
    years.note(dates.end.year)
    if let problem = dates.problem(declaring: row.cell(columns.days)) {
      var located = row.problem(column: "days", problem.message.zh, problem.message.en)
      located.code = problem.code
      located.arguments = problem.arguments
      sink.reject(located)
      return []
    }
    // The rules decide which kinds exist; the ledger checks the kind against them.
    let kindText = row.cell(columns.kind)
    let kind = kindText.isEmpty ? TripKind.visit.id : kindText
    let voidReason = row.cell(columns.voidReason)
    // A file with the id column is zhaoshang's own export (`trips --output`): one head a row, companies joined
    // by `;`, read back as written so that a comma in a name or a company survives the round trip.
    let isExport = columns.id != nil
    let companyCell = row.cell(columns.companies)
    let companies = isExport ? CompanyList.splitJoined(companyCell) : CompanyList.split(companyCell)
    let nameCell = row.cell(columns.name)
    let names = isExport ? [nameCell] : NameList.split(nameCell)
    // An empty name is still one trip, which the ledger refuses as not on the roster.
    return (names.isEmpty ? [""] : names).map { name in
      Trip(
        unit: row.cell(columns.unit), name: name, start: dates.start, startsAfternoon: dates.startsAfternoon,
        end: dates.end, endsMorning: dates.endsMorning, kind: kind, destination: row.cell(columns.destination),
        purpose: row.cell(columns.purpose), companies: companies,
        voiding: voidReason.isEmpty ? nil : Voiding(reason: voidReason, by: "", at: ""))
    }
  }

  /// What an import offers besides writing the year on a date without one: the month option.
  static let monthRemedy = Remedy(
    Localized("，或导入时给出 {action}，按该月的年份读", ", or import with {action} to read it in that month's year"),
    .fill(.month, example: Localized("2022-07", "2022-07")))
}
