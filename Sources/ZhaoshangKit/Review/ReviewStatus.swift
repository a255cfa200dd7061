/// Where a trip stands in the office's review (审核). Only approved trips count.
///
/// A unit's trip starts `submitted`; the office approves it or returns it with a reason; a returned trip is
/// resubmitted (as it is, or corrected as a new trip) or withdrawn. Trips the office enters are approved at once.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable {
  case submitted
  case approved
  case returned
  case withdrawn

  /// Waiting for the office: its days are shown as pending beside the counted ones.
  public var isPending: Bool { self == .submitted }

  public func title(_ language: Language) -> String {
    switch self {
    case .submitted: return language.pick("待审核", "submitted")
    case .approved: return language.pick("已通过", "approved")
    case .returned: return language.pick("已退回", "returned")
    case .withdrawn: return language.pick("已撤回", "withdrawn")
    }
  }
}
