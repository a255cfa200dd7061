import Testing
import ZhaoshangKit
import ZhaoshangPostgres
import ZhaoshangTestSupport

/// A database of the shared throw-away server, as the tool sees it.
extension ThrowawayPostgres.Database {
  var postgresAddress: PostgresAddress {
    PostgresAddress(user: user, host: "127.0.0.1", port: port, database: name)
  }

  /// Creates the ledger's schema in it, as `zhaoshang init` does.
  @discardableResult
  func initialize() async throws -> PostgresSchemaSetup.Outcome {
    try await PostgresLedger.initialize(postgresAddress, environment: environment)
  }

  /// A fresh database of the shared server, with the ledger's schema.
  static func initialized() async throws -> ThrowawayPostgres.Database {
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    try await database.initialize()
    return database
  }

  /// Runs SQL as the superuser in this database; throws with psql's message when PostgreSQL refuses it.
  @discardableResult
  func sql(_ text: String) throws -> String {
    try #require(ThrowawayPostgres.shared).superuserSQL(text, database: name)
  }
}

/// The PostgreSQL suites run only where a throw-away server could be started; elsewhere they are skipped, with the
/// reason printed once by `ThrowawayPostgres.shared`.
let needsPostgres = Testing.ConditionTrait.enabled(
  if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here")
