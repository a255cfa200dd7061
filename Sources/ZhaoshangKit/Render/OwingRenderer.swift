import Foundation

/// Writes the units owing an explanation: a table, JSON, or the notice paragraph pasted into the bulletin.
public struct OwingRenderer: Sendable {
  public let language: Language

  public init(language: Language) {
    self.language = language
  }

  public func render(_ report: CheckReport, as format: ReportFormat) -> String {
    switch format {
    case .json: return json(report)
    case .notice: return notice(report)
    case .csv: return csv(report)
    case .markdown: return TextTable(headers: headers, rows: rows(report), numeric: [3, 4, 5]).markdown() + "\n"
    case .table, .html:
      guard !report.shortUnits.isEmpty else { return allCompliant(report) + "\n" }
      let title = language.pick(
        "\(report.month.chinese)须作出情况说明的单位（截止 \(report.explanationDue.iso)）",
        "Units owing an explanation for \(report.month.iso) (due \(report.explanationDue.iso))")
      return title + "\n\n" + TextTable(headers: headers, rows: rows(report), numeric: [3, 4, 5]).render() + "\n"
    }
  }

  var headers: [String] {
    language.pick("单位|姓名|职务|应外出天数|已外出天数|差额|说明截止", "unit|name|role|required|counted|shortfall|due")
      .split(separator: "|").map(String.init)
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

  func allCompliant(_ report: CheckReport) -> String {
    language.pick(
      "\(report.month.year)年\(report.month.month)月份各考核单位外出招商天数均达到要求。",
      "Every assessed unit met its days out in \(report.month.iso).")
  }

  /// The paragraph in the bulletin's register, e.g. 「7月份外出招商天数未达要求的单位：朱坝街道（党工委书记王某外出1天，应外出10天）……」.
  public func notice(_ report: CheckReport) -> String {
    let short = report.shortUnits
    guard !short.isEmpty else { return allCompliant(report) + "\n" }
    let due = report.explanationDue
    if language == .en {
      let units = short.map { unit in
        let heads = report.people(of: unit.unit).filter { !$0.compliant }.map {
          "\($0.role) \($0.name): \($0.counted) of \($0.required) days"
        }
        return "\(unit.unit) (\(heads.joined(separator: "; ")))"
      }
      return
        "Units short of the required days out on investment promotion in \(report.month.iso): \(units.joined(separator: ", ")). These units are to submit a written explanation to the district by \(due.iso).\n"
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
      "\(month)外出招商天数未达要求的单位：\(units.joined(separator: "、"))。请以上单位于\(due.month)月\(due.day)日前向区委区政府作出情况说明。\n"
  }

  func csv(_ report: CheckReport) -> String {
    CSVWriter.document(
      header: ["unit", "name", "role", "required_days", "counted_days", "shortfall_days", "explanation_due"],
      rows: rows(report))
  }

  func json(_ report: CheckReport) -> String {
    struct Head: Encodable {
      let name: String
      let role: String
      let required_days: Double
      let counted_days: Double
      let shortfall_days: Double
    }
    struct Unit: Encodable {
      let unit: String
      let tier: String
      let explanation_due: String
      let people: [Head]
    }
    struct Owing: Encodable {
      let month: String
      let explanation_due: String
      let units: [Unit]
    }
    let owing = Owing(
      month: report.month.iso, explanation_due: report.explanationDue.iso,
      units: report.shortUnits.map { unit in
        Unit(
          unit: unit.unit, tier: unit.tier.id, explanation_due: unit.explanationDue?.iso ?? "",
          people: report.people(of: unit.unit).filter { !$0.compliant }.map {
            Head(
              name: $0.name, role: $0.role, required_days: $0.required.days, counted_days: $0.counted.days,
              shortfall_days: $0.shortfall.days)
          })
      })
    return CheckJSON.encode(owing)
  }
}
