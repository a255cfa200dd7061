import Foundation
import GRDB
import Testing
import ZhaoshangKit
import ZhaoshangPostgres
import ZhaoshangTestSupport

@Suite("The ledger's schema on PostgreSQL", needsPostgres)
struct PostgresSchemaTests {
  /// Tables, their columns, the indexes and the triggers a schema has, by name.
  struct Shape: Equatable {
    var columns: [String: Set<String>] = [:]
    var indexes: Set<String> = []
    var triggers: Set<String> = []
    var migrations: [String] = []
  }

  static func sqliteShape() throws -> Shape {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("ledger.sqlite").path
    _ = try Ledger.open(at: path, create: true)
    return try DatabaseQueue(path: path).read { db in
      var shape = Shape()
      let tables = try String.fetchAll(
        db,
        sql:
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
      )
      for table in tables {
        shape.columns[table] = Set(
          try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String })
      }
      // Indexes written out, not those SQLite makes itself for UNIQUE and PRIMARY KEY (PostgreSQL's *_key, *_pkey).
      shape.indexes = Set(
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
      shape.triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
      shape.migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
      return shape
    }
  }

  static func postgresShape(_ database: ThrowawayPostgres.Database) throws -> Shape {
    func lines(_ sql: String) throws -> [String] {
      try database.sql(sql).split(separator: "\n").map(String.init)
    }
    var shape = Shape()
    for line in try lines(
      "SELECT table_name || '|' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '\(PostgresSchema.migrationTable)'"
    ) {
      let parts = line.split(separator: "|").map(String.init)
      shape.columns[parts[0], default: []].insert(parts[1])
    }
    shape.indexes = Set(
      try lines(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"
      ))
    // TRUNCATE has no SQLite counterpart: its triggers are PostgreSQL's own addition.
    shape.triggers = Set(
      try lines("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname NOT LIKE '%\\_never\\_truncated'"))
    shape.migrations = try lines("SELECT name FROM \(PostgresSchema.migrationTable) ORDER BY applied_order")
    return shape
  }

  @Test func initCreatesEveryTableColumnIndexTriggerAndMigrationOfTheSQLiteSchema() async throws {
    // Given an empty PostgreSQL database, and a new SQLite ledger
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let sqlite = try Self.sqliteShape()

    // When init runs on the PostgreSQL database
    let outcome = try await database.initialize()

    // Then it says it created the schema, and the tables, columns, indexes, triggers and migrations match SQLite's
    #expect(outcome == .created)
    let postgres = try Self.postgresShape(database)
    #expect(postgres.columns == sqlite.columns)
    #expect(postgres.indexes == sqlite.indexes)
    #expect(postgres.triggers == sqlite.triggers)
    #expect(postgres.migrations == sqlite.migrations)
    #expect(postgres.migrations.count == 10)
  }

  @Test func datesAreDateColumnsAndJSONIsJSONB() async throws {
    // Given an initialised database
    let database = try await ThrowawayPostgres.Database.initialized()

    // When the types of the date and JSON columns are read
    let types = try database.sql(
      """
      SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_name LIKE '%date' OR column_name LIKE '%json' OR column_name IN ('companies', 'payload'))
      ORDER BY 1
      """)

    // Then dates are `date`, JSON SQLite checks is `jsonb`, and the hashed audit payload keeps its text as `json`
    #expect(types.contains("trip.start_date date"))
    #expect(types.contains("leave.to_date date"))
    #expect(types.contains("explanation.received_date date"))
    #expect(types.contains("trip.companies jsonb"))
    #expect(types.contains("closed_month.check_json jsonb"))
    #expect(types.contains("event.payload json"))
    #expect(!types.contains("_date text"))
  }

  @Test func initTwiceChangesNothing() async throws {
    // Given an initialised database holding a head
    let database = try await ThrowawayPostgres.Database.initialized()
    try database.sql("INSERT INTO head (unit, name) VALUES ('城关镇', '张三')")

    // When init runs again
    let again = try await database.initialize()

    // Then it says the schema is there, and nothing was applied twice or lost
    #expect(again == .alreadyPresent)
    #expect(try database.sql("SELECT count(*) FROM \(PostgresSchema.migrationTable)") == "10\n")
    #expect(try database.sql("SELECT name FROM head") == "张三\n")
  }

  @Test func initOnADatabaseWithTablesOfItsOwnIsRefused() async throws {
    // Given a database that already holds another application's table
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    try database.sql("CREATE TABLE invoices (id integer PRIMARY KEY)")

    // When init runs on it
    let error = await #expect(throws: ZhaoshangError.self) { try await database.initialize() }

    // Then it is refused with a sentence naming the table and what to do, and nothing was created
    #expect(error?.text(.en).contains("public.invoices") == true)
    #expect(error?.text(.en).contains("createdb") == true)
    #expect(error?.text(.zh).contains("空数据库") == true)
    #expect(try database.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "1\n")
  }

  @Test func twoInitsAtOnceBothSucceedWithOneSchema() async throws {
    // Given an empty database
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()

    // When two inits run at the same moment
    async let first = database.initialize()
    async let second = database.initialize()
    let outcomes = try await [first, second]

    // Then one created the schema, the other found it, and every migration ran once
    #expect(outcomes.contains(.created))
    #expect(outcomes.contains(.alreadyPresent))
    #expect(try database.sql("SELECT count(*) FROM \(PostgresSchema.migrationTable)") == "10\n")
  }
}
