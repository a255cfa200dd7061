import Testing
import ZhaoshangKit
import ZhaoshangPostgres
import ZhaoshangTestSupport

@Suite("PostgreSQL's failures as sentences")
struct PostgresConnectionFailureTests {
  /// The driver's own words, which must never reach a clerk.
  static let driverWords = ["PSQLError", "NIO", "connectionError", "ChannelError", "sqlState"]

  static func expectSentence(_ error: ZhaoshangError?, saying english: String, _ chinese: String) {
    let en = error?.text(.en) ?? ""
    let zh = error?.text(.zh) ?? ""
    #expect(en.contains(english), "\(en)")
    #expect(zh.contains(chinese), "\(zh)")
    for word in driverWords { #expect(!en.contains(word) && !zh.contains(word), "\(en)") }
  }

  @Test func aPortNobodyListensOnSaysTheServerCannotBeReached() async throws {
    // Given a loopback port nothing listens on
    let port = try #require(try? freeLoopbackPort())
    let address = PostgresAddress(user: "clerk", host: "127.0.0.1", port: port, database: "ledger")

    // When init tries to reach it
    let error = await #expect(throws: ZhaoshangError.self) {
      try await PostgresLedger.initialize(address, environment: ["PGPASSWORD": "x"])
    }

    // Then the sentence says the server cannot be reached and what to check
    Self.expectSentence(error, saying: "cannot reach the PostgreSQL server 127.0.0.1:\(port)", "无法连接")
  }

  @Test(needsPostgres) func aWrongPasswordSaysWhereThePasswordComesFrom() async throws {
    // Given a database whose role has a password, and another password in PGPASSWORD
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()

    // When init logs in with the wrong one
    let error = await #expect(throws: ZhaoshangError.self) {
      try await PostgresLedger.initialize(database.postgresAddress, environment: ["PGPASSWORD": "wrong"])
    }

    // Then the sentence says the password was refused and where it is set
    Self.expectSentence(error, saying: "refused the password of the role \(database.user)", "拒绝了角色")
    #expect(error?.text(.en).contains("PGPASSWORD") == true)
  }

  @Test(needsPostgres) func noPasswordAtAllSaysHowToGiveOne() async throws {
    // Given a database whose role has a password, and neither PGPASSWORD nor a password file
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()

    // When init logs in
    let error = await #expect(throws: ZhaoshangError.self) {
      try await PostgresLedger.initialize(database.postgresAddress, environment: ["HOME": "/nonexistent"])
    }

    // Then the sentence asks for PGPASSWORD or a .pgpass line
    Self.expectSentence(error, saying: "asks a password of the role \(database.user)", "要求角色")
  }

  @Test(needsPostgres) func aMissingDatabaseSaysHowToCreateIt() async throws {
    // Given a role whose database was never created
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    var address = database.postgresAddress
    address.database = "never_created"

    // When init connects to it
    let error = await #expect(throws: ZhaoshangError.self) {
      try await PostgresLedger.initialize(address, environment: database.environment)
    }

    // Then the sentence says there is no such database and names createdb
    Self.expectSentence(error, saying: "has no database never_created", "没有数据库")
    #expect(error?.text(.en).contains("createdb -O \(database.user) never_created") == true)
  }
}

/// A loopback port nothing listens on now.
func freeLoopbackPort() throws -> Int {
  try ThrowawayPostgres.freePort()
}
