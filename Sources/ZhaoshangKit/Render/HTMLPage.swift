/// A self-contained printable HTML page: inline style, no scripts, no external files.
struct HTMLPage {
  let title: String
  let language: Language
  var body: [String] = []

  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// A table; `numeric` columns align right, `emphasised` rows print bold (short units, read without colour).
  static func table(headers: [String], rows: [[String]], numeric: Set<Int>, emphasised: Set<Int> = []) -> String {
    var html = "<table>\n<thead><tr>"
    for (index, header) in headers.enumerated() {
      html += "<th\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(header))</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for (rowIndex, row) in rows.enumerated() {
      html += emphasised.contains(rowIndex) ? "<tr class=\"short\">" : "<tr>"
      for (index, cell) in row.enumerated() {
        html += "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(cell))</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>"
  }

  func render() -> String {
    """
    <!DOCTYPE html>
    <html lang="\(language == .zh ? "zh-CN" : "en")">
    <head>
    <meta charset="utf-8">
    <title>\(Self.escape(title))</title>
    <style>
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
           color: #000; background: #fff; margin: 2em auto; max-width: 60em; line-height: 1.5; }
    h1 { font-size: 1.5em; text-align: center; margin-bottom: 0.2em; }
    .meta { text-align: center; color: #333; font-size: 0.9em; margin-top: 0; }
    table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.92em; }
    th, td { border: 1px solid #000; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
    th { background: #e6e6e6; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.short td { font-weight: bold; }
    .chart { width: 100%; height: auto; }
    .note { font-size: 0.9em; }
    @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
    </style>
    </head>
    <body>
    \(body.joined(separator: "\n"))
    </body>
    </html>

    """
  }
}
