import Foundation

/// Writes RFC 4180 CSV: a field is quoted only when it holds a comma, a quote or a line break.
public enum CSVWriter {
  public static let byteOrderMark = "\u{FEFF}"

  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The rows as CSV text with CRLF line ends, as RFC 4180 and Excel expect.
  public static func document(header: [String], rows: [[String]]) -> String {
    ([header] + rows).map(line).joined()
  }

  /// One record, CRLF included.
  public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
