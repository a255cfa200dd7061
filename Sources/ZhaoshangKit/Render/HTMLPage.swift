/// One self-contained printable HTML page: inline styles, no scripts, no external resources, all text escaped.
public enum HTMLPage {
  /// Escapes text for element content and quoted attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// A whole page around `body`, which must already be escaped HTML.
  /// Notices a reader must not miss (the month not begun or not over, no trips, nobody assessed), boxed above
  /// the figures; empty for none.
  public static func banner(_ lines: [String]) -> String {
    guard !lines.isEmpty else { return "" }
    return "<div class=\"banner\" role=\"alert\">" + lines.map { "<p>\(escape($0))</p>" }.joined() + "</div>"
  }

  public static func page(title: String, language: Language, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="\(language == .zh ? "zh-CN" : "en")">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    @page { size: A4; margin: 2cm 2cm 1.8cm;
      @bottom-center { content: \(language == .zh ? "\"第 \" counter(page) \" 页\"" : "\"Page \" counter(page)"); font-size: 10.5pt; } }
    body { font-family: "FangSong", "仿宋", "STFangsong", "Songti SC", serif; font-size: 15pt; line-height: 1.7;
      max-width: 48em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
    h1 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 20pt; text-align: center; margin: 1em 0; }
    h2 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 15pt; margin: 1.2em 0 0.4em; }
    p { text-indent: 2em; margin: 0.4em 0; }
    p.note { text-indent: 0; font-size: 12pt; }
    div.banner { border: 2px solid #000; padding: 4pt 8pt; margin: 6pt 0; font-weight: bold; }
    div.banner p { text-indent: 0; margin: 2pt 0; }
    table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.4; margin: 0.6em 0; }
    th, td { border: 1px solid #000; padding: 0.25em 0.5em; vertical-align: top; }
    th { font-weight: bold; text-align: center; }
    td.number { text-align: right; white-space: nowrap; }
    tr.total td { font-weight: bold; }
    .escalate { font-weight: bold; }
    tr.short td, tbody.short td { font-weight: bold; }
    td.name { white-space: nowrap; }
    table.check { table-layout: fixed; }
    table.check th, table.check td { padding: 0.2em 0.3em; }
    tr.tier th { text-align: left; font-weight: bold; }
    thead { display: table-header-group; }
    h1, h2 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
    tr, tbody.unit, svg.chart { break-inside: avoid; page-break-inside: avoid; }
    p.meta { text-indent: 0; text-align: center; font-size: 11pt; }
    p.signature { text-indent: 0; text-align: right; margin: 2em 2em 0 0; break-inside: avoid; }
    table.bulletin th { white-space: nowrap; }
    p.issue { text-indent: 0; text-align: center; }
    svg.chart { width: 100%; height: auto; font-family: sans-serif; }
    @media print {
      body { margin: 0; max-width: none; font-size: 12pt; line-height: 1.45; }
      p { margin: 0.2em 0; }
      h1 { font-size: 18pt; margin: 0 0 0.4em; }
      h2 { font-size: 13pt; margin: 0.8em 0 0.3em; }
      table { font-size: 10pt; }
      svg.chart { max-height: 15cm; }
    }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  /// A table with the given header and rows; `numeric` columns align right, `classes` mark whole rows.
  /// `unbroken` columns never wrap (names); `className` lets a page style one table (its headers kept whole).
  public static func table(
    headers: [String], rows: [[String]], numeric: Set<Int> = [], rowClasses: [Int: String] = [:],
    unbroken: Set<Int> = [], className: String? = nil
  ) -> String {
    var lines = [
      className.map { "<table class=\"\(escape($0))\">" } ?? "<table>",
      "<thead><tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>",
    ]
    lines.append("<tbody>")
    for (index, row) in rows.enumerated() {
      let rowClass = rowClasses[index].map { " class=\"\(escape($0))\"" } ?? ""
      let cells = row.enumerated().map { column, cell in
        numeric.contains(column)
          ? "<td class=\"number\">\(escape(cell))</td>"
          : unbroken.contains(column) ? "<td class=\"name\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
      }
      lines.append("<tr\(rowClass)>" + cells.joined() + "</tr>")
    }
    lines += ["</tbody>", "</table>"]
    return lines.joined(separator: "\n")
  }
}
