import Foundation

/// The companies a trip visited, written in one cell or option as `甲公司;乙公司`, `甲公司、乙公司` or `甲公司，乙公司`.
public enum CompanyList {
  /// Splits on `;`, `；`, `、`, `,`, `，` or a line break, trimming and dropping empty names. A comma before
  /// `Ltd`, `Inc`, `LLC` or `Co` is part of an English company's name (`Acme Co., Ltd.`), not a separator.
  public static func split(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    // Nearly every cell holds names in Chinese separated by the ASCII `;`: split on the bytes.
    var contiguous = text
    let joinedBySemicolons = contiguous.withUTF8 { bytes in
      !bytes.contains(where: { $0 == 0x0A || $0 == UInt8(ascii: ",") || $0 == 0xEF || $0 == 0xE3 })
    }
    if joinedBySemicolons { return splitJoined(text) }
    var names: [String] = []
    var current = ""
    var rest = Substring(text)
    while let character = rest.first {
      rest = rest.dropFirst()
      let separates =
        ";；、，\n\r".contains(character) || (character == "," && !continuesEnglishName(rest))
      if separates {
        names.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    names.append(current)
    return names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// Whether the text after a comma continues an English company's name: `, Ltd.`, `, Inc.`.
  private static func continuesEnglishName(_ rest: Substring) -> Bool {
    let word = rest.drop(while: { $0 == " " }).prefix(while: \.isLetter).lowercased()
    return ["ltd", "inc", "llc", "co"].contains(word)
  }

  public static func join(_ companies: [String]) -> String {
    companies.joined(separator: ";")
  }

  /// What `join` wrote, split back on its `;` alone: an export re-imports with every other mark kept as text.
  ///
  /// Read from the bytes, a name at a time: an import splits a million cells.
  public static func splitJoined(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return [] }
      var names: [String] = []
      var start = 0
      while start < bytes.count {
        let end =
          memchr(base + start, Int32(UInt8(ascii: ";")), bytes.count - start).map {
            UnsafeRawPointer(base).distance(to: $0)
          } ?? bytes.count
        if end > start {
          let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
          let name = CSVRow.trimmed(String(decoding: piece, as: UTF8.self), spacesOnly: true)
          if !name.isEmpty { names.append(name) }
        }
        start = end + 1
      }
      return names
    }
  }
}
