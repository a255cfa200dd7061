/// Writes the roster and the trip list as a table, CSV, JSON or Markdown.
public struct ListRenderer: Sendable {
  public let language: Language

  public init(language: Language) {
    self.language = language
  }

  // MARK: Roster

  public func render(posts: [Post], as format: ReportFormat) throws(ZhaoshangError) -> String {
    switch format {
    case .csv:
      // The importer's own columns, so an export re-imports unchanged.
      return CSVWriter.document(
        header: RosterImporter.columns.map { language.pick($0.chinese, $0.key) },
        rows: posts.map { [$0.unit, $0.name, $0.role, $0.from?.iso ?? "", $0.to?.iso ?? ""] })
    case .json:
      struct Entry: Encodable {
        let id: Int64?
        let unit, name, role: String
        let from, to: String?
      }
      return try CheckJSON.encode(
        posts.map { Entry(id: $0.id, unit: $0.unit, name: $0.name, role: $0.role, from: $0.from?.iso, to: $0.to?.iso) })
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .notice, .html, .markdown:
      let headers = language.pick("单位|姓名|职务|任职起始|任职结束", "unit|name|role|from|to").split(separator: "|").map(String.init)
      let table = TextTable(
        headers: headers, rows: posts.map { [$0.unit, $0.name, $0.role, $0.from?.iso ?? "", $0.to?.iso ?? ""] })
      if format == .markdown { return table.markdown() + "\n" }
      let count = language.pick("共 \(posts.count) 条任职记录。", "\(posts.count) posts.")
      return table.render() + "\n\n" + count + "\n"
    }
  }

  // MARK: Trips

  public func render(trips: [Trip], as format: ReportFormat) throws(ZhaoshangError) -> String {
    switch format {
    case .csv:
      return CSVWriter.document(header: tripCSVHeader, rows: trips.map(csvFields))
    case .json:
      struct Entry: Encodable {
        let id: Int64?
        let unit, name, start, end, kind, destination, purpose: String
        let starts_afternoon, ends_morning: Bool
        let companies: [String]
        let days: Double
        let recorded_by, recorded_at: String
        let void_reason: String?
        /// The office's review: submitted, approved, returned or withdrawn; only approved trips count.
        let status: String
        let return_reason: String?
      }
      return try CheckJSON.encode(
        trips.map {
          Entry(
            id: $0.id, unit: $0.unit, name: $0.name, start: $0.start.iso, end: $0.end.iso, kind: $0.kind,
            destination: $0.destination, purpose: $0.purpose, starts_afternoon: $0.startsAfternoon,
            ends_morning: $0.endsMorning, companies: $0.companies, days: $0.length.days, recorded_by: $0.recordedBy,
            recorded_at: $0.recordedAt, void_reason: $0.voiding?.reason, status: $0.review.rawValue,
            return_reason: $0.review == .returned ? $0.returnReason : nil)
        })
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .notice, .html, .markdown:
      let table = TextTable(headers: tripTableHeaders, rows: trips.map(tripTableRow), numeric: Self.tripTableNumeric)
      if format == .markdown { return table.markdown() + "\n" }
      return table.render() + "\n\n" + tripTableCount(trips: trips.count, voided: trips.filter(\.isVoid).count)
    }
  }

  /// The trip table's headers.
  public var tripTableHeaders: [String] {
    language.pick(
      "编号|单位|姓名|开始|结束|天数|类型|目的地|事由|拜访企业|状态",
      "id|unit|name|start|end|days|kind|destination|purpose|companies|status"
    ).split(separator: "|").map(String.init)
  }

  /// The trip table's columns aligned to the right: the id and the days.
  public static let tripTableNumeric: Set<Int> = [0, 5]

  /// One trip as a row of the trip table.
  public func tripTableRow(_ trip: Trip) -> [String] {
    [
      trip.id.map(String.init) ?? "", trip.unit, trip.name, trip.startText(language), trip.endText(language),
      trip.length.description, kindTitle(trip.kind), trip.destination, trip.purpose,
      trip.companies.joined(separator: language.pick("、", ", ")),
      trip.voiding.map { language.pick("已作废：\($0.reason)", "void: \($0.reason)") } ?? reviewText(trip),
    ]
  }

  /// The line under the trip table, with its ending: how many trips, how many of them void.
  public func tripTableCount(trips: Int, voided: Int) -> String {
    language.pick(
      "共 \(trips) 条外出记录\(voided > 0 ? "，其中 \(voided) 条已作废" : "")。",
      "\(trips) trips\(voided > 0 ? ", \(voided) of them void" : "").") + "\n"
  }

