import HummingbirdBcrypt
import NIOPosix

/// Bcrypt for passwords. Hashing is slow on purpose (cost 12 takes a quarter second): the server runs it on
/// NIO's thread pool so no event loop waits on it; the command line calls it directly.
public enum PasswordHashing {
  public static let cost: UInt8 = 12

  /// - Parameter cost: bcrypt's work factor; lower only in tests, where speed matters more than strength.
  public static func hash(_ password: String, cost: UInt8 = cost) -> String { Bcrypt.hash(password, cost: cost) }

  public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

  static func hash(_ password: String, on pool: NIOThreadPool) async throws -> String {
    try await pool.runIfActive { Bcrypt.hash(password, cost: cost) }
  }

  static func verify(_ password: String, hash: String, on pool: NIOThreadPool) async throws -> Bool {
    try await pool.runIfActive { Bcrypt.verify(password, hash: hash) }
  }
}
