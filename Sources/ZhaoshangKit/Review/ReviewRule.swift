import Foundation

/// The review of a unit's trips (审核) and the office's voids, decided over values: which step may follow a trip's
/// status, and what a return or a void must say. Every store asks here before writing a step, so the engines
/// refuse the same steps in the same words; who may take each step is `Ledger.requireOffice` and `requireWriter`.
public enum ReviewRule {
  /// Refuses the step unless the trip is not void and its review stands at one of `expecting`.
  public static func require(_ trip: Trip, expecting: Set<ReviewStatus>) throws(ZhaoshangError) {
    guard !trip.isVoid, expecting.contains(trip.review) else {
      let id = trip.id ?? 0
      let wanted = expecting.map { $0.title(.zh) }.sorted().joined(separator: "或")
      let wantedEN = expecting.map { $0.title(.en) }.sorted().joined(separator: " or ")
      let now = trip.isVoid ? Localized("已作废", "void") : Localized(trip.review.title(.zh), trip.review.title(.en))
      throw .conflict(
        Localized(
          "外出记录 \(id) 现为「\(now.zh)」，只有「\(wanted)」的记录可以这样处理",
          "trip \(id) is \(now.en); only a trip that is \(wantedEN) can be handled so"))
    }
  }

  /// The trips to approve, each once, in id order; refused when none is named.
  public static func approving(_ ids: [Int64]) throws(ZhaoshangError) -> [Int64] {
    let ids = Array(Set(ids)).sorted()
    guard !ids.isEmpty else {
      throw .invalid("ID", "请给出要通过的外出记录编号", "give the ids of the trips to approve")
    }
    return ids
  }

  /// The office's reason for returning a trip, trimmed; refused when empty.
  public static func returnReason(_ reason: String) throws(ZhaoshangError) -> String {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason,
        Localized("退回原因不能为空；请写明要单位更正什么", "the reason is empty; say what the unit should correct"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("目的地写错", "wrong destination"))))
    }
    return reason
  }

  /// The reason for voiding a trip, trimmed; refused when empty.
  public static func voidReason(_ reason: String) throws(ZhaoshangError) -> String {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason, Localized("作废原因不能为空；请写明原因", "the reason is empty; say why"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("重复登记", "recorded twice"))))
    }
    return reason
  }

  /// The refusal of a second void of trip `id`, voided as `earlier` says.
  public static func alreadyVoided(_ id: Int64, _ earlier: Voiding, clock: OfficeClock) -> ZhaoshangError {
    .refused(
      Localized(
        "外出记录 \(id) 已于 \(clock.show(earlier.at)) 作废（原因：\(earlier.reason)），无需再次作废",
        "trip \(id) was already voided on \(clock.show(earlier.at)) (reason: \(earlier.reason)); nothing to do"))
  }

  /// The refusal of a correction of the returned trip `id` that adds no trip: it is the same trip.
  public static func unchangedCorrection(_ id: Int64) -> ZhaoshangError {
    .conflict(
      Localized(
        "更正后的外出与退回的外出 \(id) 相同（人员、日期、类型、目的地一致）；如无需修改，请直接“原样重新提交”",
        "the correction is the same trip as the returned trip \(id) (same head, dates, kind and destination); to send it back unchanged, resubmit it"
      ))
  }

  /// The reason a corrected trip's withdrawal gives: the trips that replace it.
  public static func correctedReason(_ ids: [Int64]) -> String {
    "更正为 " + ids.map { "#\($0)" }.joined(separator: " ")
  }
}
