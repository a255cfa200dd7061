import Foundation

/// Writes the units owing an explanation: a table, JSON, or the notice paragraph pasted into the bulletin.
public struct OwingRenderer: Sendable {
  public let language: Language

  public init(language: Language) {
    self.language = language
  }

  /// - Parameter owed: the short units' explanations; when given, each row says where its unit's stands.
  public func render(_ report: CheckReport, explanations owed: [OwedExplanation]? = nil, as format: ReportFormat)
    throws(ZhaoshangError) -> String
  {
    switch format {
    case .json: return try json(report, owed: owed)
    case .notice: return notice(report)
    case .csv: return csv(report, owed: owed)
    case .markdown:
      return TextTable(headers: headers(owed), rows: rows(report, owed: owed), numeric: [3, 4, 5]).markdown() + "\n"
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .html:
      let after = unreportedLines(report)
      let warnings = warningLines(report)
      let before = warnings + (warnings.isEmpty ? [] : [""])
      guard !report.shortUnits.isEmpty else {
        return (before + [allCompliant(report)] + after).joined(separator: "\n") + "\n"
      }
      let title = language.pick(
        "\(report.month.chinese)须作出情况说明的单位（截止 \(report.explanationDue.iso)）",
        "Units owing an explanation for \(report.month.iso) (due \(report.explanationDue.iso))")
      let table = TextTable(headers: headers(owed), rows: rows(report, owed: owed), numeric: [3, 4, 5]).render()
      return (before + [title, "", table] + (after.isEmpty ? [] : [""] + after)).joined(separator: "\n") + "\n"
    }
  }

  /// The month's notices that make the list provisional or empty for a reason: not begun, not over, no trips,
  /// nobody assessed.
  func warningLines(_ report: CheckReport) -> [String] {
    var lines: [Localized] = []
    if let completeness = report.completeness {
      switch completeness.phase {
      case .future:
        lines.append(
          Localized(
            "\(report.month.chinese)还没有开始（今天是 \(completeness.asOf.iso)），还没有单位须作出情况说明",
            "\(report.month.iso) has not begun (today is \(completeness.asOf.iso)), so no unit owes an explanation yet")
        )
      case .underway:
        lines.append(
          Localized(
            "\(report.month.chinese)尚未结束：以下为\(completeness.soFar(.zh) ?? "")的情况，月末后才确定须作出情况说明的单位",
            "\(report.month.iso) is not over: figures \(completeness.soFar(.en) ?? "so far"); who owes an explanation is settled once it is over"
          ))
      case .ended: break
      }
      if !completeness.hasTrips && completeness.phase != .future {
        lines.append(
          Localized(
            "\(report.month.chinese)没有任何外出记录：多半是各单位的外出还没有导入，请先导入",
            "\(report.month.iso) has no trips at all: most likely the units' trips are not imported yet; import them first"
          ))
      }
    }
    return lines.map { language.pick("！！警告：", "!! WARNING: ") + $0.text(language) }
  }

  /// The short units that have not reported yet: named, and owing nothing until they report or the due day passes.
  func unreportedLines(_ report: CheckReport) -> [String] {
    let units = report.unreportedUnits.map(\.unit)
    guard !units.isEmpty else { return [] }
    let due = report.completeness?.reportsDue ?? report.explanationDue
    return [
      language.pick(
        "未报送（\(units.count) 个）：\(units.joined(separator: "、"))。报送前不作未达标认定，暂不须作出情况说明；\(due.chinese)后仍未报送的按未达标处理。",
        "not reported (\(units.count)): \(units.joined(separator: ", ")). Not judged short until they report, so they owe no explanation yet; after \(due.iso) a unit that has not reported counts as short."
      )
    ]
  }

  var headers: [String] {
    language.pick("单位|姓名|职务|应外出天数|已外出天数|差额|说明截止", "unit|name|role|required|counted|shortfall|due")
      .split(separator: "|").map(String.init)
  }

  func headers(_ owed: [OwedExplanation]?) -> [String] {
    owed == nil ? headers : headers + [language.pick("情况说明", "explanation")]
  }

  func rows(_ report: CheckReport, owed: [OwedExplanation]?) -> [[String]] {
    guard let owed else { return rows(report) }
    let status = Dictionary(owed.map { ($0.unit, $0.status) }, uniquingKeysWith: { first, _ in first })
    return rows(report).map { row in row + [status[row[0]]?.label(language) ?? ""] }
  }

  // MARK: Every month's open shortfalls

