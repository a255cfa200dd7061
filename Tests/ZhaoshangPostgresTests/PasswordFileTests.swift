import Foundation
import Testing
import ZhaoshangPostgres

@Suite("Passwords from PGPASSWORD and ~/.pgpass")
struct PasswordFileTests {
  let address = PostgresAddress(user: "clerk", host: "db.example", port: 5432, database: "ledger")

  @Test func theFirstMatchingLineWinsAndStarsMatchAnything() {
    // Given a password file with a line for another database, then a wildcard line, then an exact one
    let file = PasswordFile(
      parsing: """
        # the office's databases
        db.example:5432:other:clerk:not-this
        *:*:ledger:clerk:from-wildcard
        db.example:5432:ledger:clerk:too-late
        """)

    // When the password for the ledger is looked up
    // Then the first line that matches, the wildcard one, gives it
    #expect(file.password(for: address) == "from-wildcard")
  }

  @Test func escapedColonsAndBackslashesAreReadAsThemselves() {
    // Given a line whose host and password hold escaped colons and a backslash, and a password with a bare colon
    let ipv6 = PostgresAddress(user: "clerk", host: "::1", port: 5432, database: "ledger")
    let file = PasswordFile(
      parsing: """
        \\:\\:1:5432:ledger:clerk:pa\\:ss\\\\word
        db.example:5432:ledger:clerk:rest:of:line
        """)

    // When each address is looked up
    // Then the escapes are undone, and an unescaped colon after the fourth field belongs to the password
    #expect(file.password(for: ipv6) == "pa:ss\\word")
    #expect(file.password(for: address) == "rest:of:line")
  }

  @Test func noLineMatchingGivesNoPassword() {
    // Given a file for another role and port
    let file = PasswordFile(parsing: "db.example:5432:ledger:admin:x\ndb.example:6543:ledger:clerk:y\n")

    // When the clerk's password is looked up
    // Then there is none
    #expect(file.password(for: address) == nil)
  }

  @Test func aFileOthersMayReadIsIgnoredAsLibpqIgnoresIt() throws {
    // Given the same password file with mode 0600 and with mode 0644
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent(".pgpass").path
    try Data("*:*:*:clerk:from-file\n".utf8).write(to: URL(fileURLWithPath: path))

    // When the password is looked up through $HOME and through $PGPASSFILE
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let private600 = PostgresPassword.find(for: address, environment: ["HOME": folder.path])
    let named = PostgresPassword.find(for: address, environment: ["PGPASSFILE": path])
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    let open644 = PostgresPassword.find(for: address, environment: ["HOME": folder.path])

    // Then the private file gives the password and the readable one is ignored
    #expect(private600 == "from-file")
    #expect(named == "from-file")
    #expect(open644 == nil)
  }

  @Test func pgpasswordComesBeforeThePasswordFile() throws {
    // Given a password file and PGPASSWORD both set
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent(".pgpass").path
    try Data("*:*:*:*:from-file\n".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

    // When the password is looked up
    let password = PostgresPassword.find(for: address, environment: ["HOME": folder.path, "PGPASSWORD": "from-env"])

    // Then PGPASSWORD's is used, as libpq does
    #expect(password == "from-env")
  }
}
