/// A login of the web application, as listed: never its password hash.
public struct Account: Sendable, Equatable {
  public let id: Int64
  public let login: String
  public let role: Role
  public let unit: String?
  public let disabled: Bool
  /// Until when wrong passwords keep the login locked (ISO 8601, UTC); nil when not locked.
  public let lockedUntil: String?
  public let createdBy: String
  public let createdAt: String

  package init(
    id: Int64, login: String, role: Role, unit: String?, disabled: Bool, lockedUntil: String?, createdBy: String,
    createdAt: String
  ) {
    self.id = id
    self.login = login
    self.role = role
    self.unit = unit
    self.disabled = disabled
    self.lockedUntil = lockedUntil
    self.createdBy = createdBy
    self.createdAt = createdAt
  }

  public var actor: ActingUser { ActingUser(login: login, role: role, unit: unit) }
}
