import Foundation

/// A column an importer reads, with the header names (English and Chinese) it answers to.
public struct CSVColumn: Sendable, Hashable {
  public let key: String
  public let chinese: String
  public let aliases: [String]
  public let required: Bool

  public init(_ key: String, _ chinese: String, aliases: [String] = [], required: Bool = false) {
    self.key = key
    self.chinese = chinese
    self.aliases = aliases
    self.required = required
  }

  func matches(_ header: String) -> Bool {
    let normalized = header.trimmingCharacters(in: .whitespaces).lowercased()
    return normalized == key || normalized == chinese || aliases.contains(normalized)
  }
}
