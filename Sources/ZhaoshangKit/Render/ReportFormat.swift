/// The forms a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
  case table
  case json
  case csv
  case markdown
  case notice
  /// Plain text laid out as published: the bulletin's `table`.
  case text
  /// One self-contained printable page.
  case html
  /// An Excel workbook (binary: written to a file only).
  case xlsx
  /// A Word document (binary: written to a file only); the bulletin.
  case docx

  /// Formats that are files rather than text, so they need `--output`.
  public var isBinary: Bool { self == .xlsx || self == .docx }

  /// The formats a file name's extension stands for, the usual one first: nil for a name without an extension
  /// (any format may go there), an empty list for an extension zhaoshang cannot write (.pdf, .xls, .doc).
  public static func formats(forFile path: String) -> [ReportFormat]? {
    guard let suffix = fileExtension(of: path) else { return nil }
    switch suffix.lowercased() {
    case "txt", "text": return [.table, .text, .notice]
    case "csv": return [.csv]
    case "json": return [.json]
    // A notice or a bulletin's text is plain prose, and plain prose is Markdown.
    case "md", "markdown": return [.markdown, .notice, .text]
    case "html", "htm": return [.html]
    case "xlsx": return [.xlsx]
    case "docx": return [.docx]
    default: return []
    }
  }

  /// The extension of a path's last component, without its dot: nil for a name without one (`报表`) or a name
  /// that only starts with a dot (`.hidden`).
  public static func fileExtension(of path: String) -> String? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    return String(name[name.index(after: dot)...])
  }
}
