import Foundation
import Hummingbird
import MultipartKit
import ZhaoshangKit

/// A `multipart/form-data` body as the upload forms send it: the CSRF token, an optional month, and one file.
struct UploadForm: Sendable {
  var csrf: String?
  var month: String?
  var file: UploadedFile?

  /// The file a form carried: its bytes and the name it was sent under (only ever shown, never used as a path).
  struct UploadedFile: Sendable {
    let name: String
    let data: Data
  }

  /// One part of the body: its headers (lower-cased names) and bytes.
  private struct Part {
    var headers: [String: String] = [:]
    var body = ByteBuffer()

    /// The `name` the form gave the field.
    var name: String? {
      // `name=` as a parameter of its own, not the tail of `filename=`.
      let parameters = (headers["content-disposition"] ?? "").split(separator: ";").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard let parameter = parameters.first(where: { $0.hasPrefix("name=") }) else { return nil }
      return parameter.dropFirst("name=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    var text: String { String(buffer: body) }
  }

  /// The parts of a body; throws when it is not multipart.
  private static func parts(_ buffer: ByteBuffer, boundary: String) throws -> [Part] {
    let parser = MultipartParser(boundary: boundary)
    var parts: [Part] = []
    var current = Part()
    parser.onHeader = { name, value in current.headers[name.lowercased()] = value }
    parser.onBody = { chunk in current.body.writeBuffer(&chunk) }
    parser.onPartComplete = {
      parts.append(current)
      current = Part()
    }
    try parser.execute(buffer)
    return parts
  }

  /// Reads the body, refusing one over `limit` bytes with `tooLarge` (413) and anything that is not a
  /// multipart form (400), in the reader's words.
  static func read(_ request: Request, limit: Int, tooLarge: Localized) async throws -> UploadForm {
    guard let type = request.headers[.contentType], let boundary = boundary(of: type) else {
      throw WebFailure(
        .badRequest, code: "malformed",
        Localized("请通过页面上的上传表单选择文件后提交", "send the file with the upload form on the page"))
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: limit)
    } catch let error as HTTPResponseError where error.status == .contentTooLarge {
      throw WebFailure(.contentTooLarge, code: "too_large", tooLarge)
    }
    let parts: [Part]
    do {
      parts = try Self.parts(buffer, boundary: boundary)
    } catch {
      throw WebFailure.malformed
    }
    var form = UploadForm()
    for part in parts {
      switch part.name {
      case "csrf": form.csrf = part.text
      case "month": form.month = part.text.trimmingCharacters(in: .whitespaces)
      case "file" where part.body.readableBytes > 0:
        form.file = UploadedFile(
          name: fileName(part.headers["content-disposition"] ?? ""), data: Data(part.body.readableBytesView))
      default: break
      }
    }
    return form
  }

  /// The `boundary` parameter of a `multipart/form-data` content type.
  static func boundary(of contentType: String) -> String? {
    let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
    for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
      let value = part.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      return value.isEmpty ? nil : value
    }
    return nil
  }

  /// The file's name from `Content-Disposition`, reduced to a plain name fit to show: no folders, no control
  /// characters, at most 100 characters; "上传的文件" when there is none.
  static func fileName(_ disposition: String) -> String {
    var name = ""
    if let range = disposition.range(of: "filename*=UTF-8''", options: .caseInsensitive) {
      let raw = disposition[range.upperBound...].prefix { $0 != ";" }
      name = String(raw).removingPercentEncoding ?? ""
    } else if let range = disposition.range(of: "filename=\"") {
      name = String(disposition[range.upperBound...].prefix { $0 != "\"" })
    }
    name = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    name = String(name.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
    name = String(name.trimmingCharacters(in: .whitespaces).prefix(100))
    return name.isEmpty ? "上传的文件" : name
  }
}
