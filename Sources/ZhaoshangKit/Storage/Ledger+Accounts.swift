import Foundation
import GRDB

extension Ledger {
  // MARK: Accounts

  /// Adds a login. Only the office adds accounts; a unit's account names a unit the rules declare.
  ///
  /// - Parameter passwordHash: the password already hashed (bcrypt, by the caller): the ledger never sees it.
  @discardableResult
  public func addAccount(
    login: String, role: Role, unit: String?, passwordHash: String, rules: RuleBook, stamp: Stamp
  ) throws(ZhaoshangError) -> Account {
    let unit = try Self.admitAccount(login: login, role: role, unit: unit, rules: rules, actor: stamp.actor)
    return try write { db in
      if try AccountRecord.filter(AccountRecord.Columns.login == login).fetchOne(db) != nil {
        throw ZhaoshangError.conflict(
          Localized("登录名 \(login) 已被使用；请换一个登录名", "the login \(login) is taken; choose another"))
      }
      var record = AccountRecord(
        id: nil, login: login, role: role.rawValue, unit: role == .unit ? unit : nil, passwordHash: passwordHash,
        disabled: false, failedAttempts: 0, lockedUntil: nil, createdBy: stamp.by, createdAt: stamp.at)
      try record.insert(db)
      let account = try record.account()
      try AuditTrail.recordCreated(
        .accountAdded, table: .account, range: account.id...account.id, subject: AuditTrail.Subject(unit: account.unit),
        stamp: stamp, summary: "\(login) \(role.rawValue)\(account.unit.map { " " + $0 } ?? "")", db: db)
      return account
    }
  }

  /// Who may add the account and whether it is well formed, decided over values for every store: the office only,
  /// a login `PasswordPolicy` accepts, and a unit for a unit's account alone, one the rules declare. Returns the unit
  /// trimmed.
  package static func admitAccount(login: String, role: Role, unit: String?, rules: RuleBook, actor: ActingUser)
    throws(ZhaoshangError) -> String?
  {
    try Self.requireOffice(actor)
    var problems = PasswordPolicy.problems(withLogin: login)
    let unit = unit?.trimmingCharacters(in: .whitespaces)
    switch (role, unit) {
    case (.unit, nil), (.unit, ""?):
      problems.append(
        Problem(
          .valueMissing, field: .unit, Localized("单位账号须指明所属单位", "a unit's account needs its unit"),
          remedy: Remedy(Localized("，如 {action}", ": {action}"), .fill(.unit, example: Localized("朱坝街道", "NAME")))))
    case (.unit, let unit?) where !rules.declares(unit: unit):
      problems.append(
        Problem(
          .unitUnknown, field: .unit, excerpt: unit,
          Localized(
            "规则文件中没有单位「\(unit)」；请核对单位名称（zhaoshang rules show 列出全部单位）",
            "the rules declare no unit \"\(unit)\"; check its name (`zhaoshang rules show` lists them)")))
    case (.office, _?), (.viewer, _?):
      problems.append(
        Problem(
          .inputInvalid, field: .unit,
          Localized(
            "只有单位账号才属于某个单位；\(role.title(.zh))账号请不填所属单位",
            "only a unit's account belongs to a unit; give no unit for a \(role.title(.en)) account")))
    default:
      break
    }
    guard problems.isEmpty else { throw .invalidInput(problems) }
    return unit
  }

  /// Every account, in the order they were added.
  public func accounts() throws(ZhaoshangError) -> [Account] {
    try read { db in try AccountRecord.order(Column("id")).fetchAll(db).map { try $0.account() } }
  }

  /// The account and its password hash, for checking a login; nil when no such login exists.
  public func credentials(login: String) throws(ZhaoshangError) -> (account: Account, passwordHash: String)? {
    try read { db in
      guard let record = try AccountRecord.filter(AccountRecord.Columns.login == login).fetchOne(db) else {
        return nil
      }
      return (try record.account(), record.passwordHash)
    }
  }

