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
  case accountAdded = "account.add"
  case accountDisabled = "account.disable"
  case passwordChanged = "account.password"
  case tokenAdded = "token.add"
  case tokenRevoked = "token.revoke"
  case tripsSubmitted = "review.submit"
  case tripsApproved = "review.approve"
  case tripReturned = "review.return"
  case tripWithdrawn = "review.withdraw"
  /// A unit declared a month reported (报送), or reported that it did not go out (未外出).
  case monthReported = "month.report"
  /// A mistaken void undone: the voided trip copied back as a new trip, joined to it by a restoration.
  case tripUnvoided = "trip.unvoid"

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
    case .accountAdded: return language.pick("新建账号", "account added")
    case .accountDisabled: return language.pick("停用账号", "account disabled")
    case .passwordChanged: return language.pick("修改密码", "password changed")
    case .tokenAdded: return language.pick("发放接口令牌", "API token issued")
    case .tokenRevoked: return language.pick("吊销接口令牌", "API token revoked")
    case .tripsSubmitted: return language.pick("报送外出待审核", "trips submitted for review")
    case .tripsApproved: return language.pick("审核通过", "trips approved")
    case .tripReturned: return language.pick("退回外出", "trip returned")
    case .tripWithdrawn: return language.pick("撤回外出", "trip withdrawn")
    case .monthReported: return language.pick("报送月份", "month reported")
    case .tripUnvoided: return language.pick("撤销作废", "void undone")
    }
  }
}
