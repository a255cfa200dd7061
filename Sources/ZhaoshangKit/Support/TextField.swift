/// A piece of text a clerk types or a file holds: a unit, name, role, destination, purpose, company, reason or
/// note. One rule says when such text is empty, which characters it may hold and how long it may be.
public enum TextField: Sendable, CaseIterable {
  case unit
  case name
  case role
  case destination
  case purpose
  case company
  case reason
  case note

  /// The most characters (as a reader counts them) the field may hold; documented in the README.
  public var limit: Int {
    switch self {
    case .unit: 50
    case .name: 30
    case .role: 50
    case .destination: 100
    case .purpose: 500
    case .company: 100
    case .reason: 200
    case .note: 2000
    }
  }

  /// The field as a message names it.
  public var label: Localized {
    switch self {
    case .unit: Localized("单位", "the unit")
    case .name: Localized("姓名", "the name")
    case .role: Localized("职务", "the role")
    case .destination: Localized("目的地", "the destination")
    case .purpose: Localized("事由", "the purpose")
    case .company: Localized("企业名称", "a company's name")
    case .reason: Localized("事由", "the reason")
    case .note: Localized("备注", "the note")
    }
  }

  /// A note may run over several lines; every other field is one line of a table.
  var allowsLineBreaks: Bool { self == .note }

  /// Whether `text` holds nothing a reader can see: only spaces of any kind (U+3000, no-break space), line
  /// breaks, and invisible or format characters (U+200B, U+FEFF, bidi controls ...). Such text counts as empty.
  public static func isBlank(_ text: String) -> Bool {
    // Nearly every cell starts with printable ASCII other than space or a CJK ideograph (lead byte E4 to E9,
    // U+4000 to U+9FFF), which is visible: decided from the first byte, without decoding scalars.
    if let first = text.utf8.first, (0x21...0x7E).contains(first) || (0xE4...0xE9).contains(first) { return false }
    return isBlankByScalars(text)
  }