  /// `owing --open`: every shortfall not yet explained, month by month.
  public func render(open owed: [OwedExplanation], asOf: CivilDate, as format: ReportFormat) throws(ZhaoshangError)
    -> String
  {
    let rows = owed.map { item in
      [
        item.month.iso, item.unit,
        item.heads.map { "\($0.role)\($0.name) \($0.counted)/\($0.required)" }.joined(
          separator: language.pick("；", "; ")),
        item.due.iso, item.status.label(language),
      ]
    }
    switch format {
    case .json:
      struct Entry: Encodable {
        let month, unit, explanation_due, status: String
        let days_overdue: Int
        let people: [String]
      }
      return try CheckJSON.encode(
        owed.map { item in
          var overdue = 0
          if case .overdue(_, let days) = item.status { overdue = days }
          return Entry(
            month: item.month.iso, unit: item.unit, explanation_due: item.due.iso, status: item.status.key,
            days_overdue: overdue, people: item.heads.map(\.name))
        })
    case .csv:
      return CSVWriter.document(
        header: language.pick("月份|单位|未达标人员|说明截止日期|情况", "month|unit|people|explanation_due|status")
          .split(separator: "|").map(String.init),
        rows: zip(owed, rows).map { item, row in [row[0], row[1], row[2], row[3], item.status.word(language)] })
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .markdown, .table, .text, .html, .notice:
      let headers = language.pick(
        "月份|单位|未达标人员（已外出/应外出）|说明截止|情况", "month|unit|short heads (counted/required)|due|status"
      )
      .split(separator: "|").map(String.init)
      guard !owed.isEmpty else {
        return language.pick(
          "截至 \(asOf.iso)，没有尚未作出情况说明的未达标单位。", "As of \(asOf.iso), every shortfall has been explained.") + "\n"
      }
      let table = TextTable(headers: headers, rows: rows)
      if format == .markdown { return table.markdown() + "\n" }
      let overdue = owed.filter { $0.status.key == "overdue" }.count
      let count = language.pick(
        "截至 \(asOf.iso)，共 \(owed.count) 份情况说明未收到，其中逾期 \(overdue) 份。",
        "As of \(asOf.iso), \(owed.count) \(owed.count == 1 ? "explanation" : "explanations") not received, \(overdue) overdue."
      )
      return table.render() + "\n\n" + count + "\n"
    }
  }

  func rows(_ report: CheckReport) -> [[String]] {
    report.shortUnits.flatMap { unit in
      report.people(of: unit.unit).filter { !$0.compliant }.map { person in
        [
          unit.unit, person.name, person.role, person.required.description, person.counted.description,
          person.shortfall.description, unit.explanationDue?.iso ?? "",
        ]
      }
    }
  }

  /// The sentence for a month with no unit short: never "every unit met it" when nobody was assessed or units
  /// have still to report.
  func allCompliant(_ report: CheckReport) -> String {
    if let empty = MonthCompleteness.emptyRosterNotice(report) { return empty.text(language) + language.pick("。", ".") }
    if !report.unreportedUnits.isEmpty {
      return language.pick(
        "\(report.month.year)年\(report.month.month)月份目前没有确认未达标的单位。",
        "No unit is confirmed short in \(report.month.iso) yet.")
    }
    return language.pick(
      "\(report.month.year)年\(report.month.month)月份各考核单位外出招商天数均达到要求。",
      "Every assessed unit met its days out in \(report.month.iso).")
  }

  /// The paragraph in the bulletin's register, e.g. 「7月份外出招商天数未达要求的单位：朱坝街道（党工委书记王某外出1天，应外出10天）……」.
  public func notice(_ report: CheckReport) -> String {
    let short = report.shortUnits
    let waiting = unreportedLines(report).map { " " + $0 }.joined()
    guard !short.isEmpty else { return allCompliant(report) + waiting + "\n" }
    let due = report.explanationDue
    if language == .en {
      let units = short.map { unit in
        let heads = report.people(of: unit.unit).filter { !$0.compliant }.map {
          "\($0.role) \($0.name): \($0.counted) of \($0.required) days"
        }
        return "\(unit.unit) (\(heads.joined(separator: "; ")))"
      }
      return
        "Units short of the required days out on investment promotion in \(report.month.iso): \(units.joined(separator: ", ")). These units are to submit a written explanation to the district by \(due.iso).\(waiting)\n"
    }
    let units = short.map { unit in
      let heads = report.people(of: unit.unit).filter { !$0.compliant }.map { person in
        let out = person.counted == .zero ? "未外出" : "外出\(person.counted)天"
        return "\(person.role)\(person.name)\(out)，应外出\(person.required)天"
      }
      return "\(unit.unit)（\(heads.joined(separator: "；"))）"
    }
    let month = "\(report.month.month)月份"
    return
      "\(month)外出招商天数未达要求的单位：\(units.joined(separator: "、"))。请以上单位于\(due.month)月\(due.day)日前向区委区政府作出情况说明。\(waiting.trimmingCharacters(in: .whitespaces))\n"
  }

