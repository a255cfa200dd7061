/// Writes a `CheckReport` as a table, JSON, CSV or Markdown.
public struct CheckRenderer: Sendable {
  public let language: Language
  /// Wraps status text in colour; the identity when output is not a terminal.
  public let colour: TerminalColour

  public init(language: Language, colour: TerminalColour = .none) {
    self.language = language
    self.colour = colour
  }

  public func render(_ report: CheckReport, as format: ReportFormat) throws(ZhaoshangError) -> String {
    switch format {
    case .json: return try CheckJSON.encode(CheckJSON(report, language: language))
    case .csv: return csv(report)
    case .markdown: return markdown(report)
    case .html: return CheckHTML(renderer: self).render(report)
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .notice: return table(report)
    }
  }

  var headers: [String] {
    language == .zh
      ? ["单位", "档次", "姓名", "职务", "应外出天数", "已外出天数", "差额", "单位情况", "说明截止"]
      : ["unit", "tier", "name", "role", "required", "counted", "shortfall", "unit status", "explain by"]
  }

  /// One row per assessed head, the unit's status on its first row; vacant units get a row of their own.
  func rows(_ report: CheckReport) -> [[String]] {
    var rows: [[String]] = []
    for unit in report.units {
      let people = report.people(of: unit.unit)
      let status = unit.status.label(language)
      let due = unit.explanationDue?.iso ?? ""
      if people.isEmpty {
        rows.append([unit.unit, unit.tier.title, "", "", "", "", "", status, ""])
      }
      for (index, person) in people.enumerated() {
        rows.append([
          index == 0 ? unit.unit : "", index == 0 ? unit.tier.title : "", person.name, person.role,
          person.required.description, person.counted.description,
          person.compliant ? "" : person.shortfall.description, index == 0 ? status : "", index == 0 ? due : "",
        ])
      }
    }
    return rows
  }

  func title(_ report: CheckReport) -> String {
    language.pick(
      "\(report.month.chinese)外出招商天数考核（\(report.rules.title)）",
      "Days out on investment promotion, \(report.month.iso) (\(report.rules.title))")
  }

  func summary(_ report: CheckReport) -> String {
    let short = report.shortUnits.count
    let assessed = report.units.filter { $0.status != .vacant }.count
    return language.pick(
      "考核单位 \(assessed) 个，未达标 \(short) 个\(short > 0 ? "，须于 \(report.explanationDue.chinese)前作出情况说明" : "")。",
      "\(assessed) units assessed, \(short) short\(short > 0 ? "; their explanations are due by \(report.explanationDue.iso)" : "")."
    )
  }

  func warningLines(_ report: CheckReport) -> [String] {
    report.warnings.map { language.pick("注意：", "warning: ") + $0.text(language) }
  }

  func table(_ report: CheckReport) -> String {
    let table = TextTable(headers: headers, rows: rows(report), numeric: [4, 5, 6])
    let body = table.render { _, column, text in
      // Plain output (a file, a pipe) needs no search for the status word in every cell.
      guard column == 7, colour == .ansi else { return text }
      if text.contains(UnitStatus.short.label(language)) { return colour.alarm(text) }
      if text.contains(UnitStatus.compliant.label(language)) { return colour.fine(text) }
      return colour.notice(text)
    }
    return ([title(report), "", body, "", summary(report)] + warningLines(report)).joined(separator: "\n") + "\n"
  }

  func markdown(_ report: CheckReport) -> String {
    let table = TextTable(headers: headers, rows: rows(report), numeric: [4, 5, 6])
    var parts = ["## " + title(report), "", table.markdown(), "", summary(report)]
    let warnings = warningLines(report)
    if !warnings.isEmpty { parts += [""] + warnings.map { "- " + $0 } }
    return parts.joined(separator: "\n") + "\n"
  }

  /// One row per head, unformatted numbers, for spreadsheets: headers and words in the report's language, since a
  /// clerk opens it in Excel; the English form keeps the identifiers scripts already read.
  func csv(_ report: CheckReport) -> String {
    let header = language.pick(
      "月份|单位|类别|姓名|职务|在任天数|应外出天数|已外出天数|差额天数|是否达标|单位情况|说明截止日期",
      "month|unit|tier|name|role|days_in_post|required_days|counted_days|shortfall_days|compliant|unit_status|explanation_due"
    ).split(separator: "|").map(String.init)
    let units = Dictionary(report.units.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
    let rows = report.people.map { person in
      let status = units[person.unit]?.status
      return [
        report.month.iso, person.unit, language.pick(person.tier.title, person.tier.id), person.name, person.role,
        String(person.daysInPost), person.required.description, person.counted.description,
        person.shortfall.description, language.pick(person.compliant ? "是" : "否", person.compliant ? "true" : "false"),
        status.map { language.pick($0.label(language), $0.rawValue) } ?? "",
        units[person.unit]?.explanationDue?.iso ?? "",
      ]
    }
    return CSVWriter.document(header: header, rows: rows)
  }
}

extension CheckRenderer {
  /// The check as a workbook's sheet: the table's rows, days as numbers, the due date as a date cell.
  public func sheet(_ report: CheckReport) -> ReportTable {
    ReportTable(
      sheetName: report.month.iso, title: title(report), header: headers, textRows: rows(report),
      kinds: [4: .number, 5: .number, 6: .number, 8: .date], notes: [summary(report)] + warningLines(report))
  }
}