  /// Disables a login: it can no longer log in, its sessions end and its tokens stop working.
  @discardableResult
  public func disableAccount(login: String, stamp: Stamp) throws(ZhaoshangError) -> Account {
    try Self.requireOffice(stamp.actor)
    return try write { db in
      var record = try Self.accountRecord(login: login, db: db)
      try AccountRule.requireEnabled(try record.account())
      record.disabled = true
      try record.update(db)
      try SessionRecord.filter(Column("account_id") == record.id).deleteAll(db)
      try AuditTrail.recordChanged(
        .accountDisabled, table: .account, id: record.id ?? 0, before: ["disabled": "0"], after: ["disabled": "1"],
        subject: AuditTrail.Subject(unit: record.unit), stamp: stamp, db: db)
      return try record.account()
    }
  }

  /// Sets a new password (hashed by the caller); every session of the login ends and its lock is lifted.
  public func changePassword(login: String, passwordHash: String, stamp: Stamp) throws(ZhaoshangError) {
    try write { db in
      var record = try Self.accountRecord(login: login, db: db)
      try AccountRule.requireMayChangePassword(of: login, actor: stamp.actor)
      record.passwordHash = passwordHash
      record.failedAttempts = 0
      record.lockedUntil = nil
      try record.update(db)
      try SessionRecord.filter(Column("account_id") == record.id).deleteAll(db)
      // Not a change of an audited column (the hash is left out of the audit): the event names the account only.
      try AuditTrail.append(
        .passwordChanged, payload: EventPayload(summary: "account #\(record.id ?? 0) \(login)"),
        subject: AuditTrail.Subject(unit: record.unit), stamp: stamp, db: db)
    }
  }

  /// Issues an API token for the login and returns it: the ledger keeps only its SHA-256, so it is shown once.
  public func issueToken(login: String, stamp: Stamp) throws(ZhaoshangError) -> String {
    try Self.requireOffice(stamp.actor)
    let token = SecretToken.make()
    try write { db in
      let account = try Self.accountRecord(login: login, db: db)
      guard !account.disabled else {
        throw ZhaoshangError.conflict(
          Localized("账号 \(login) 已停用，不能发放令牌", "the account \(login) is disabled; no token can be issued"))
      }
      var record = APITokenRecord(
        id: nil, accountId: account.id ?? 0, tokenSHA256: SecretToken.digest(token), createdBy: stamp.by,
        createdAt: stamp.at)
      try record.insert(db)
      let id = record.id ?? 0
      try AuditTrail.recordCreated(
        .tokenAdded, table: .apiToken, range: id...id, subject: AuditTrail.Subject(unit: account.unit), stamp: stamp,
        summary: login, db: db)
    }
    return token
  }

  /// Revokes every token of the login still in force; returns how many.
  @discardableResult
  public func revokeTokens(login: String, stamp: Stamp) throws(ZhaoshangError) -> Int {
    try Self.requireOffice(stamp.actor)
    return try write { db in
      let account = try Self.accountRecord(login: login, db: db)
      let tokens = try APITokenRecord.filter(Column("account_id") == account.id && Column("revoked_at") == nil)
        .fetchAll(db)
      for var token in tokens {
        token.revokedBy = stamp.by
        token.revokedAt = stamp.at
        try token.update(db)
        try AuditTrail.recordChanged(
          .tokenRevoked, table: .apiToken, id: token.id ?? 0, before: ["revoked_by": "", "revoked_at": ""],
          after: ["revoked_by": stamp.by, "revoked_at": stamp.at], subject: AuditTrail.Subject(unit: account.unit),
          stamp: stamp, db: db)
      }
      return tokens.count
    }
  }

