import Foundation
import ZIPFoundation

/// The kinds of file an explanation may come as, told by the bytes themselves: a file's name and the type a
/// browser claims are whatever the sender made them, so neither decides.
public enum DocumentType: String, Sendable, CaseIterable {
  case pdf
  case docx
  case doc
  case jpeg
  case png

  /// The largest document accepted: a scanned explanation of a few pages fits many times over.
  public static let maxBytes = 20 * 1024 * 1024

  /// The type the bytes are, or nil for anything else (an executable, a text file, a zip that is no Word file).
  public static func detect(_ data: Data) -> DocumentType? {
    let bytes = [UInt8](data.prefix(8))
    func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
    if starts(Array("%PDF-".utf8)) { return .pdf }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .doc }
    if starts([0x50, 0x4B, 0x03, 0x04]), holdsWordDocument(data) { return .docx }
    return nil
  }

  /// A zip is a Word file when it holds `word/document.xml` (an .xlsx or any other zip does not).
  private static func holdsWordDocument(_ data: Data) -> Bool {
    guard let archive = try? Archive(data: data, accessMode: .read) else { return false }
    return archive["word/document.xml"] != nil
  }

  /// The media type a download is sent with.
  public var mediaType: String {
    switch self {
    case .pdf: return "application/pdf"
    case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case .doc: return "application/msword"
    case .jpeg: return "image/jpeg"
    case .png: return "image/png"
    }
  }

  /// The type a stored media type names.
  public init?(mediaType: String) {
    guard let type = Self.allCases.first(where: { $0.mediaType == mediaType }) else { return nil }
    self = type
  }

  /// The extension a download's file name ends with.
  public var fileExtension: String {
    switch self {
    case .jpeg: return "jpg"
    default: return rawValue
    }
  }

  /// What is accepted, said to someone whose file was refused.
  public static let accepted = Localized(
    "只接受 PDF、Word（.docx 或 .doc）或图片（JPEG、PNG）文件，且不超过 20 MB；请另存为其中一种格式后重新上传",
    "only PDF, Word (.docx or .doc) or image (JPEG, PNG) files of at most 20 MB are accepted; save it as one of these and upload it again"
  )
}