  /// The trip listing's CSV header: the importer's columns, then the days, the id and the void reason, in the
  /// importer's Chinese or English names so that either export imports back unchanged.
  public var tripCSVHeader: [String] {
    (TripImporter.columns.prefix(8) + Self.listingOnlyColumns).map { language.pick($0.chinese, $0.key) }
  }

  /// The columns a listing adds to what a unit's file has; each is one the importer knows.
  private static let listingOnlyColumns = ["days", "id", "void_reason"].compactMap { key in
    TripImporter.columns.first { $0.key == key }
  }

  /// One trip as a line of the CSV listing, CRLF included: what `render(trips:as: .csv)` writes for it, so a
  /// listing can be written as its trips are read.
  public func csvLine(_ trip: Trip) -> String { CSVWriter.line(csvFields(trip)) }

  func csvFields(_ trip: Trip) -> [String] {
    [
      trip.unit, trip.name, trip.startText(language), trip.endText(language), trip.destination, trip.purpose,
      CompanyList.join(trip.companies), language == .zh ? kindTitle(trip.kind) : trip.kind, trip.length.description,
      trip.id.map(String.init) ?? "", trip.voiding?.reason ?? "",
    ]
  }

  /// The review status of a trip not (yet) approved, with the office's reason for a returned one.
  func reviewText(_ trip: Trip) -> String {
    guard trip.review != .approved else { return "" }
    let reason = trip.review == .returned ? trip.returnReason.map { language.pick("：\($0)", ": \($0)") } ?? "" : ""
    return trip.review.title(language) + reason
  }

  // MARK: Leave

  public func render(leaves: [Leave], as format: ReportFormat) throws(ZhaoshangError) -> String {
    let rows = leaves.map { [$0.unit, $0.name, $0.from.iso, $0.to.iso, $0.reason] }
    switch format {
    case .csv:
      return CSVWriter.document(header: LeaveImporter.columns.map { language.pick($0.chinese, $0.key) }, rows: rows)
    case .json:
      struct Entry: Encodable {
        let id: Int64?
        let unit, name, from, to, reason: String
      }
      return try CheckJSON.encode(
        leaves.map {
          Entry(id: $0.id, unit: $0.unit, name: $0.name, from: $0.from.iso, to: $0.to.iso, reason: $0.reason)
        })
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .notice, .markdown, .html:
      let headers = language.pick("单位|姓名|开始|结束|事由", "unit|name|from|to|reason").split(separator: "|").map(String.init)
      let table = TextTable(headers: headers, rows: rows)
      if format == .markdown { return table.markdown() + "\n" }
      return table.render() + "\n\n" + language.pick("共 \(leaves.count) 条请假记录。", "\(leaves.count) leave records.")
        + "\n"
    }
  }

  func kindTitle(_ id: String) -> String {
    TripKind.known.first { $0.id == id }?.title.text(language) ?? id
  }
}

extension ListRenderer {
  // Listings are written in the importers' own Chinese headers, so a listing saved as a workbook imports back.

  public func sheet(posts: [Post]) -> ReportTable {
    ReportTable(
      sheetName: language.pick("花名册", "roster"), title: language.pick("考核对象花名册", "Roster of assessed heads"),
      header: RosterImporter.columns.map(\.chinese),
      textRows: posts.map { [$0.unit, $0.name, $0.role, $0.from?.iso ?? "", $0.to?.iso ?? ""] },
      kinds: [3: .date, 4: .date])
  }

  public func sheet(trips: [Trip], title: String) -> ReportTable {
    let header = TripImporter.columns.prefix(8).map(\.chinese) + ["天数", "编号", "作废原因"]
    let rows = trips.map { trip in
      [
        trip.unit, trip.name, trip.startText(.zh), trip.endText(.zh), trip.destination, trip.purpose,
        // The kind's Chinese name whatever the language, which the importer reads back as the kind.
        CompanyList.join(trip.companies), TripKind.known.first { $0.id == trip.kind }?.title.zh ?? trip.kind,
        trip.length.description,
        trip.id.map(String.init) ?? "", trip.voiding?.reason ?? "",
      ]
    }
    return ReportTable(
      sheetName: language.pick("外出记录", "trips"), title: title, header: header, textRows: rows,
      kinds: [2: .date, 3: .date, 8: .number, 9: .number])
  }

  public func sheet(leaves: [Leave]) -> ReportTable {
    ReportTable(
      sheetName: language.pick("请假", "leave"), title: language.pick("请假及培训记录", "Leave and training"),
      header: LeaveImporter.columns.map(\.chinese),
      textRows: leaves.map { [$0.unit, $0.name, $0.from.iso, $0.to.iso, $0.reason] }, kinds: [2: .date, 3: .date])
  }
}
