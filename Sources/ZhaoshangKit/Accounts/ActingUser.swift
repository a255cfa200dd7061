/// Who makes a change: a login, its role and, for a unit's account, its unit. Every write carries one.
public struct ActingUser: Sendable, Equatable, Hashable {
  public let login: String
  public let role: Role
  /// The unit a unit's account belongs to; nil for the office and viewers.
  public let unit: String?

  public init(login: String, role: Role, unit: String? = nil) {
    self.login = login
    self.role = role
    self.unit = role == .unit ? unit : nil
  }

  /// The command line's actor: whoever runs it (the OS user or `--by`) acts as the office.
  public static func office(_ login: String) -> ActingUser { ActingUser(login: login, role: .office) }

  /// Whether the actor may see or change the unit's data: the office and viewers see every unit.
  public func reaches(unit other: String) -> Bool { role != .unit || unit == other }

  /// Who the actor is, in a few words, e.g. `王会计（单位：朱坝街道）`.
  public func describe(_ language: Language) -> String {
    switch role {
    case .unit: return language.pick("\(login)（单位：\(unit ?? "")）", "\(login) (unit \(unit ?? ""))")
    case .office, .viewer: return language.pick("\(login)（\(role.title(.zh))）", "\(login) (\(role.title(.en)))")
    }
  }
}
