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
    while index < bytes.count {
      guard let length = utf8SequenceLength(at: index, in: bytes) else { return false }
      index += length
    }
    return true
  }

  /// The length of the well-formed UTF-8 sequence starting at `index` (1 for ASCII), or nil when none starts
  /// there.
  static func utf8SequenceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    func continuation(_ offset: Int) -> UInt8? {
      guard index + offset < bytes.count, bytes[index + offset] & 0xC0 == 0x80 else { return nil }
      return bytes[index + offset]
    }
    let lead = bytes[index]
    if lead < 0x80 { return 1 }
    if lead < 0xC2 { return nil }
    if lead < 0xE0 { return continuation(1) == nil ? nil : 2 }
    if lead < 0xF0 {
      guard let second = continuation(1), continuation(2) != nil,
        !(lead == 0xE0 && second < 0xA0), !(lead == 0xED && second >= 0xA0)
      else { return nil }
      return 3
    }
    if lead < 0xF5 {
      guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil,
        !(lead == 0xF0 && second < 0x90), !(lead == 0xF4 && second >= 0x90)
      else { return nil }
      return 4
    }
    return nil
  }

  /// Guesses from the start of a file: a BOM or valid UTF-8 means UTF-8, otherwise GB18030 if it decodes.
  ///
  /// A UTF-8 file with a stray byte or two (a bad paste) is still UTF-8: GB18030 text forms a valid UTF-8
  /// sequence only by chance, about one character in ten, so a sample whose valid multi-byte sequences far
  /// outnumber its invalid bytes is taken as UTF-8, and the bad line is then refused by its number.
  static func detect(_ sample: [UInt8]) -> TextEncoding {
    if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
    let tally = utf8Tally(sample)
    // A sample cut mid-character must not count against UTF-8: invalid bytes among the last three are forgiven.
    if tally.firstInvalid.map({ $0 >= sample.count - 3 }) ?? true { return .utf8 }
    return tally.sequences >= 4 * tally.invalid ? .utf8 : .gb18030
  }

  /// Counts well-formed multi-byte UTF-8 sequences and the bytes that start none.
  static func utf8Tally(_ sample: [UInt8]) -> (sequences: Int, invalid: Int, firstInvalid: Int?) {
    sample.withUnsafeBufferPointer { bytes in
      var sequences = 0
      var invalid = 0
      var firstInvalid: Int?
      var index = 0
      while index < bytes.count {
        if let length = utf8SequenceLength(at: index, in: bytes) {
          if length > 1 { sequences += 1 }
          index += length
        } else {
          invalid += 1
          if firstInvalid == nil { firstInvalid = index }
          index += 1
        }
      }
      return (sequences, invalid, firstInvalid)
    }
  }
}
