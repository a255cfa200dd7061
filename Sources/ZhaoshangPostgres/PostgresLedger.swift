import ZhaoshangKit

/// Setting up a PostgreSQL ledger, and the sentence for the work that is SQLite's by nature.
public enum PostgresLedger {
  /// `backup` or `restore` given a PostgreSQL address: they copy a SQLite file, and a PostgreSQL ledger is backed
  /// up and restored with PostgreSQL's own tools, as the README's PostgreSQL section shows. Said, not attempted.
  public static func backedUpWithItsOwnTools(_ address: PostgresAddress) -> ZhaoshangError {
    .refused(
      Localized(
        "zhaoshang backup 和 restore 只复制 SQLite 台账文件；PostgreSQL 台账（\(address)）请用 pg_dump 备份，用 pg_restore 恢复到新建的空数据库，再用 zhaoshang verify 核对（见 README 的「PostgreSQL」一节）",
        "zhaoshang backup and restore copy a SQLite ledger file; back up the PostgreSQL ledger (\(address)) with pg_dump, restore it with pg_restore into a new, empty database and check it with zhaoshang verify (see README's PostgreSQL section)"
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