  /// The actor a token speaks for: nil when the token is unknown, revoked, or its account disabled.
  public func actor(forToken token: String) throws(ZhaoshangError) -> ActingUser? {
    try read { db in
      guard
        let record = try AccountRecord.fetchOne(
          db,
          sql: """
            SELECT account.* FROM api_token JOIN account ON account.id = api_token.account_id
            WHERE api_token.token_sha256 = ? AND api_token.revoked_at IS NULL AND NOT account.disabled
            """, arguments: [SecretToken.digest(token)])
      else { return nil }
      return try record.account().actor
    }
  }

  // MARK: Logging in

  /// Counts a wrong password; the tenth in a row locks the login for `PasswordPolicy.lockMinutes`.
  ///
  /// - Returns: until when the login is now locked, if it is.
  @discardableResult
  public func recordFailedLogin(login: String, now: Date) throws(ZhaoshangError) -> Date? {
    try write { db in
      guard var record = try AccountRecord.filter(AccountRecord.Columns.login == login).fetchOne(db) else {
        return nil
      }
      record.failedAttempts += 1
      var until: Date?
      if record.failedAttempts >= PasswordPolicy.attemptsBeforeLock {
        until = now.addingTimeInterval(TimeInterval(PasswordPolicy.lockMinutes * 60))
        record.lockedUntil = until.map(Self.utc)
        record.failedAttempts = 0
      }
      try record.update(db)
      return until
    }
  }

  /// Clears the count of wrong passwords after a right one.
  public func recordSuccessfulLogin(login: String) throws(ZhaoshangError) {
    try write { db in
      try db.execute(
        sql: "UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE login = ?", arguments: [login])
    }
  }

  /// Until when the login stays locked, if it is locked at `now`.
  public static func lockedUntil(_ account: Account, now: Date) -> Date? {
    PasswordPolicy.lockedUntil(account, now: now)
  }

  // MARK: Sessions

  /// Starts a browser session for the account; returns the cookie's value and the session's CSRF token.
  public func startSession(accountID: Int64, now: Date, lifetime: TimeInterval) throws(ZhaoshangError)
    -> (cookie: String, csrf: String)
  {
    let cookie = SecretToken.make()
    let csrf = SecretToken.make()
    try write { db in
      try SessionRecord.filter(Column("expires_at") < Self.utc(now)).deleteAll(db)
      try SessionRecord(
        id: SecretToken.digest(cookie), accountId: accountID, csrfToken: csrf, createdAt: Self.utc(now),
        expiresAt: Self.utc(now.addingTimeInterval(lifetime))
      ).insert(db)
    }
    return (cookie, csrf)
  }

  /// The session's actor and CSRF token; nil when unknown, expired, or its account disabled.
  public func session(cookie: String, now: Date) throws(ZhaoshangError) -> (actor: ActingUser, csrf: String)? {
    try read { db in
      guard let session = try SessionRecord.fetchOne(db, key: SecretToken.digest(cookie)),
        session.expiresAt > Self.utc(now),
        let account = try AccountRecord.fetchOne(db, key: session.accountId), !account.disabled
      else { return nil }
      return (try account.account().actor, session.csrfToken)
    }
  }

  /// Ends a browser session (logging out).
  public func endSession(cookie: String) throws(ZhaoshangError) {
    try write { db in _ = try SessionRecord.deleteOne(db, key: SecretToken.digest(cookie)) }
  }

  // MARK: Helpers

  static func accountRecord(login: String, db: Database) throws -> AccountRecord {
    guard let record = try AccountRecord.filter(AccountRecord.Columns.login == login).fetchOne(db) else {
      throw AccountRule.noSuchAccount(login)
    }
    return record
  }

  package static func requireOffice(_ actor: ActingUser) throws(ZhaoshangError) {
    guard actor.role == .office else {
      throw .forbidden(
        Localized(
          "只有督考服务中心可以做这项操作（当前：\(actor.describe(.zh))）",
          "only the office may do this (you are \(actor.describe(.en)))"))
    }
  }

  /// UTC, to the second: compared as text, so every stored time must share this one form.
  package static func utc(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}
