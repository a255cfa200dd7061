/// How many terminal columns text takes: CJK and full-width characters take two.
public enum DisplayWidth {
  public static func of(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
  }

  static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 || (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) || value == 0xFE0F {
      return 0
    }
    // No scalar below U+231A (⌚) has Emoji_Presentation, and the property lookup costs more than the rest.
    if value < 0x231A { return value >= 0x1100 && value <= 0x115F ? 2 : 1 }
    if (0x4E00...0x9FFF).contains(value) { return 2 }
    if scalar.properties.isEmojiPresentation { return 2 }
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
      0x30000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  /// Pads with spaces to `width` columns, on the right (or on the left for numbers).
  public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - of(text)))
    return alignRight ? padding + text : text + padding
  }
}
