import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string, repeated names kept in order
/// (`heads[]` once per checked box). Hummingbird's decoder refuses repeated keys, and its errors would be 500s.
struct FormFields: Sendable {
  private(set) var pairs: [(name: String, value: String)] = []

  /// Nil when the text is not valid form encoding (a bad `%` escape, invalid UTF-8).
  init?(_ text: String) {
    for part in text.split(separator: "&", omittingEmptySubsequences: true) {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(pieces[0]) else { return nil }
      let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
      guard let value else { return nil }
      pairs.append((name, value))
    }
  }

  subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

  func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

  /// The field, trimmed; "" when absent.
  func text(_ name: String) -> String { (self[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

  private static func decode(_ raw: Substring) -> String? {
    String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }
}
