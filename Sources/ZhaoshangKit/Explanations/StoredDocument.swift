import Foundation

/// An explanation's document as the ledger keeps it: its bytes, their type (decided by content) and SHA-256.
public struct StoredDocument: Sendable, Equatable {
  public let sha256: String
  public let type: DocumentType
  public let data: Data

  /// Nil when the bytes are none of the accepted types.
  public init?(data: Data) {
    guard let type = DocumentType.detect(data) else { return nil }
    self.sha256 = SHA256Digest.hex(of: data)
    self.type = type
    self.data = data
  }

  init(sha256: String, type: DocumentType, data: Data) {
    self.sha256 = sha256
    self.type = type
    self.data = data
  }
}
