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

  /// The format a file name asks for by its extension, e.g. `.csv`, `.md`, `.json`.
  public static func forFile(_ path: String) -> ReportFormat? {
    switch path.split(separator: ".").last?.lowercased() {
    case "csv": return .csv
    case "json": return .json
    case "md", "markdown": return .markdown
    case "txt": return .table
    case "html", "htm": return .html
    default: return nil
    }
  }
}
