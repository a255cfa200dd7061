import ZhaoshangKit

/// What the PostgreSQL ledger can do today, and the sentence for what it cannot yet.
public enum PostgresLedger {
  /// A command whose work is not behind the store's protocols yet, given a PostgreSQL address: said, not attempted.
  public static func notYetSupported(_ address: PostgresAddress) -> ZhaoshangError {
    .refused(
      Localized(
        "这条命令还不能在 PostgreSQL 台账（\(address)）上运行（README 的「PostgreSQL」一节列出了可以的命令）；请暂用 SQLite 台账文件（--db 文件名）",
        "this command does not run on a PostgreSQL ledger (\(address)) yet (README's PostgreSQL section lists those that do); use a SQLite ledger file for now (--db FILE)"
      ))
  }

  /// Creates or completes the schema at `address`; the connection is closed before returning.
  public static func initialize(_ address: PostgresAddress, environment: [String: String]) async throws(ZhaoshangError)
    -> PostgresSchemaSetup.Outcome
  {
    let session = try await PostgresSession.connect(to: address, environment: environment)
    do {
      let outcome = try await PostgresSchemaSetup.initialize(session)
      await session.close()
      return outcome
    } catch {
      await session.close()
      throw error
    }
  }
}
