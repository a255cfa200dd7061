import Foundation

/// The closed-month rule, decided over values: a write that changes what counts in a month closed and not reopened is
/// refused, unless it comes as an amendment with a reason, which is then recorded against each such close.
///
/// Every store reads the closes in force and what the write touches, asks this rule, and records the amendments it
/// names in the same transaction as the write: the decision is made once, here, whatever the engine.
public enum ClosedMonthRule {
  /// One close in force, as the rule needs it: which month, and who closed it when (named in the refusal).
  public struct Close: Sendable, Equatable {
    /// The store's id of the close, under which an amendment is recorded.
    public let id: Int64
    public let month: Month
    public let closedBy: String
    public let closedAt: String

    public init(id: Int64, month: Month, closedBy: String, closedAt: String) {
      self.id = id
      self.month = month
      self.closedBy = closedBy
      self.closedAt = closedAt
    }
  }

  /// The closes the write must be recorded as amending: empty when it touches no closed month.
  ///
  /// - Parameters:
  ///   - closes: the closes in force, in month order.
  ///   - touches: whether the write changes what counts in the given month.
  /// - Throws: `.invalid` for an amendment without a reason; `.conflict` with `monthClosed` when the write touches
  ///   a closed month and comes without an amendment.
  public static func amended(
    by amendment: Amendment?, closes: [Close], clock: OfficeClock, touches: (Month) -> Bool
  ) throws(ZhaoshangError) -> [Close] {
    if let amendment { try validate(amendment) }
    let touched = closes.filter { touches($0.month) }
    guard !touched.isEmpty else { return [] }
    guard amendment != nil else { throw .conflict(refusal(touched, clock: clock)) }
    return touched
  }

  static func validate(_ amendment: Amendment) throws(ZhaoshangError) {
    guard !amendment.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason,
        Localized("更正原因不能为空；请写明为何更正已封存的月份", "the reason is empty; say why the closed month is amended"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("补登漏报的外出", "trip reported late"))))
    }
  }

  /// Names every closed month the write touches, and how to amend it.
  static func refusal(_ closes: [Close], clock: OfficeClock) -> Problem {
    let months = closes.map(\.month)
    let zhMonths = months.map(\.chinese).joined(separator: "、")
    let enMonths = months.map(\.iso).joined(separator: ", ")
    let zhWhen = closes.map { "\($0.month.iso) 于 \(clock.show($0.closedAt)) 由 \($0.closedBy) 封存" }.joined(
      separator: "；")
    let enWhen = closes.map { "\($0.month.iso) closed on \(clock.show($0.closedAt)) by \($0.closedBy)" }.joined(
      separator: "; ")
    let plural = months.count > 1
    return Problem(
      .monthClosed,
      Localized(
        "\(zhMonths)已封存（\(zhWhen)），这次修改会改变该月的计数，已拒绝，未写入任何内容。",
        "\(enMonths) \(plural ? "are" : "is") closed (\(enWhen)) and this change would alter what counts in \(plural ? "them" : "it"), so it was refused and nothing was written."
      ),
      remedy: Remedy(
        Localized(
          "如确需更正已封存的月份，请{action}；更正将连同操作人、时间和原因一并记录。",
          " To correct a closed month, {action}; the amendment is recorded with who, when and why."),
        .amendWithReason),
      arguments: ["months": months.map(\.iso).joined(separator: ",")])
  }
}
