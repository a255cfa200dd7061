/// What an account may do: the office changes everything, a unit reports its own trips, a viewer only reads.
public enum Role: String, Sendable, Codable, CaseIterable {
  /// 督考服务中心: reviews, closes months, keeps the roster; the command line acts as the office.
  case office
  /// A unit's clerk: reports the unit's trips and sees only the unit's data.
  case unit
  /// 区领导: sees what the office sees and changes nothing.
  case viewer

  public func title(_ language: Language) -> String {
    switch self {
    case .office: return language.pick("督考服务中心", "office")
    case .unit: return language.pick("单位", "unit")
    case .viewer: return language.pick("查看者", "viewer")
    }
  }
}
