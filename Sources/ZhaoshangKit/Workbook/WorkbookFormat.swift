import Foundation

/// What a file holds, told from its first bytes rather than its name: a clerk's `.xls` is often an `.xlsx`
/// renamed, and a `.csv` sometimes a workbook.
public enum WorkbookFormat: Sendable, Equatable {
  /// A ZIP container (`PK\x03\x04`): an .xlsx, or a .numbers or .docx, told apart once opened.
  case zip
  /// An OLE2 compound file (`D0 CF 11 E0`): an old .xls or .et, or an .xlsx under a password.
  case ole2(encrypted: Bool)
  /// Anything else: text such as CSV.
  case other

  static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
  static let emptyZipMagic: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
  static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  /// Decides from the first bytes of the file (the first megabyte is enough to find an OLE2 directory's
  /// `EncryptedPackage` stream in the files Office writes).
  public static func detect(_ head: Data) -> WorkbookFormat {
    let bytes = [UInt8](head.prefix(8))
    if bytes.starts(with: zipMagic) || bytes.starts(with: emptyZipMagic) { return .zip }
    if bytes.starts(with: ole2Magic) {
      let marker = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
      return .ole2(encrypted: head.range(of: marker) != nil)
    }
    return .other
  }

  /// Extensions that promise a workbook, so a text file named so is reported as damaged, not read as CSV.
  static func promisesWorkbook(_ path: String) -> Bool {
    ["xlsx", "xlsm", "xls", "et", "ett", "numbers"].contains(fileExtension(path))
  }

  static func fileExtension(_ path: String) -> String {
    (path as NSString).pathExtension.lowercased()
  }
}
