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
      let status = statusLabel(unit, report)
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

  /// The unit's status as printed: 未报送 for a short unit that has not reported yet, and a zero report
  /// (未外出) said beside a shortfall, so a reported zero never reads as a unit that sent nothing.
  func statusLabel(_ unit: UnitResult, _ report: CheckReport) -> String {
    let label = unit.status.label(language)
    guard unit.status == .short, report.completeness?.report(of: unit.unit)?.nothingToReport == true else {
      return label
    }
    return label + language.pick("（报送未外出）", " (reported: did not go out)")
  }

  func title(_ report: CheckReport) -> String {
    let soFar = report.completeness?.soFar(language).map { language.pick("，", ", ") + $0 } ?? ""
    return language.pick(
      "\(report.month.chinese)外出招商天数考核（\(report.rules.title)\(soFar)）",
      "Days out on investment promotion, \(report.month.iso) (\(report.rules.title)\(soFar))")
  }

  func summary(_ report: CheckReport) -> String {
    let short = report.shortUnits.count
    let assessed = report.units.filter { $0.status != .vacant }.count
    let unreported = report.unreportedUnits.count
    let waiting = language.pick(
      unreported > 0 ? "，未报送 \(unreported) 个（报送前不算未达标）" : "",
      unreported > 0 ? ", \(unreported) not reported (not judged short until they report)" : "")
    return language.pick(
      "考核单位 \(assessed) 个，未达标 \(short) 个\(waiting)\(short > 0 ? "，须于 \(report.explanationDue.chinese)前作出情况说明" : "")。",
      "\(assessed) units assessed, \(short) short\(waiting)\(short > 0 ? "; their explanations are due by \(report.explanationDue.iso)" : "")."
    )
  }

  func warningLines(_ report: CheckReport) -> [String] {
    var warnings = report.warnings
    // Nobody assessed is said even of a report read without a day (a frozen result): never "every unit met it".
    if report.completeness == nil, let empty = MonthCompleteness.emptyRosterNotice(report) {
      warnings.insert(empty, at: 0)
    }
    return warnings.map { language.pick("注意：", "warning: ") + $0.text(language) }
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
    let loud = loudLines(report)
    return (loud + (loud.isEmpty ? [] : [""]) + [title(report), "", body, "", summary(report)] + warningLines(report))
      .joined(separator: "\n") + "\n"
  }

  /// The notices that make the figures meaningless or provisional (not begun, not over, no trips, nobody
  /// assessed), printed above the title as well, in capitals of a kind: a reader who stops at the table has seen them.
  func loudLines(_ report: CheckReport) -> [String] {
    var loud: [Localized] = []
    if let completeness = report.completeness {
      switch completeness.phase {
      case .future:
        loud.append(
          Localized(
            "\(report.month.chinese)还没有开始，以下不是考核结果", "\(report.month.iso) has not begun: what follows is no result"))
      case .underway:
        loud.append(
          Localized(
            "\(report.month.chinese)尚未结束，以下为\(completeness.soFar(.zh) ?? "")的情况",
            "\(report.month.iso) is not over: figures \(completeness.soFar(.en) ?? "so far")"))
      case .ended: break
      }
      if !completeness.hasTrips && completeness.phase != .future {
        loud.append(Localized("\(report.month.chinese)没有任何外出记录", "\(report.month.iso) has no trips at all"))
      }
    }
    if MonthCompleteness.emptyRosterNotice(report) != nil {
      loud.append(Localized("没有单位参加考核（花名册为空）", "no unit was assessed (the roster is empty)"))
    }
    return loud.map { language.pick("！！警告：", "!! WARNING: ") + $0.text(language) }
  }

  func markdown(_ report: CheckReport) -> String {
    let table = TextTable(headers: headers, rows: rows(report), numeric: [4, 5, 6])
    let loud = loudLines(report).map { "> **" + $0 + "**" }
    var parts = loud + (loud.isEmpty ? [] : [""]) + ["## " + title(report), "", table.markdown(), "", summary(report)]
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
      kinds: [4: .number, 5: .number, 6: .number, 8: .date],
      notes: loudLines(report) + [summary(report)] + warningLines(report))
  }
}
