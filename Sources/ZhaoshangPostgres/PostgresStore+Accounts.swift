import Foundation
import PostgresNIO
import ZhaoshangKit

/// Accounts, logins, sessions and tokens on PostgreSQL, as SQLite's `Ledger+Accounts` keeps them: times as UTC
/// text, so they compare the same on both engines.
extension PostgresStore {
  static let accountColumns =
    "account.id, account.login, account.role, account.unit, account.disabled, account.locked_until, account.created_by, account.created_at"

  static func account(from row: [String?]) throws(ZhaoshangError) -> Account {
    guard let id = row[0].flatMap({ Int64($0) }), let role = row[2].flatMap(Role.init(rawValue:)) else {
      let login = row[1] ?? ""
      throw ZhaoshangError.storage(Localized("账号 \(login) 的记录已损坏", "the account \(login) is damaged"))
    }
    return Account(
      id: id, login: row[1] ?? "", role: role, unit: row[3], disabled: row[4] == "1", lockedUntil: row[5],
      createdBy: row[6] ?? "", createdAt: row[7] ?? "")
  }

  public func addAccount(
    login: String, role: Role, unit: String?, passwordHash: String, rules: RuleBook, stamp: Stamp
  ) async throws(ZhaoshangError) -> Account {
    let unit = try Ledger.admitAccount(login: login, role: role, unit: unit, rules: rules, actor: stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      if try await link.int64("SELECT id FROM account WHERE login = \(login)") != nil {
        throw ZhaoshangError.conflict(
          Localized("登录名 \(login) 已被使用；请换一个登录名", "the login \(login) is taken; choose another"))
      }
      let row = try await link.rows(
        """
        INSERT INTO account (login, role, unit, password_hash, disabled, failed_attempts, locked_until, created_by,
          created_at)
        VALUES (\(login), \(role.rawValue), \(role == .unit ? unit : nil), \(passwordHash), false, 0, NULL,
          \(stamp.by), \(stamp.at))
        RETURNING \(unescaped: Self.accountColumns)
        """
      ).first
      let account = try Self.account(from: row ?? [])
      try await Self.recordCreated(
        .accountAdded, table: .account, ids: [account.id], subject: AuditTrail.Subject(unit: account.unit),
        stamp: stamp, summary: "\(login) \(role.rawValue)\(account.unit.map { " " + $0 } ?? "")", link: link)
      return account
    }
  }

  public func accounts() async throws(ZhaoshangError) -> [Account] {
    try await read { link throws(ZhaoshangError) in
      try await link.rows("SELECT \(unescaped: Self.accountColumns) FROM account ORDER BY id").map(Self.account(from:))
    }
  }

  /// The login's account, read inside a write; refused when there is none.
  static func account(login: String, link: PostgresLink) async throws(ZhaoshangError) -> Account {
    guard
      let row = try await link.rows("SELECT \(unescaped: accountColumns) FROM account WHERE login = \(login)").first
    else { throw AccountRule.noSuchAccount(login) }
    return try account(from: row)
  }

  public func disableAccount(login: String, stamp: Stamp) async throws(ZhaoshangError) -> Account {
    try Ledger.requireOffice(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      let account = try await Self.account(login: login, link: link)
      try AccountRule.requireEnabled(account)
      try await link.execute("UPDATE account SET disabled = true WHERE id = \(account.id)")
      try await link.execute("DELETE FROM session WHERE account_id = \(account.id)")
      try await Self.append(
        .accountDisabled,
        payload: EventPayload(
          table: AuditedTable.account.name, id: account.id, before: ["disabled": "0"], after: ["disabled": "1"]),
        subject: AuditTrail.Subject(unit: account.unit), stamp: stamp, link: link)
      return try await Self.account(login: login, link: link)
    }
  }

  public func changePassword(login: String, passwordHash: String, stamp: Stamp) async throws(ZhaoshangError) {
    try await write { link throws(ZhaoshangError) in
      let account = try await Self.account(login: login, link: link)
      try AccountRule.requireMayChangePassword(of: login, actor: stamp.actor)
      try await link.execute(
        """
        UPDATE account SET password_hash = \(passwordHash), failed_attempts = 0, locked_until = NULL
        WHERE id = \(account.id)
        """)
      try await link.execute("DELETE FROM session WHERE account_id = \(account.id)")
      // As on SQLite: the hash is left out of the audit, so the event names the account only.
      try await Self.append(
        .passwordChanged, payload: EventPayload(summary: "account #\(account.id) \(login)"),
        subject: AuditTrail.Subject(unit: account.unit), stamp: stamp, link: link)
    }
  }

  public func revokeTokens(login: String, stamp: Stamp) async throws(ZhaoshangError) -> Int {
    try Ledger.requireOffice(stamp.actor)
    return try await write { link throws(ZhaoshangError) in
      let account = try await Self.account(login: login, link: link)
      let tokens = try await link.rows(
        "SELECT id FROM api_token WHERE account_id = \(account.id) AND revoked_at IS NULL ORDER BY id"
      ).compactMap { $0[0].flatMap { Int64($0) } }
      for token in tokens {
        try await link.execute(
          "UPDATE api_token SET revoked_by = \(stamp.by), revoked_at = \(stamp.at) WHERE id = \(token)")
        try await Self.append(
          .tokenRevoked,
          payload: EventPayload(
            table: AuditedTable.apiToken.name, id: token, before: ["revoked_by": "", "revoked_at": ""],
            after: ["revoked_by": stamp.by, "revoked_at": stamp.at]),
          subject: AuditTrail.Subject(unit: account.unit), stamp: stamp, link: link)
      }
      return tokens.count
    }
  }

