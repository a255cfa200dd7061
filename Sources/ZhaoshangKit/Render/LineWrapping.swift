/// Breaks a line of mixed Chinese and English into lines no wider than a number of terminal columns.
///
/// Chinese has no spaces between words, so a line may break between two Chinese characters, except before
/// punctuation that closes (，。）」) or after punctuation that opens (（「). English breaks only at spaces, and
/// never inside something quoted ("2022/7/6 上午", `zhaoshang trips`) or bracketed ([--month <month>]): a value
/// broken across two lines no longer copies and pastes. Widths are display widths: a Chinese character takes two.
public enum LineWrapping {
  /// `line` as lines of at most `width` columns: the first keeps the line's own indent, the others start with
  /// `hangingIndent` spaces. Something wider than the room left (a long path) stands alone on its line.
  public static func wrap(_ line: String, width: Int, hangingIndent: Int) -> [String] {
    let indent = line.prefix(while: { $0 == " " }).count
    var lines: [String] = []
    var current = String(repeating: " ", count: indent)
    var currentWidth = indent
    var hasText = false
    for piece in pieces(of: String(line.dropFirst(indent))) {
      let pieceWidth = DisplayWidth.of(piece.text)
      if hasText && currentWidth + piece.spaces + pieceWidth > width {
        lines.append(current)
        current = String(repeating: " ", count: hangingIndent)
        currentWidth = hangingIndent
        hasText = false
      }
      if hasText {
        current += String(repeating: " ", count: piece.spaces)
        currentWidth += piece.spaces
      }
      current += piece.text
      currentWidth += pieceWidth
      hasText = true
    }
    lines.append(current)
    return lines
  }

  /// The unbreakable pieces of a line, each with the number of spaces before it (dropped where the line breaks).
  static func pieces(of text: String) -> [(text: String, spaces: Int)] {
    var pieces: [(text: String, spaces: Int)] = []
    var current = ""
    var spacesBefore = 0
    var pendingSpaces = 0
    var quote: Character?
    var bracketDepth = 0
    var previous: Character?
    for character in text {
      defer { previous = character }
      if let open = quote {
        current.append(character)
        if character == open { quote = nil }
        continue
      }
      if character == " " && bracketDepth == 0 {
        if !current.isEmpty {
          pieces.append((current, spacesBefore))
          current = ""
        }
        pendingSpaces += 1
        continue
      }
      if current.isEmpty {
        spacesBefore = pendingSpaces
        pendingSpaces = 0
      } else if let previous, bracketDepth == 0, breaksBetween(previous, character) {
        pieces.append((current, spacesBefore))
        current = ""
        spacesBefore = 0
      }
      current.append(character)
      switch character {
      case "\"", "`": quote = character
      case "[": bracketDepth += 1
      case "]": bracketDepth = max(0, bracketDepth - 1)
      default: break
      }
    }
    if !current.isEmpty { pieces.append((current, spacesBefore)) }
    return pieces
  }

  /// Whether a line may break between two characters written without a space: between two wide (Chinese)
  /// characters, after Chinese punctuation that ends a phrase (、，）) and before punctuation that opens one (（),
  /// but never where punctuation would be left at the start or the end of a line. `2022-07、2022/7` breaks after
  /// the `、`; `2022-07` itself never breaks.
  static func breaksBetween(_ left: Character, _ right: Character) -> Bool {
    if opening.contains(left) || closing.contains(right) { return false }
    return (isWide(left) && isWide(right)) || closing.contains(left) || opening.contains(right)
  }

  static func isWide(_ character: Character) -> Bool {
    DisplayWidth.of(String(character)) == 2
  }

  static let opening: Set<Character> = ["（", "「", "『", "《", "〈", "【", "“", "‘", "〔"]
  static let closing: Set<Character> = [
    "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "】", "”", "’", "〕", "…",
  ]
}
