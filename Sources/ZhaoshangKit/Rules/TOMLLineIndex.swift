import Foundation

/// Finds the line a key of a TOML file stands on, since TOMLKit keeps no positions for values.
///
/// Only the layouts rule files use are understood: top-level keys, then `[[tier]]` blocks.
struct TOMLLineIndex {
  let lines: [String]
  /// Line numbers (1-based) of every `[[tier]]` header, in order.
  let tierHeaders: [Int]
  /// The first line of each `key =`, per section: index 0 is the top level, index n + 1 the n-th tier. Built once,
  /// so placing each of thousands of problems does not rescan the file.
  private let keyLines: [[String: Int]]

  init(text: String) {
    // Split on scalars: "\r\n" is a single Character in Swift, which never equals "\n".
    lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      let line = String(String.UnicodeScalarView($0))
      return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
    var tiers: [Int] = []
    var pastTopLevel = false
    var sections: [[String: Int]] = [[:]]
    var inTier = false
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("[") {
        pastTopLevel = true
        inTier = trimmed.replacingOccurrences(of: " ", with: "").hasPrefix("[[tier]]")
        if inTier {
          tiers.append(index + 1)
          sections.append([:])
        }
        continue
      }
      // Keys of other tables ([kinds.visit]) belong to neither the top level nor a tier.
      guard !pastTopLevel || inTier, let key = Self.key(of: trimmed) else { continue }
      if sections[sections.count - 1][key] == nil { sections[sections.count - 1][key] = index + 1 }
    }
    tierHeaders = tiers
    keyLines = sections
  }

  /// The key a `key = value` line sets, without quotes; nil for any other line.
  private static func key(of trimmed: String) -> String? {
    guard let equals = trimmed.firstIndex(of: "=") else { return nil }
    let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
    if key.count >= 2, key.hasPrefix("\""), key.hasSuffix("\"") { return String(key.dropFirst().dropLast()) }
    return key.isEmpty ? nil : key
  }

  func text(ofLine line: Int) -> String? {
    lines.indices.contains(line - 1) ? lines[line - 1].trimmingCharacters(in: .whitespaces) : nil
  }

  /// The line of `key = ...` at the top level, or of the `[[tier]]` numbered `tier` (0-based).
  func line(ofKey key: String, tier: Int? = nil) -> Int? {
    let section = tier.map { $0 + 1 } ?? 0
    return keyLines.indices.contains(section) ? keyLines[section][key] : nil
  }

  /// The first line inside a tier that holds `"value"`, e.g. a unit's name in its `units` list.
  func line(ofQuoted value: String, tier: Int) -> Int? {
    lineRange(tier: tier).first { lines[$0 - 1].contains("\"\(value)\"") }
  }

  /// The header line of a tier, where a problem with the tier as a whole is reported.
  func headerLine(tier: Int) -> Int? {
    tierHeaders.indices.contains(tier) ? tierHeaders[tier] : nil
  }

  private func lineRange(tier: Int) -> ClosedRange<Int> {
    guard tierHeaders.indices.contains(tier) else { return 1...max(1, lines.count) }
    let start = tierHeaders[tier]
    let end = tier + 1 < tierHeaders.count ? tierHeaders[tier + 1] - 1 : lines.count
    return start...max(start, end)
  }

  /// The line of a table header such as `[kinds.visit]`.
  func line(ofHeader header: String) -> Int? {
    lines.indices.first {
      lines[$0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        .hasPrefix("[\(header)]")
    }.map { $0 + 1 }
  }

  /// The line of `key = ...` inside the table that starts at `header`, e.g. `counts` in `[kinds.video]`.
  func line(ofKey key: String, inTable header: String) -> Int? {
    guard let start = line(ofHeader: header) else { return nil }
    var lineNumber = start + 1
    while lineNumber <= lines.count {
      let trimmed = lines[lineNumber - 1].trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("[") { return nil }
      if Self.key(of: trimmed) == key { return lineNumber }
      lineNumber += 1
    }
    return nil
  }

  /// The first line anywhere that holds `"value"`.
  func line(ofQuoted value: String) -> Int? {
    lines.indices.first { lines[$0].contains("\"\(value)\"") }.map { $0 + 1 }
  }
}
