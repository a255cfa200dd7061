import Foundation
import Hummingbird
import ZhaoshangKit

/// JSON responses of /api/v1.
enum APIResponse {
  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func text(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: json)))
  }

  /// `{"problems": [{"code", "field", "message"}]}`, `field` null when the problem concerns no one field.
  static func problems(_ failure: WebFailure, _ language: Language) -> Response {
    struct Body: Encodable {
      struct Entry: Encodable {
        let code: String
        let field: String?
        let message: String

        func encode(to encoder: any Encoder) throws {
          var container = encoder.container(keyedBy: CodingKeys.self)
          try container.encode(code, forKey: .code)
          try container.encode(field, forKey: .field)
          try container.encode(message, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case code, field, message }
      }
      let problems: [Entry]
    }
    return json(
      Body(
        problems: failure.problems.map {
          Body.Entry(
            code: $0.code, field: $0.field,
            message: ($0.position.map { "\($0): " } ?? "") + $0.message.text(language))
        }), status: failure.status)
  }
}
