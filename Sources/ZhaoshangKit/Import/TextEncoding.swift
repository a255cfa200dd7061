import Foundation

/// The encodings office PCs save CSV files in.
public enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8, with or without Excel's byte-order mark.
  case utf8
  /// GB18030, which covers GBK and GB2312: what Excel writes on a Chinese Windows PC.
  case gb18030

  static let gb18030Foundation = String.Encoding(rawValue: 0x8000_0632)

  /// Decodes one field's bytes; nil when they are not valid in this encoding.
  func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    switch self {
    case .utf8:
      // Checked here, then decoded: `String(validating:as:)` goes through generic code that cost more
      // than the rest of reading a cell.
      return Self.isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    case .gb18030 where bytes.allSatisfy({ $0 < 0x80 }):
      return String(decoding: bytes, as: UTF8.self)
    case .gb18030:
      return String(data: Data(buffer: bytes), encoding: Self.gb18030Foundation)
    }
  }

  /// Well-formed UTF-8 as Unicode defines it: no overlong forms, no surrogates, nothing above U+10FFFF.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    func continuation(_ offset: Int) -> UInt8? {
      guard index + offset < count, bytes[index + offset] & 0xC0 == 0x80 else { return nil }
      return bytes[index + offset]
    }
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
      } else if lead < 0xC2 {
        return false
      } else if lead < 0xE0 {
        guard continuation(1) != nil else { return false }
        index += 2
      } else if lead < 0xF0 {
        guard let second = continuation(1), continuation(2) != nil,
          !(lead == 0xE0 && second < 0xA0), !(lead == 0xED && second >= 0xA0)
        else { return false }
        index += 3
      } else if lead < 0xF5 {
        guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil,
          !(lead == 0xF0 && second < 0x90), !(lead == 0xF4 && second >= 0x90)
        else { return false }
        index += 4
      } else {
        return false
      }
    }
    return true
  }

  /// Guesses from the start of a file: a BOM or valid UTF-8 means UTF-8, otherwise GB18030 if it decodes.
  static func detect(_ sample: [UInt8]) -> TextEncoding {
    if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
    // A sample cut mid-character must not count against UTF-8: drop up to three trailing bytes.
    for cut in 0...min(3, sample.count) {
      if String(validating: sample.dropLast(cut), as: UTF8.self) != nil { return .utf8 }
    }
    return .gb18030
  }
}