  func csv(_ report: CheckReport, owed: [OwedExplanation]?) -> String {
    let header = language.pick(
      "单位|姓名|职务|应外出天数|已外出天数|差额天数|说明截止日期",
      "unit|name|role|required_days|counted_days|shortfall_days|explanation_due"
    ).split(separator: "|").map(String.init)
    guard let owed else { return CSVWriter.document(header: header, rows: rows(report)) }
    let byUnit = Dictionary(owed.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
    return CSVWriter.document(
      header: header
        + language.pick("说明情况|说明收到日期", "explanation_status|explanation_received")
        .split(separator: "|").map(String.init),
      rows: rows(report).map { row in
        let item = byUnit[row[0]]
        return row + [item?.status.word(language) ?? "", item?.explanation?.received.iso ?? ""]
      })
  }

  func json(_ report: CheckReport, owed: [OwedExplanation]?) throws(ZhaoshangError) -> String {
    struct Head: Encodable {
      let name: String
      let role: String
      let required_days: Double
      let counted_days: Double
      let shortfall_days: Double
    }
    struct Received: Encodable {
      let status: String
      let received: String?
      let note: String?
      let document_path: String?
      let document_sha256: String?
    }
    struct Unit: Encodable {
      let unit: String
      let tier: String
      let explanation_due: String
      let people: [Head]
      let explanation: Received?
    }
    struct Owing: Encodable {
      let month: String
      let explanation_due: String
      /// `future`, `so_far` or `ended`; absent for a closed month's frozen result.
      let month_state: String?
      let has_trips: Bool?
      let roster_empty: Bool
      /// Short units that have not reported: owing nothing until they report or the due day passes.
      let not_reported: [String]
      let units: [Unit]
    }
    let owing = Owing(
      month: report.month.iso, explanation_due: report.explanationDue.iso,
      month_state: report.completeness?.phaseKey, has_trips: report.completeness?.hasTrips,
      roster_empty: MonthCompleteness.emptyRosterNotice(report) != nil,
      not_reported: report.unreportedUnits.map(\.unit),
      units: report.shortUnits.map { unit in
        let item = owed?.first { $0.unit == unit.unit }
        return Unit(
          unit: unit.unit, tier: unit.tier.id, explanation_due: unit.explanationDue?.iso ?? "",
          people: report.people(of: unit.unit).filter { !$0.compliant }.map {
            Head(
              name: $0.name, role: $0.role, required_days: $0.required.days, counted_days: $0.counted.days,
              shortfall_days: $0.shortfall.days)
          },
          explanation: item.map {
            Received(
              status: $0.status.key, received: $0.explanation?.received.iso, note: $0.explanation?.note,
              document_path: $0.explanation?.document?.path, document_sha256: $0.explanation?.document?.sha256)
          })
      })
    return try CheckJSON.encode(owing)
  }
}

extension OwingRenderer {
  /// The month's short heads as a workbook's sheet, with each unit's explanation when known.
  public func sheet(_ report: CheckReport, explanations owed: [OwedExplanation]? = nil) -> ReportTable {
    ReportTable(
      sheetName: report.month.iso,
      title: language.pick(
        "\(report.month.chinese)外出招商天数未达标人员", "Heads short of their days out, \(report.month.iso)"),
      header: headers(owed), textRows: rows(report, owed: owed), kinds: [3: .number, 4: .number, 5: .number, 6: .date])
  }

  /// `owing --open` as a workbook's sheet.
  public func sheet(open owed: [OwedExplanation], asOf: CivilDate) -> ReportTable {
    let header = language.pick("月份|单位|未达标人员|说明截止|情况说明", "month|unit|heads|due|explanation")
      .split(separator: "|").map(String.init)
    let rows = owed.map { item in
      [
        item.month.iso, item.unit,
        item.heads.map { "\($0.role)\($0.name) \($0.counted)/\($0.required)" }.joined(
          separator: language.pick("；", "; ")),
        item.due.iso, item.status.label(language),
      ]
    }
    return ReportTable(
      sheetName: asOf.iso,
      title: language.pick("截至\(asOf.chinese)尚未说明的未达标情况", "Shortfalls not yet explained as of \(asOf.iso)"),
      header: header, textRows: rows, kinds: [3: .date])
  }
}
