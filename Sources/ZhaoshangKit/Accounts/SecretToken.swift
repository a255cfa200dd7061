/// Random secrets: API tokens, session cookies and CSRF tokens, as 64 hex digits (256 bits).
public enum SecretToken {
  public static func make() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in
      let hex = String(generator.next() as UInt64, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }

  /// What the ledger keeps of a secret: its SHA-256, so a copy of the ledger hands out nothing usable.
  public static func digest(_ secret: String) -> String { SHA256Digest.hex(of: secret) }
}
