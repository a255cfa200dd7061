import Foundation

/// The heads who went on a trip, written in one cell or option as `王某、刘某`, `王某,刘某` or `王某；刘某`: a joint
/// trip, recorded once for each of them as `zhaoshang log --name 王某 --name 刘某` records it.
public enum NameList {
  /// The separators clerks put between names, ASCII and full-width; no head's name holds one.
  static let separators: Set<Character> = ["、", ",", "，", ";", "；", "/", "／", "\n", "\r"]

  /// The names in the order written, trimmed, empty ones dropped, each named once.
  public static func split(_ text: String) -> [String] {
    // Nearly every cell holds one name: no search for a separator, no new string.
    if !text.utf8.contains(where: { $0 < 0x80 ? "\n\r,;/".utf8.contains($0) : $0 == 0xEF || $0 == 0xE3 }) {
      return text.isEmpty ? [] : [text]
    }
    var seen = Set<String>()
    return text.split(whereSeparator: { separators.contains($0) })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && seen.insert($0).inserted }
  }
}
