/// Full-width forms as a Chinese input method types them (`１．５`, `２０２２／７／４`), read as the ASCII they stand for.
public enum FullWidth {
  /// The text with U+FF01…U+FF5E narrowed to ASCII and the ideographic space to a space; text without them
  /// is returned as it is, so the common case costs one pass over the bytes.
  public static func narrowed(_ text: String) -> String {
    // Every full-width form and the ideographic space is a three-byte sequence starting EF or E3.
    guard text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
      case 0x3000: scalars.append(" ")
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}
