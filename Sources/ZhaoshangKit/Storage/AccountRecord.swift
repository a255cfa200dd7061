import GRDB

/// A row of `account`: a login for the web application, never deleted, only disabled.
struct AccountRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "account"

  var id: Int64?
  var login: String
  var role: String
  var unit: String?
  var passwordHash: String
  var disabled: Bool
  var failedAttempts: Int
  var lockedUntil: String?
  var createdBy: String
  var createdAt: String

  enum CodingKeys: String, CodingKey {
    case id, login, role, unit, disabled
    case passwordHash = "password_hash"
    case failedAttempts = "failed_attempts"
    case lockedUntil = "locked_until"
    case createdBy = "created_by"
    case createdAt = "created_at"
  }

  enum Columns {
    static let login = Column(CodingKeys.login)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func account() throws -> Account {
    guard let id, let role = Role(rawValue: role) else {
      throw ZhaoshangError.storage(Localized("账号 \(login) 的记录已损坏", "the account \(login) is damaged"))
    }
    return Account(
      id: id, login: login, role: role, unit: unit, disabled: disabled, lockedUntil: lockedUntil,
      createdBy: createdBy, createdAt: createdAt)
  }
}

/// A row of `api_token`: the SHA-256 of a token shown once, revocable, never deleted.
struct APITokenRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "api_token"

  var id: Int64?
  var accountId: Int64
  var tokenSHA256: String
  var createdBy: String
  var createdAt: String
  var revokedBy: String?
  var revokedAt: String?

  enum CodingKeys: String, CodingKey {
    case id
    case accountId = "account_id"
    case tokenSHA256 = "token_sha256"
    case createdBy = "created_by"
    case createdAt = "created_at"
    case revokedBy = "revoked_by"
    case revokedAt = "revoked_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

/// A row of `session`: a browser's login, keyed by the SHA-256 of its cookie.
struct SessionRecord: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "session"

  var id: String
  var accountId: Int64
  var csrfToken: String
  var createdAt: String
  var expiresAt: String

  enum CodingKeys: String, CodingKey {
    case id
    case accountId = "account_id"
    case csrfToken = "csrf_token"
    case createdAt = "created_at"
    case expiresAt = "expires_at"
  }
}
