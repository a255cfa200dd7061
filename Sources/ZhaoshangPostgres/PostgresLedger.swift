import ZhaoshangKit

/// What the PostgreSQL ledger can do today, and the sentence for what it cannot yet.
public enum PostgresLedger {
  /// A command that only runs on a SQLite ledger so far, given a PostgreSQL address: said, not attempted.
  public static func notYetSupported(_ address: PostgresAddress) -> ZhaoshangError {
    .refused(
      Localized(
        "这条命令还不能在 PostgreSQL 台账（\(address)）上运行，目前只有 zhaoshang init 可以；请暂用 SQLite 台账文件（--db 文件名）",
        "this command does not run on a PostgreSQL ledger (\(address)) yet, only zhaoshang init does; use a SQLite ledger file for now (--db FILE)"
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
