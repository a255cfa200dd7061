import Foundation
import Testing

@testable import ZhaoshangKit

/// Logins of the web application: made, disabled and given tokens by the office, every change audited.
@Suite("Accounts")
struct AccountTests {
  /// Not a real bcrypt hash: the ledger stores what it is given and never reads it.
  static let hash = "$2b$04$abcdefghijklmnopqrstuu5Q3Eo4bJlKZtJY9iS3V2E8iT4a0m9Vy"
  static let office = Stamp(by: "督考员", at: "2022-08-01T09:00:00+08:00")

  @Test func aUnitAccountNeedsAUnitTheRulesDeclareAndOthersNone() throws {
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    #expect(
      errorKind {
        try ledger.addAccount(
          login: "zhuba", role: .unit, unit: nil, passwordHash: Self.hash, rules: rules, stamp: Self.office)
      } == "invalid")
    #expect(
      errorKind {
        try ledger.addAccount(
          login: "zhuba", role: .unit, unit: "不存在", passwordHash: Self.hash, rules: rules, stamp: Self.office)
      } == "invalid")
    #expect(
      errorKind {
        try ledger.addAccount(
          login: "boss", role: .viewer, unit: "朱坝街道", passwordHash: Self.hash, rules: rules, stamp: Self.office)
      } == "invalid")
    let account = try ledger.addAccount(
      login: "zhuba", role: .unit, unit: "朱坝街道", passwordHash: Self.hash, rules: rules, stamp: Self.office)
    #expect(account.actor == ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道"))
    #expect(
      errorKind {
        try ledger.addAccount(
          login: "zhuba", role: .office, unit: nil, passwordHash: Self.hash, rules: rules, stamp: Self.office)
      } == "conflict")
    #expect(try ledger.accounts().map(\.login) == ["zhuba"])
  }

  @Test func onlyTheOfficeManagesAccounts() throws {
    let ledger = try Ledger.inMemory()
    let unitStamp = Self.office.by(ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道"))
    #expect(
      errorKind {
        try ledger.addAccount(
          login: "x1", role: .office, unit: nil, passwordHash: Self.hash, rules: try TestRules.book(), stamp: unitStamp)
      } == "forbidden")
    #expect(try ledger.accounts().isEmpty)
  }

  @Test func aTokenIsShownOnceStoredAsItsHashAndRevocable() throws {
    let ledger = try Ledger.inMemory()
    try ledger.addAccount(
      login: "zhuba", role: .unit, unit: "朱坝街道", passwordHash: Self.hash, rules: try TestRules.book(),
      stamp: Self.office)
    let token = try ledger.issueToken(login: "zhuba", stamp: Self.office)
    #expect(token.count == 64)
    #expect(try ledger.actor(forToken: token)?.unit == "朱坝街道")
    #expect(try ledger.actor(forToken: SecretToken.make()) == nil)
    let stored = try ledger.read { try String.fetchAll($0, sql: "SELECT token_sha256 FROM api_token") }
    #expect(stored == [SecretToken.digest(token)])
    #expect(try ledger.revokeTokens(login: "zhuba", stamp: Self.office) == 1)
    #expect(try ledger.actor(forToken: token) == nil)
  }

  @Test func tenWrongPasswordsLockTheLoginForFifteenMinutes() throws {
    let ledger = try Ledger.inMemory()
    try ledger.addAccount(
      login: "zhuba", role: .unit, unit: "朱坝街道", passwordHash: Self.hash, rules: try TestRules.book(),
      stamp: Self.office)
    let now = Date(timeIntervalSince1970: 1_659_315_600)
    for _ in 1..<PasswordPolicy.attemptsBeforeLock {
      #expect(try ledger.recordFailedLogin(login: "zhuba", now: now) == nil)
    }
    let until = try #require(try ledger.recordFailedLogin(login: "zhuba", now: now))
    #expect(until.timeIntervalSince(now) == 15 * 60)
    let account = try #require(try ledger.credentials(login: "zhuba")?.account)
    #expect(Ledger.lockedUntil(account, now: now.addingTimeInterval(60)) != nil)
    #expect(Ledger.lockedUntil(account, now: now.addingTimeInterval(16 * 60)) == nil)
  }

  @Test func sessionsLiveInTheLedgerAndEndWhenTheAccountIsDisabled() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let ledger = try Ledger.open(at: path, create: true)
      let account = try ledger.addAccount(
        login: "zhuba", role: .unit, unit: "朱坝街道", passwordHash: Self.hash, rules: try TestRules.book(),
        stamp: Self.office)
      let now = Date()
      let session = try ledger.startSession(accountID: account.id, now: now, lifetime: 3600)

      // A restart (the ledger opened again) logs nobody out
      let reopened = try Ledger.open(at: path)
      #expect(try reopened.session(cookie: session.cookie, now: now)?.actor.login == "zhuba")
      #expect(try reopened.session(cookie: session.cookie, now: now.addingTimeInterval(3601)) == nil)
      #expect(
        try reopened.read { try String.fetchAll($0, sql: "SELECT id FROM session") } == [
          SecretToken.digest(session.cookie)
        ])

      // Disabling the account ends it; the changes verify
      try reopened.disableAccount(login: "zhuba", stamp: Self.office)
      #expect(try reopened.session(cookie: session.cookie, now: now) == nil)
      try reopened.changePassword(login: "zhuba", passwordHash: Self.hash, stamp: Self.office)
      #expect(try reopened.verify().isClean)
      #expect(try reopened.history().map(\.action).suffix(3) == [.accountAdded, .accountDisabled, .passwordChanged])
    }
  }

  @Test func anAccountChangedBehindTheToolsBackFailsVerify() throws {
    let ledger = try Ledger.inMemory()
    try ledger.addAccount(
      login: "zhuba", role: .unit, unit: "朱坝街道", passwordHash: Self.hash, rules: try TestRules.book(),
      stamp: Self.office)
    try ledger.write { db in
      try db.execute(sql: "DROP TRIGGER account_identity_fixed")
      try db.execute(sql: "UPDATE account SET unit = '共和镇'")
    }
    #expect(try ledger.verify().isClean == false)
  }

  @Test func passwordsHaveAtLeastTenCharacters() {
    #expect(PasswordPolicy.problems(with: "short").count == 1)
    #expect(PasswordPolicy.problems(with: "0123456789").isEmpty)
  }
}
