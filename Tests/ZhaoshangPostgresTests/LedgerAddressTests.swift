import Testing
import ZhaoshangKit
import ZhaoshangPostgres

@Suite("Choosing the ledger: SQLite file or PostgreSQL address")
struct LedgerAddressTests {
  @Test(arguments: ["postgres://clerk@db.example:6543/ledger", "postgresql://clerk@db.example:6543/ledger"])
  func aPostgresAddressNamesUserHostPortAndDatabase(_ text: String) throws {
    // Given an address in either of libpq's schemes
    // When it is read
    let address = try LedgerAddress(parsing: text)

    // Then it is a PostgreSQL ledger with each part in place, TLS when the server offers it
    #expect(
      address
        == .postgres(PostgresAddress(user: "clerk", host: "db.example", port: 6543, database: "ledger", tls: .prefer)))
  }

  @Test func thePortDefaultsToPostgresOwnAndSSLModeIsRead() throws {
    // Given an address without a port, asking for TLS
    // When it is read
    let address = try PostgresAddress(parsing: "postgres://clerk@db.example/ledger?sslmode=require")

    // Then the port is 5432 and TLS is required
    #expect(address.port == 5432)
    #expect(address.tls == .require)
    #expect(address.description == "postgres://clerk@db.example:5432/ledger?sslmode=require")
  }

  @Test(arguments: ["ledger.sqlite", "/srv/zhaoshang/2022.sqlite", "postgres.sqlite", "台账.sqlite"])
  func anythingElseIsASQLiteFile(_ text: String) throws {
    // Given a path that is not a postgres:// address
    // When it is read
    // Then it is a SQLite file, as before
    #expect(try LedgerAddress(parsing: text) == .sqlite(path: text))
  }

  @Test func theEnvironmentChoosesWhenNoOptionIsGivenAndTheOptionWins() throws {
    // Given $ZHAOSHANG_DB naming a PostgreSQL ledger
    let environment = ["ZHAOSHANG_DB": "postgres://clerk@127.0.0.1:5432/ledger"]

    // When no --db is given, or one is
    let fromEnvironment = try LedgerAddress.choose(option: nil, environment: environment)
    let fromOption = try LedgerAddress.choose(option: "mine.sqlite", environment: environment)
    let fromNothing = try LedgerAddress.choose(option: nil, environment: ["ZHAOSHANG_DB": ""])

    // Then the environment's address is used without --db, the option's with it, and the default file without both
    #expect(fromEnvironment == .postgres(PostgresAddress(user: "clerk", host: "127.0.0.1", database: "ledger")))
    #expect(fromOption == .sqlite(path: "mine.sqlite"))
    #expect(fromNothing == .sqlite(path: "zhaoshang.sqlite"))
  }

  @Test func aPasswordInTheAddressIsRefusedWithWhereToPutIt() throws {
    // Given an address carrying a password
    // When it is read
    let error = #expect(throws: ZhaoshangError.self) {
      try LedgerAddress(parsing: "postgres://clerk:secret@db.example:5432/ledger")
    }

    // Then it is refused, the sentence says where the password goes, and it does not repeat the password
    let english = error?.text(.en) ?? ""
    #expect(english.contains("PGPASSWORD"))
    #expect(english.contains("~/.pgpass"))
    #expect(!english.contains("secret"))
    #expect(error?.text(.zh).contains("密码") == true)
  }

  @Test(arguments: [
    "postgres://db.example:5432/ledger", "postgres://clerk@db.example:5432/", "postgres://clerk@db.example/ledger?x=1",
  ])
  func anIncompleteAddressIsRefusedWithAnExample(_ text: String) throws {
    // Given an address missing its user or database, or with an unknown parameter
    // When it is read
    let error = #expect(throws: ZhaoshangError.self) { try LedgerAddress(parsing: text) }

    // Then the sentence names the form to write, in both languages
    #expect(error?.text(.en).contains("postgres://") == true)
    #expect(error?.text(.zh).contains("postgres://") == true)
  }

  @Test func percentEscapesInTheUserAndDatabaseAreDecoded() throws {
    // Given a role and a database whose names hold characters a URL escapes
    // When the address is read
    let address = try PostgresAddress(parsing: "postgres://office%40north@db.example:5432/%E6%8B%9B%E5%95%86")

    // Then they are the names as PostgreSQL knows them
    #expect(address.user == "office@north")
    #expect(address.database == "招商")
  }
}
