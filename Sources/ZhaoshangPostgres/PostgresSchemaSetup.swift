import PostgresNIO
import ZhaoshangKit

/// Brings a PostgreSQL database to the ledger's schema: creates it in an empty database, adds the migrations a
/// ledger made by an earlier version lacks, and refuses a database that holds tables of something else.
///
/// Everything happens under one advisory lock, so two processes setting up the same database at once take turns:
/// the second finds the first one's work done. Each migration is one transaction, recorded by name with it.
public enum PostgresSchemaSetup {
  /// What `initialize` found and did.
  public enum Outcome: Sendable, Equatable {
    /// The database was empty; every migration was applied.
    case created
    /// The database already had the whole schema; nothing changed.
    case alreadyPresent
    /// The database had the schema of an earlier version; these migrations were added.
    case upgraded([String])
  }

  /// The advisory lock's key: any fixed number other software on the same database is unlikely to pick
  /// (the first eight bytes of "zhaoshan" as a big-endian integer).
  public static let lockKey: Int64 = 0x7A68_616F_7368_616E

  public static func initialize(_ session: PostgresSession) async throws(ZhaoshangError) -> Outcome {
    try await session.execute("SELECT pg_advisory_lock(\(lockKey))")
    do {
      let outcome = try await migrate(session)
      try await session.execute("SELECT pg_advisory_unlock(\(lockKey))")
      return outcome
    } catch {
      // The lock is the session's: closing the connection would free it too, but a caller may go on using it.
      try? await session.execute("SELECT pg_advisory_unlock(\(lockKey))")
      throw error
    }
  }

  /// The migrations already applied, by name; nil when the database has no ledger schema at all.
  public static func appliedMigrations(_ session: PostgresSession) async throws(ZhaoshangError) -> [String]? {
    let table = PostgresSchema.migrationTable
    let exists = try await session.texts("SELECT coalesce(to_regclass(\(table))::text, '')")
    guard exists.first.map({ !$0.isEmpty }) == true else { return nil }
    return try await session.texts(PostgresQuery(unsafeSQL: "SELECT name FROM \(table) ORDER BY applied_order"))
  }

  private static func migrate(_ session: PostgresSession) async throws(ZhaoshangError) -> Outcome {
    let address = session.address
    let table = PostgresSchema.migrationTable
    var applied: [String]
    if let found = try await appliedMigrations(session) {
      applied = found
    } else {
      let others = try await session.texts(
        """
        SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 1 LIMIT 3
        """)
      guard others.isEmpty else {
        let names = others.joined(separator: ", ")
        throw ZhaoshangError.refused(
          Localized(
            "数据库 \(address.database) 中已有不属于 zhaoshang 台账的表（\(names) 等），未作改动；请为台账另建一个空数据库（createdb -O \(address.user) zhaoshang），再对它运行 zhaoshang init",
            "the database \(address.database) already holds tables that are not a zhaoshang ledger's (\(names)) and was left as it is; create an empty database for the ledger (createdb -O \(address.user) zhaoshang) and run zhaoshang init on it"
          ))
      }
      try await session.execute(
        """
        CREATE TABLE \(table) (
          name text PRIMARY KEY,
          applied_order integer NOT NULL UNIQUE,
          applied_at timestamptz NOT NULL DEFAULT now())
        """)
      applied = []
    }
    let known = PostgresSchema.migrations.map(\.name)
    if let unknown = applied.first(where: { !known.contains($0) }) {
      throw ZhaoshangError.refused(
        Localized(
          "PostgreSQL 台账 \(address) 的结构来自更新版本的 zhaoshang（含迁移“\(unknown)”），未作改动；请升级 zhaoshang 后再试",
          "the PostgreSQL ledger \(address) has a schema from a newer zhaoshang (with the migration “\(unknown)”) and was left as it is; upgrade zhaoshang and try again"
        ))
    }
    let pending = PostgresSchema.migrations.enumerated().filter { !applied.contains($0.element.name) }
    for (order, migration) in pending {
      try await session.execute("BEGIN")
      do {
        for statement in migration.statements { try await session.execute(statement) }
        // A ledger made before the kept tallies has trips they must account for: tallied in the same step, so
        // the table is never there without them.
        if migration.name == PostgresSchema.tallyMigrationName, !applied.isEmpty {
          try await PostgresStore.rebuildTallies(
            link: PostgresLink(connection: session.connection, address: address, logger: session.logger))
        }
        try await session.execute(
          "INSERT INTO \(table) (name, applied_order) VALUES ('\(migration.name.replacingOccurrences(of: "'", with: "''"))', \(order + 1))"
        )
        try await session.execute("COMMIT")
      } catch {
        try? await session.execute("ROLLBACK")
        throw error
      }
    }
    if pending.isEmpty { return .alreadyPresent }
    return applied.isEmpty ? .created : .upgraded(pending.map(\.element.name))
  }
}
