/// Writes which units have reported a month (报送) and which have not: every unit of the month's rule file, in
/// its order, as a table, CSV, JSON, Markdown or a workbook's sheet.
public struct MonthReportRenderer: Sendable {
  public let language: Language
  /// Shows when each unit reported on the office's clock, as every other time is shown.
  public let clock: OfficeClock

  public init(language: Language, clock: OfficeClock = .district) {
    self.language = language
    self.clock = clock
  }

  /// One unit's line: its report, or nil while it has not reported.
  public struct Line: Sendable, Equatable {
    public let unit: String
    public let tier: Tier
    public let report: MonthReport?
  }

  /// Every unit of the rule file, in its order, with its report of the month.
  public static func lines(rules: RuleSet, completeness: MonthCompleteness) -> [Line] {
    rules.tiers.flatMap { tier in
      tier.units.map { Line(unit: $0, tier: tier, report: completeness.report(of: $0)) }
    }
  }

  var headers: [String] {
    language.pick("单位|档次|报送情况|报送人|报送时间", "unit|tier|report|by|at").split(separator: "|").map(String.init)
  }

  func rows(_ lines: [Line]) -> [[String]] {
    lines.map { line in
      [
        line.unit, line.tier.title, line.report?.label(language) ?? language.pick("未报送", "not reported"),
        line.report?.recordedBy ?? "", line.report.map { clock.show($0.recordedAt) } ?? "",
      ]
    }
  }

  public func title(_ completeness: MonthCompleteness) -> String {
    let soFar = completeness.soFar(language).map { language.pick("（\($0)）", " (\($0))") } ?? ""
    return language.pick(
      "\(completeness.month.chinese)各单位报送情况\(soFar)", "Units' reports of \(completeness.month.iso)\(soFar)")
  }

  /// 「已报送 3 个（其中未外出 1 个），未报送 24 个；…」, and what 未报送 means until the due day.
  public func summary(_ lines: [Line], completeness: MonthCompleteness) -> String {
    let reported = lines.filter { $0.report != nil }
    let zero = reported.filter { $0.report?.nothingToReport == true }.count
    let missing = lines.count - reported.count
    let due = completeness.reportsDue
    guard !lines.isEmpty else {
      return language.pick("规则文件中没有单位。", "The rule file names no unit.")
    }
    let rule =
      missing == 0
      ? ""
      : completeness.unreportedIsProvisional
        ? language.pick(
          "；\(due.chinese)（说明截止日）前，未报送单位的不足天数标为「未报送」而非「未达标」",
          "; until \(due.iso) (the explanation due day) a unit that has not reported is marked \"not reported\", not \"short\""
        )
        : language.pick(
          "；已过 \(due.chinese)（说明截止日），未报送的单位按未达标处理",
          "; \(due.iso), the explanation due day, has passed: a unit that has not reported counts as short")
    return language.pick(
      "已报送 \(reported.count) 个（其中未外出 \(zero) 个），未报送 \(missing) 个\(rule)。",
      "\(reported.count) reported (\(zero) of them did not go out), \(missing) not reported\(rule).")
  }

  public func render(_ lines: [Line], completeness: MonthCompleteness, as format: ReportFormat)
    throws(ZhaoshangError) -> String
  {
    switch format {
    case .json:
      struct Entry: Encodable {
        let unit: String
        let tier: String
        let reported: Bool
        let nothing_to_report: Bool
        let recorded_by: String?
        let recorded_at: String?
      }
      struct Listing: Encodable {
        let month: String
        let as_of: String
        let month_state: String
        let reports_due: String
        let units: [Entry]
      }
      return try CheckJSON.encode(
        Listing(
          month: completeness.month.iso, as_of: completeness.asOf.iso, month_state: completeness.phaseKey,
          reports_due: completeness.reportsDue.iso,
          units: lines.map {
            Entry(
              unit: $0.unit, tier: $0.tier.id, reported: $0.report != nil,
              nothing_to_report: $0.report?.nothingToReport ?? false, recorded_by: $0.report?.recordedBy,
              recorded_at: $0.report?.recordedAt)
          }))
    case .csv:
      // Chinese: the table's own columns and words, for a clerk's Excel. English: the identifiers scripts read.
      let month = completeness.month.iso
      guard language == .en else {
        return CSVWriter.document(header: ["月份"] + headers, rows: rows(lines).map { [month] + $0 })
      }
      return CSVWriter.document(
        header: ["month", "unit", "tier", "status", "recorded_by", "recorded_at"],
        rows: lines.map { line in
          [
            month, line.unit, line.tier.id,
            line.report.map { $0.nothingToReport ? "reported_none" : "reported" } ?? "not_reported",
            line.report?.recordedBy ?? "", line.report?.recordedAt ?? "",
          ]
        })
    case .markdown:
      return "## \(title(completeness))\n\n" + TextTable(headers: headers, rows: rows(lines)).markdown() + "\n\n"
        + summary(lines, completeness: completeness) + "\n"
    case .xlsx, .docx, .table, .text, .html, .notice:
      return title(completeness) + "\n\n" + TextTable(headers: headers, rows: rows(lines)).render() + "\n\n"
        + summary(lines, completeness: completeness) + "\n"
    }
  }

  public func sheet(_ lines: [Line], completeness: MonthCompleteness) -> ReportTable {
    ReportTable(
      sheetName: completeness.month.iso, title: title(completeness), header: headers, textRows: rows(lines),
      notes: [summary(lines, completeness: completeness)])
  }
}
