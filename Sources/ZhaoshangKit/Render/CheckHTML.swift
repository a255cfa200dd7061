/// The check report as one printable A4 page: a bar chart of each unit drawn by its weakest head, then the table
/// of every assessed head, one unit's rows kept together on a page.
struct CheckHTML {
  let renderer: CheckRenderer

  var language: Language { renderer.language }

  func render(_ report: CheckReport) -> String {
    var body: [String] = []
    body.append("<h1>\(HTMLPage.escape(heading(report)))</h1>")
    body.append("<p class=\"meta\">\(HTMLPage.escape(rulesLine(report.rules)))</p>")
    let banner = HTMLPage.banner(renderer.loudLines(report))
    if !banner.isEmpty { body.append(banner) }
    body.append("<p>\(HTMLPage.escape(renderer.summary(report)))</p>")
    body.append("<h2>\(HTMLPage.escape(language.pick("各单位外出天数", "Days out by unit")))</h2>")
    body.append(
      "<p class=\"note\">\(HTMLPage.escape(language.pick("每个单位按其外出天数最少（相对应外出天数）的负责人绘制：单位中任何一人未达标，该单位即未达标。", "Each unit is drawn by its head furthest from the required days: a unit is short when any of its heads is.")))</p>"
    )
    body.append(chart(report))
    body.append("<h2>\(HTMLPage.escape(language.pick("考核明细", "Every assessed head")))</h2>")
    body.append(table(report))
    for warning in renderer.warningLines(report) {
      body.append("<p class=\"note\">\(HTMLPage.escape(warning))</p>")
    }
    return HTMLPage.page(title: renderer.title(report), language: language, body: body.joined(separator: "\n"))
  }

  /// 「2022年7月外出招商天数考核」: the rules are named on the line below, not squeezed into the heading.
  func heading(_ report: CheckReport) -> String {
    let soFar = report.completeness?.soFar(language).map { language.pick("（\($0)）", " (\($0))") } ?? ""
    return language.pick(
      "\(report.month.chinese)外出招商天数考核\(soFar)", "Days out on investment promotion, \(report.month.iso)\(soFar)")
  }

  /// The rules by title and effective date: what a reader of the paper needs, where a file path and a hash
  /// would say nothing to them (the JSON output keeps both for whoever must trace the run).
  func rulesLine(_ rules: RuleSet) -> String {
    language.pick(
      "依据《\(rules.title)》（\(rules.effectiveFrom.chinese)起施行）",
      "Under \(rules.title), in force from \(rules.effectiveFrom.iso)")
  }

  /// The head who decides the unit's standing: the one with the smallest share of their required days.
  /// Summing a unit's heads would draw a unit full while one head is short.
  static func weakestHead(of people: [HeadResult]) -> HeadResult? {
    func share(_ head: HeadResult) -> Double {
      head.required.days > 0 ? head.counted.days / head.required.days : .infinity
    }
    return people.enumerated().min { (share($0.element), $0.offset) < (share($1.element), $1.offset) }?.element
  }

