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
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    switch self {
    case .utf8:
      return String(validating: bytes, as: UTF8.self)
    case .gb18030:
      return String(data: Data(buffer: bytes), encoding: Self.gb18030Foundation)
    }
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
