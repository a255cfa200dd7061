import Foundation

/// Who may use the ledger and how they prove it: accounts, wrong-password locks, browser sessions and API tokens.
/// A concern of its own beside the ledger's records, kept in the same store so a disabled account's sessions and
/// tokens stop in the same transaction. Passwords arrive already hashed: no store ever sees one.
/// See `LedgerStore` for the design.
public protocol AccountStore: Sendable {
  /// Adds a login (the office only); a unit's account names a unit the rules declare, and a login is unique.
  func addAccount(login: String, role: Role, unit: String?, passwordHash: String, rules: RuleBook, stamp: Stamp)
    async throws(ZhaoshangError) -> Account

  /// Every account, in the order they were added.
  func accounts() async throws(ZhaoshangError) -> [Account]

  /// Disables a login (the office only): it can no longer log in, its sessions end and its tokens stop working.
  func disableAccount(login: String, stamp: Stamp) async throws(ZhaoshangError) -> Account

  /// Sets a new password, already hashed (the office's, or one's own): the login's sessions end and its lock is
  /// lifted.
  func changePassword(login: String, passwordHash: String, stamp: Stamp) async throws(ZhaoshangError)

  /// Revokes every token of the login still in force (the office only); returns how many.
  func revokeTokens(login: String, stamp: Stamp) async throws(ZhaoshangError) -> Int

  /// The account and its password hash, for checking a login; nil when no such login exists.
  func credentials(login: String) async throws(ZhaoshangError) -> (account: Account, passwordHash: String)?

  /// Counts a wrong password; returns until when the login is now locked, if this one locked it.
  func recordFailedLogin(login: String, now: Date) async throws(ZhaoshangError) -> Date?

  /// Clears the count of wrong passwords after a right one.
  func recordSuccessfulLogin(login: String) async throws(ZhaoshangError)

  /// Starts a browser session for the account: the cookie's value and the session's CSRF token, shown once.
  func startSession(accountID: Int64, now: Date, lifetime: TimeInterval) async throws(ZhaoshangError)
    -> (cookie: String, csrf: String)

  /// The session's actor and CSRF token; nil when unknown, expired, or its account disabled.
  func session(cookie: String, now: Date) async throws(ZhaoshangError) -> (actor: ActingUser, csrf: String)?

  /// Ends a browser session (logging out).
  func endSession(cookie: String) async throws(ZhaoshangError)

  /// Issues an API token for the login (the office only); the store keeps only its digest, so it is shown once.
  func issueToken(login: String, stamp: Stamp) async throws(ZhaoshangError) -> String

  /// The actor a token speaks for: nil when the token is unknown, revoked, or its account disabled.
  func actor(forToken token: String) async throws(ZhaoshangError) -> ActingUser?
}
