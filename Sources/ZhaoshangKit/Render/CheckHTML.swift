/// The check report as one printable HTML page, with a bar chart of each unit's counted against required days.
struct CheckHTML {
  let renderer: CheckRenderer

  var language: Language { renderer.language }

  func render(_ report: CheckReport) -> String {
    var body: [String] = []
    body.append("<h1>\(HTMLPage.escape(renderer.title(report)))</h1>")
    body.append(
      "<p class=\"meta\">\(HTMLPage.escape(language.pick("规则文件", "rule file"))) \(HTMLPage.escape(report.rules.source.path)) · sha256 \(report.rules.source.sha256.prefix(16))</p>"
    )
    body.append("<p>\(HTMLPage.escape(renderer.summary(report)))</p>")
    body.append("<h2>\(HTMLPage.escape(language.pick("各单位外出天数", "Days out by unit")))</h2>")
    body.append(chart(report))
    body.append("<h2>\(HTMLPage.escape(language.pick("考核明细", "Every assessed head")))</h2>")
    let rows = renderer.rows(report)
    let shortLabel = UnitStatus.short.label(language)
    var rowClasses: [Int: String] = [:]
    var inShortUnit = false
    for (index, row) in rows.enumerated() {
      if !row[0].isEmpty { inShortUnit = row[7] == shortLabel }
      if inShortUnit { rowClasses[index] = "short" }
    }
    body.append(HTMLPage.table(headers: renderer.headers, rows: rows, numeric: [4, 5, 6], rowClasses: rowClasses))
    for warning in renderer.warningLines(report) {
      body.append("<p class=\"note\">\(HTMLPage.escape(warning))</p>")
    }
    return HTMLPage.page(title: renderer.title(report), language: language, body: body.joined(separator: "\n"))
  }

  /// Horizontal bars: a solid bar for counted days, an outlined box up to the required days, and a hatched
  /// stretch for the shortfall, so the chart reads the same printed in black and white.
  func chart(_ report: CheckReport) -> String {
    let units = report.units.filter { $0.status != .vacant }
    let required = Dictionary(
      report.people.reduce(into: [String: DayCount]()) { $0[$1.unit, default: .zero] += $1.required }.map { ($0, $1) },
      uniquingKeysWith: { first, _ in first })
    let largest = units.map { max($0.personDays, required[$0.unit] ?? .zero).days }.max() ?? 1
    let scale = 520 / max(largest, 1)
    let rowHeight = 22
    let labelWidth = 150
    let height = units.count * rowHeight + 40
    var svg = """
      <svg class="chart" viewBox="0 0 760 \(height)" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(HTMLPage.escape(language.pick("各单位已外出与应外出天数", "counted against required days by unit")))">
      <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern></defs>
      <style>text { font-size: 12px; font-family: inherit; }</style>

      """
    for (index, unit) in units.enumerated() {
      let y = 10 + index * rowHeight
      let counted = unit.personDays.days * scale
      let owed = (required[unit.unit] ?? .zero).days * scale
      let label = HTMLPage.escape(unit.unit)
      svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(label)</text>\n"
      svg += rect(x: Double(labelWidth), y: y + 3, width: owed, fill: "#fff", stroke: "#000")
      if counted < owed {
        svg += rect(
          x: Double(labelWidth) + counted, y: y + 3, width: owed - counted, fill: "url(#hatch)", stroke: "none")
      }
      svg += rect(x: Double(labelWidth), y: y + 3, width: counted, fill: "#444", stroke: "#000")
      let figure = "\(unit.personDays) / \(required[unit.unit] ?? .zero)"
      let status = unit.status == .short ? " " + UnitStatus.short.label(language) : ""
      svg +=
        "<text x=\"\(Double(labelWidth) + max(counted, owed) + 6)\" y=\"\(y + 14)\">\(HTMLPage.escape(figure + status))</text>\n"
    }
    let legendY = units.count * rowHeight + 22
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
      "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(max(rounded, 0))\" height=\"14\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1\"/>\n"
  }
}