  /// Horizontal bars: a solid bar for the weakest head's counted days, an outlined box up to their required
  /// days, and a hatched stretch for the shortfall, so the chart reads the same printed in black and white.
  func chart(_ report: CheckReport) -> String {
    let drawn = report.units.filter { $0.status != .vacant }.compactMap { unit in
      Self.weakestHead(of: report.people(of: unit.unit)).map { (unit: unit, head: $0) }
    }
    let largest = drawn.map { max($0.head.counted, $0.head.required).days }.max() ?? 1
    let labelWidth = 150
    let scale = 420 / max(largest, 1)
    let rowHeight = 18
    let height = drawn.count * rowHeight + 40
    var svg = """
      <svg class="chart" viewBox="0 0 760 \(height)" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(HTMLPage.escape(language.pick("各单位外出天数最少的负责人：已外出与应外出天数", "each unit's weakest head: counted against required days")))">
      <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern></defs>
      <style>text { font-size: 13px; font-family: inherit; }</style>

      """
    for (index, entry) in drawn.enumerated() {
      let y = 10 + index * rowHeight
      let counted = entry.head.counted.days * scale
      let owed = entry.head.required.days * scale
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(HTMLPage.escape(entry.unit.unit))</text>\n"
      svg += rect(x: Double(labelWidth), y: y + 3, width: owed, fill: "#fff", stroke: "#000")
      if counted < owed {
        svg += rect(
          x: Double(labelWidth) + counted, y: y + 3, width: owed - counted, fill: "url(#hatch)", stroke: "none")
      }
      svg += rect(x: Double(labelWidth), y: y + 3, width: counted, fill: "#444", stroke: "#000")
      var figure = "\(entry.head.name) \(entry.head.counted) / \(entry.head.required)"
      if entry.unit.status == .short || entry.unit.status == .notReported {
        figure += " " + entry.unit.status.label(language)
      }
      svg +=
        "<text x=\"\(Double(labelWidth) + max(counted, owed) + 6)\" y=\"\(y + 13)\">\(HTMLPage.escape(figure))</text>\n"
    }
    let legendY = drawn.count * rowHeight + 22
    svg += rect(x: Double(labelWidth), y: legendY, width: 14, fill: "#444", stroke: "#000")
    svg +=
      "<text x=\"\(labelWidth + 20)\" y=\"\(legendY + 11)\">\(HTMLPage.escape(language.pick("已外出天数", "counted days")))</text>\n"
    svg += rect(x: Double(labelWidth + 120), y: legendY, width: 14, fill: "url(#hatch)", stroke: "#000")
    svg +=
      "<text x=\"\(labelWidth + 140)\" y=\"\(legendY + 11)\">\(HTMLPage.escape(language.pick("差额（至应外出天数）", "shortfall (to required days)")))</text>\n"
    return svg + "</svg>"
  }

  private func rect(x: Double, y: Int, width: Double, fill: String, stroke: String) -> String {
    let rounded = (width * 10).rounded() / 10
    return
      "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(max(rounded, 0))\" height=\"13\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1\"/>\n"
  }

  /// Column widths for A4 (the tier is a row above its units, not a column): names, roles and figures never wrap.
  static let columnWidths = ["20%", "9%", "14%", "10%", "10%", "10%", "12%", "15%"]

  /// The table with each unit's rows in a `tbody` of its own, so a page break never falls inside a unit, and
  /// each tier named once in a row above its units, leaving the width of A4 to names and figures.
  func table(_ report: CheckReport) -> String {
    var groups: [[[String]]] = []
    for row in renderer.rows(report) {
      if !row[0].isEmpty || groups.isEmpty { groups.append([]) }
      groups[groups.count - 1].append(row.enumerated().filter { $0.offset != 1 }.map(\.element))
    }
    let headers = renderer.headers.enumerated().filter { $0.offset != 1 }.map(\.element)
    let numeric: Set<Int> = [3, 4, 5]
    var lines = ["<table class=\"check\">", "<colgroup>"]
    lines += Self.columnWidths.map { "<col style=\"width: \($0)\">" }
    lines.append("</colgroup>")
    lines.append("<thead><tr>" + headers.map { "<th>\(HTMLPage.escape($0))</th>" }.joined() + "</tr></thead>")
    var tier: String?
    for (unit, group) in zip(report.units, groups) {
      let short = unit.status == .short
      lines.append(short ? "<tbody class=\"unit short\">" : "<tbody class=\"unit\">")
      if unit.tier.id != tier {
        tier = unit.tier.id
        let title = language.pick(
          "\(unit.tier.title)（每月应外出 \(unit.tier.minDays) 天）", "\(unit.tier.title) (\(unit.tier.minDays) days a month)")
        lines.append("<tr class=\"tier\"><th colspan=\"\(headers.count)\">\(HTMLPage.escape(title))</th></tr>")
      }
      for row in group {
        let cells = row.enumerated().map { column, cell in
          "<td class=\"\(numeric.contains(column) ? "number" : "name")\">\(HTMLPage.escape(cell))</td>"
        }
        lines.append("<tr>" + cells.joined() + "</tr>")
      }
      lines.append("</tbody>")
    }
    lines.append("</table>")
    return lines.joined(separator: "\n")
  }
}
