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

  /// The format a file name asks for by its extension, e.g. `.csv`, `.md`, `.json`.
  public static func forFile(_ path: String) -> ReportFormat? {
    switch path.split(separator: ".").last?.lowercased() {
    case "csv": return .csv
    case "json": return .json
    case "md", "markdown": return .markdown
    case "txt": return .table
    case "html", "htm": return .html
    case "xlsx": return .xlsx
    case "docx": return .docx
    default: return nil
    }
  }
}
