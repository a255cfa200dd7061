/// What an audit event records.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
  case postsAdded = "posts.add"
  case postEnded = "post.end"
  case tripsAdded = "trips.add"
  case tripVoided = "trip.void"
  case leaveAdded = "leave.add"
  case explanationAdded = "explanation.add"
  case monthClosed = "month.close"
  case monthReopened = "month.reopen"
  case amendment = "amendment"
  /// Rows that were in the ledger before the audit trail began, taken into it as they stood.
  case adopted = "adopt"

  public func title(_ language: Language) -> String {
    switch self {
    case .postsAdded: return language.pick("登记任职", "posts added")
    case .postEnded: return language.pick("结束任职", "post ended")
    case .tripsAdded: return language.pick("登记外出", "trips added")
    case .tripVoided: return language.pick("作废外出", "trip voided")
    case .leaveAdded: return language.pick("登记请假", "leave added")
    case .explanationAdded: return language.pick("收到情况说明", "explanation received")
    case .monthClosed: return language.pick("封存月份", "month closed")
    case .monthReopened: return language.pick("解除封存", "month reopened")
    case .amendment: return language.pick("更正已封存月份", "closed month amended")
    case .adopted: return language.pick("纳入审计（升级前已有的记录）", "adopted (records from before the audit trail)")
    }
  }
}
