import Foundation

/// Undoing a mistaken void, decided once over values for every store: the reason it needs, and which voided trips
/// may count again.
public enum RestorationRule {
  /// A void already undone: the restoration row as a store reads it.
  public struct Earlier: Sendable {
    public let restoredTripID: Int64
    public let by: String
    public let at: String

    public init(restoredTripID: Int64, by: String, at: String) {
      self.restoredTripID = restoredTripID
      self.by = by
      self.at = at
    }
  }

  /// The reason, trimmed; refused when empty.
  public static func reason(_ reason: String) throws(ZhaoshangError) -> String {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason,
        Localized("撤销作废的原因不能为空；请写明原因", "the reason is empty; say why the void is undone"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("误作废", "voided by mistake"))))
    }
    return reason
  }

  /// Refuses to restore trip `id` unless it exists, is void, its void was not undone already (`earlier`), and the
  /// office had approved it (`review`, its latest review step; nil for a trip never reviewed): a trip voided before
  /// approval would come back counting, never reviewed, so its unit submits it again instead.
  public static func admit(
    _ trip: Trip?, id: Int64, earlier: Earlier?, review: ReviewStatus?, clock: OfficeClock
  ) throws(ZhaoshangError) -> Trip {
    guard let trip else { throw ZhaoshangError.notFound(Problem.noSuchTrip(id, code: .notFound)) }
    guard trip.voiding != nil else {
      throw ZhaoshangError.conflict(
        Problem(
          .conflict,
          Localized(
            "外出记录 \(id) 没有作废，无需撤销；作废的记录在 zhaoshang trips 的列表中标为「已作废」",
            "trip \(id) is not void, so there is nothing to undo; `zhaoshang trips` marks voided trips as void"),
          arguments: ["trip": String(id)]))
    }
    if let earlier {
      throw ZhaoshangError.conflict(
        Problem(
          .conflict,
          Localized(
            "外出记录 \(id) 的作废已于 \(clock.show(earlier.at)) 由 \(earlier.by) 撤销，恢复为第 \(earlier.restoredTripID) 条；无需再次撤销",
            "trip \(id)'s void was already undone on \(clock.show(earlier.at)) by \(earlier.by): it counts again as trip \(earlier.restoredTripID); nothing to do"
          ),
          arguments: ["trip": String(id), "restored": String(earlier.restoredTripID)]))
    }
    if let review, review != .approved {
      throw ZhaoshangError.conflict(
        Problem(
          .conflict,
          Localized(
            "外出记录 \(id) 作废时为「\(review.title(.zh))」，从未审核通过；撤销作废会让它不经审核就计入。请让单位重新报送这次外出",
            "trip \(id) was \(review.title(.en)) when it was voided, never approved; undoing the void would count it unreviewed. Ask the unit to submit the trip again"
          ),
          arguments: ["trip": String(id)]))
    }
    return trip
  }
}
