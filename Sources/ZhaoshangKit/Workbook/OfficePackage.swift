import Foundation
import ZIPFoundation

/// Writes the parts of an Office Open XML file (.xlsx, .docx) into a ZIP held in memory, with ZIPFoundation.
struct OfficePackage {
  private var parts: [(path: String, text: String)] = []

  mutating func add(_ path: String, _ text: String) {
    parts.append((path, text))
  }

  func data() throws(ZhaoshangError) -> Data {
    do {
      let archive = try Archive(data: Data(), accessMode: .create)
      for part in parts {
        let bytes = Data(part.text.utf8)
        try archive.addEntry(
          with: part.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
        ) { position, size in
          bytes.subdata(in: Int(position)..<Int(position) + size)
        }
      }
      guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
      return data
    } catch {
      throw .storage(Localized("生成文件失败；请重试", "building the file failed; try again"))
    }
  }

  /// Text made safe for XML: the five special characters escaped, control characters XML cannot hold dropped.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
