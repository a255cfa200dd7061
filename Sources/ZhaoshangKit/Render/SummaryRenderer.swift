/// Writes a `YearSummary`: units then heads, as tables, Markdown, CSV, JSON or a printable page.
public struct SummaryRenderer: Sendable {
  public let language: Language

  public init(language: Language) {
    self.language = language
  }

  public func render(_ summary: YearSummary, as format: ReportFormat) throws(ZhaoshangError) -> String {
    switch format {
    case .json: return try CheckJSON.encode(summary)
    case .csv: return csv(summary)
    case .markdown:
      return
        (["## " + title(summary), "", "### " + unitHeading, "", unitTable(summary).markdown(), ""]
        + ["### " + headHeading, "", headTable(summary).markdown()]).joined(separator: "\n") + "\n"
    case .html:
      let body = [
        "<h1>\(HTMLPage.escape(title(summary)))</h1>",
        "<h2>\(HTMLPage.escape(unitHeading))</h2>",
        HTMLPage.table(
          headers: unitHeaders, rows: unitRows(summary), numeric: [2, 3, 4, 5],
          rowClasses: Dictionary(
            summary.units.enumerated().filter { $0.element.escalated }.map { ($0.offset, "escalate") },
            uniquingKeysWith: { first, _ in first })),
        "<h2>\(HTMLPage.escape(headHeading))</h2>",
        HTMLPage.table(headers: headHeaders, rows: headRows(summary), numeric: [3, 4, 5, 6]),
      ]
      return HTMLPage.page(title: title(summary), language: language, body: body.joined(separator: "\n"))
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .notice:
      guard !summary.months.isEmpty else { return noMonths(summary) + "\n" }
      return [
        title(summary), "", unitHeading, "", unitTable(summary).render(), "", headHeading, "",
        headTable(summary).render(),
      ].joined(separator: "\n") + "\n"
    }
  }

  func title(_ summary: YearSummary) -> String {
    let span: String
    if let first = summary.months.first, let last = summary.months.last {
      span =
        first == last
        ? language.pick("（\(first.month)月）", " (\(first.iso))")
        : language.pick("（\(first.month)—\(last.month)月）", " (\(first.iso) to \(last.iso))")
    } else {
      span = ""
    }
    return language.pick("\(summary.year)年外出招商年度汇总\(span)", "Investment promotion trips in \(summary.year)\(span)")
  }

  func noMonths(_ summary: YearSummary) -> String {
    language.pick(
      "\(summary.year)年没有可汇总的月份：台账中该年没有已结束或已封存、且有规则文件生效的月份。",
      "nothing to summarise for \(summary.year): the ledger holds no month of it that is over (or closed) and has a rule file in force."
    )
  }

  var unitHeading: String { language.pick("各单位", "Units") }
  var headHeading: String { language.pick("各负责人", "Heads") }

  var unitHeaders: [String] {
    language.pick(
      "单位|档次|考核月数|未达标月数|外出天数|最长连续未达标月数|约谈",
      "unit|tier|months assessed|months short|person-days|longest short run|escalation"
    ).split(separator: "|").map(String.init)
  }

  var headHeaders: [String] {
    language.pick(
      "单位|姓名|职务|考核月数|未达标月数|外出天数|最长连续未达标月数",
      "unit|name|role|months assessed|months short|days out|longest short run"
    ).split(separator: "|").map(String.init)
  }

  func unitRows(_ summary: YearSummary) -> [[String]] {
    summary.units.map { unit in
      let escalation =
        unit.escalated
        ? language.pick("约谈（", "约谈 (") + unit.escalatedIn.map(\.iso).joined(separator: language.pick("、", ", "))
          + language.pick("）", ")") : ""
      return [
        unit.unit, unit.tier, String(unit.monthsAssessed), String(unit.monthsShort), unit.personDays.description,
        String(unit.longestShortRun), escalation,
      ]
    }
  }

  func headRows(_ summary: YearSummary) -> [[String]] {
    summary.heads.map { head in
      [
        head.unit, head.name, head.role, String(head.monthsAssessed), String(head.monthsShort),
        head.countedDays.description, String(head.longestShortRun),
      ]
    }
  }

  func unitTable(_ summary: YearSummary) -> TextTable {
    TextTable(headers: unitHeaders, rows: unitRows(summary), numeric: [2, 3, 4, 5])
  }

  func headTable(_ summary: YearSummary) -> TextTable {
    TextTable(headers: headHeaders, rows: headRows(summary), numeric: [3, 4, 5, 6])
  }

  /// One row per unit and per head, told apart by `kind`, for spreadsheets.
  func csv(_ summary: YearSummary) -> String {
    let header = language.pick(
      "年度|类别|单位|单位类别|姓名|职务|考核月数|未达标月数|外出天数|最长连续未达标月数|约谈月份",
      "year|kind|unit|tier|name|role|months_assessed|months_short|days|longest_short_run|escalated_in"
    ).split(separator: "|").map(String.init)
    let year = String(summary.year)
    let units = summary.units.map { unit in
      [
        year, language.pick("单位", "unit"), unit.unit, unit.tier, "", "", String(unit.monthsAssessed),
        String(unit.monthsShort),
        unit.personDays.description, String(unit.longestShortRun), unit.escalatedIn.map(\.iso).joined(separator: ";"),
      ]
    }
    let heads = summary.heads.map { head in
      [
        year, language.pick("个人", "head"), head.unit, "", head.name, head.role, String(head.monthsAssessed),
        String(head.monthsShort),
        head.countedDays.description, String(head.longestShortRun), "",
      ]
    }
    return CSVWriter.document(header: header, rows: units + heads)
  }
}

extension SummaryRenderer {
  /// The year as two sheets, units then heads, counts and days as numbers.
  public func sheets(_ summary: YearSummary) -> [ReportTable] {
    [
      ReportTable(
        sheetName: unitHeading, title: title(summary), header: unitHeaders, textRows: unitRows(summary),
        kinds: [2: .number, 3: .number, 4: .number, 5: .number],
        notes: summary.months.isEmpty ? [noMonths(summary)] : []),
      ReportTable(
        sheetName: headHeading, title: title(summary), header: headHeaders, textRows: headRows(summary),
        kinds: [3: .number, 4: .number, 5: .number, 6: .number]),
    ]
  }
}