  /// `isBlank` by its definition, scalar by scalar.
  static func isBlankByScalars(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
      let properties = scalar.properties
      return properties.isWhitespace || properties.isDefaultIgnorableCodePoint || isControlOrFormat(scalar)
    }
  }

  /// Why `text` may not be stored in this field, or nil when it may: a character no one can see or that moves
  /// the text around (which would make two names that look alike count as two people), or too many characters.
  /// Blank text is not judged here: each place says what is missing in its own words (see `isBlank`).
  public func problem(with text: String) -> Localized? {
    if let scalar = firstForbiddenScalar(in: text) {
      let character = Self.describe(scalar)
      let fix =
        scalar.value == 0x0A || scalar.value == 0x0D
        ? Localized("写在一行内", "keep it on one line") : Localized("删去这个字符后重新键入", "delete it and type the text again")
      return Localized(
        "\(label.zh)「\(text)」中有不可见的字符 \(character.zh)，看起来相同的文字会被当成不同的内容；请\(fix.zh)（这类字符常由网页或文档复制带入）",
        "\(label.en) \"\(text)\" holds an invisible character, \(character.en), so text that looks the same would count as different; \(fix.en) (such characters come in when text is copied from web pages or documents)"
      )
    }
    // A character takes at least one byte, so text of few bytes is short enough without counting.
    guard text.utf8.count > limit else { return nil }
    let count = text.count
    guard count > limit else { return nil }
    return Localized(
      "\(label.zh)有 \(count) 个字，最多 \(limit) 个字；请写简短些",
      "\(label.en) has \(count) characters, more than the \(limit) allowed; shorten it")
  }

  /// The first scalar the field may not hold. Text of printable ASCII and CJK ideographs (UTF-8 lead bytes E4 to
  /// E9, U+4000 to U+9FFF, none of them invisible) is decided from its bytes: nearly every cell of an import.
  func firstForbiddenScalar(in text: String) -> Unicode.Scalar? {
    if Self.isPlain(text) { return nil }
    return firstForbiddenScalarByCharacters(in: text)
  }

  /// `firstForbiddenScalar` by its definition, character by character.
  func firstForbiddenScalarByCharacters(in text: String) -> Unicode.Scalar? {
    for character in text {
      for (index, scalar) in character.unicodeScalars.enumerated() where isForbidden(scalar) {
        // A zero width joiner inside an emoji (👨‍👩‍👧) is part of the picture, not hidden text.
        if scalar.value == 0x200D, Self.isEmojiSequence(character), index < character.unicodeScalars.count - 1 {
          continue
        }
        return scalar
      }
    }
    return nil
  }

  /// Whether every byte is printable ASCII, a continuation byte or a lead byte E4 to E9: read from the
  /// contiguous bytes in one loop, which costs a fraction of `allSatisfy` over the UTF-8 view.
  static func isPlain(_ text: String) -> Bool {
    func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      for byte in bytes
      where !((0x20...0x7E).contains(byte) || (0x80...0xBF).contains(byte) || (0xE4...0xE9).contains(byte)) {
        return false
      }
      return true
    }
    if let known = text.utf8.withContiguousStorageIfAvailable(plain) { return known }
    var copy = text
    return copy.withUTF8(plain)
  }

  private func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    if allowsLineBreaks, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
    if Self.isControlOrFormat(scalar) { return true }
    // Hangul fillers and the like are invisible letters; variation selectors (U+FE0F) are marks and belong.
    let properties = scalar.properties
    return properties.isDefaultIgnorableCodePoint && properties.generalCategory != .nonspacingMark
  }

  /// Control characters (line feed, BEL, NUL ...), format characters (U+200B, U+FEFF, bidi controls ...) and
  /// the line and paragraph separators.
  static func isControlOrFormat(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
  }

  private static func isEmojiSequence(_ character: Character) -> Bool {
    guard let first = character.unicodeScalars.first else { return false }
    return first.value > 0x7F && first.properties.isEmoji
  }

  /// `U+200D（零宽连接符）`, `U+200D (zero width joiner)`.
  static func describe(_ scalar: Unicode.Scalar) -> Localized {
    let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    let chinese =
      chineseNames[scalar.value]
      ?? (scalar.properties.generalCategory == .control ? "控制字符" : "格式字符")
    // Control characters have no Unicode name, only aliases the standard library does not give for all of them.
    let english =
      controlNames[scalar.value] ?? scalar.properties.name?.lowercased()
      ?? (scalar.properties.generalCategory == .control ? "a control character" : "a format character")
    return Localized("\(code)（\(chinese)）", "\(code) (\(english))")
  }

  private static let controlNames: [UInt32: String] = [
    0x00: "null", 0x07: "alert", 0x08: "backspace", 0x09: "tab", 0x0A: "line feed", 0x0B: "vertical tab",
    0x0C: "form feed", 0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete",
  ]

  private static let chineseNames: [UInt32: String] = [
    0x00: "空字符", 0x07: "响铃符", 0x08: "退格符", 0x09: "制表符", 0x0A: "换行符", 0x0B: "垂直制表符",
    0x0C: "换页符", 0x0D: "回车符", 0x1B: "转义符", 0x7F: "删除符", 0xAD: "软连字符", 0x061C: "阿拉伯字母标记",
    0x180E: "蒙古文元音分隔符", 0x200B: "零宽空格", 0x200C: "零宽非连接符", 0x200D: "零宽连接符",
    0x200E: "从左至右标记", 0x200F: "从右至左标记", 0x2028: "行分隔符", 0x2029: "段分隔符",
    0x202A: "从左至右嵌入符", 0x202B: "从右至左嵌入符", 0x202C: "方向格式结束符", 0x202D: "从左至右覆盖符",
    0x202E: "从右至左覆盖符", 0x2060: "字连接符", 0x2066: "从左至右隔离符", 0x2067: "从右至左隔离符",
    0x2068: "第一强方向隔离符", 0x2069: "方向隔离结束符", 0x3164: "韩文填充符", 0xFEFF: "字节顺序标记（零宽不换行空格）",
  ]
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
