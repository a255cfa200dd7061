import Crypto
import Foundation

/// Hex SHA-256 digests, the fingerprint under which rule files and documents are recorded.
public enum SHA256Digest {
  public static func hex(of data: Data) -> String {
    SHA256.hash(data: data).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  public static func hex(of text: String) -> String {
    hex(of: Data(text.utf8))
  }
}