  public func credentials(login: String) async throws(ZhaoshangError) -> (account: Account, passwordHash: String)? {
    try await read { link throws(ZhaoshangError) in
      guard
        let row = try await link.rows(
          "SELECT \(unescaped: Self.accountColumns), account.password_hash FROM account WHERE login = \(login)"
        ).first
      else { return nil }
      return (try Self.account(from: row), row[8] ?? "")
    }
  }

  public func recordFailedLogin(login: String, now: Date) async throws(ZhaoshangError) -> Date? {
    let until = now.addingTimeInterval(TimeInterval(PasswordPolicy.lockMinutes * 60))
    // One statement: PostgreSQL's row lock makes each wrong password count once, whoever counts it at once.
    let locked = try await update { link throws(ZhaoshangError) in
      try await link.value(
        """
        UPDATE account SET
          failed_attempts = CASE WHEN failed_attempts + 1 >= \(PasswordPolicy.attemptsBeforeLock) THEN 0
            ELSE failed_attempts + 1 END,
          locked_until = CASE WHEN failed_attempts + 1 >= \(PasswordPolicy.attemptsBeforeLock)
            THEN \(Ledger.utc(until)) ELSE locked_until END
        WHERE login = \(login)
        RETURNING failed_attempts = 0
        """)
    }
    return locked == "1" ? until : nil
  }

  public func recordSuccessfulLogin(login: String) async throws(ZhaoshangError) {
    try await update { link throws(ZhaoshangError) in
      try await link.execute("UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE login = \(login)")
    }
  }

  public func startSession(accountID: Int64, now: Date, lifetime: TimeInterval) async throws(ZhaoshangError)
    -> (cookie: String, csrf: String)
  {
    let cookie = SecretToken.make()
    let csrf = SecretToken.make()
    try await update { link throws(ZhaoshangError) in
      try await link.execute("DELETE FROM session WHERE expires_at < \(Ledger.utc(now))")
      try await link.execute(
        """
        INSERT INTO session (id, account_id, csrf_token, created_at, expires_at)
        VALUES (\(SecretToken.digest(cookie)), \(accountID), \(csrf), \(Ledger.utc(now)),
          \(Ledger.utc(now.addingTimeInterval(lifetime))))
        """)
    }
    return (cookie, csrf)
  }

  public func session(cookie: String, now: Date) async throws(ZhaoshangError) -> (actor: ActingUser, csrf: String)? {
    try await read { link throws(ZhaoshangError) in
      guard
        let row = try await link.rows(
          """
          SELECT \(unescaped: Self.accountColumns), session.csrf_token
          FROM session JOIN account ON account.id = session.account_id
          WHERE session.id = \(SecretToken.digest(cookie)) AND session.expires_at > \(Ledger.utc(now))
            AND NOT account.disabled
          """
        ).first
      else { return nil }
      return (try Self.account(from: row).actor, row[8] ?? "")
    }
  }

  public func endSession(cookie: String) async throws(ZhaoshangError) {
    try await update { link throws(ZhaoshangError) in
      try await link.execute("DELETE FROM session WHERE id = \(SecretToken.digest(cookie))")
    }
  }

  public func issueToken(login: String, stamp: Stamp) async throws(ZhaoshangError) -> String {
    try Ledger.requireOffice(stamp.actor)
    let token = SecretToken.make()
    try await write { link throws(ZhaoshangError) in
      let account = try await Self.account(login: login, link: link)
      guard !account.disabled else {
        throw ZhaoshangError.conflict(
          Localized("账号 \(login) 已停用，不能发放令牌", "the account \(login) is disabled; no token can be issued"))
      }
      let id = try await link.int64(
        """
        INSERT INTO api_token (account_id, token_sha256, created_by, created_at)
        VALUES (\(account.id), \(SecretToken.digest(token)), \(stamp.by), \(stamp.at)) RETURNING id
        """)
      try await Self.recordCreated(
        .tokenAdded, table: .apiToken, ids: id.map { [$0] } ?? [], subject: AuditTrail.Subject(unit: account.unit),
        stamp: stamp, summary: login, link: link)
    }
    return token
  }

  public func actor(forToken token: String) async throws(ZhaoshangError) -> ActingUser? {
    try await read { link throws(ZhaoshangError) in
      guard
        let row = try await link.rows(
          """
          SELECT \(unescaped: Self.accountColumns) FROM api_token JOIN account ON account.id = api_token.account_id
          WHERE api_token.token_sha256 = \(SecretToken.digest(token)) AND api_token.revoked_at IS NULL
            AND NOT account.disabled
          """
        ).first
      else { return nil }
      return try Self.account(from: row).actor
    }
  }
}
