import Foundation

/// When a month may be closed or reopened, decided over values: every store reads the close in force, the
/// month's trips waiting for review and today's date, and asks here, so the engines refuse the same closes in the
/// same words. What a close freezes (the check and the bulletin) is the core's as well.
public enum ClosingRule {
  /// Whether `month` may be closed as of `today`: not while a close is in force (`inForce`: who closed it, when),
  /// not before it begins, and not before it ends unless `force`. Returns whether the close is forced (the month
  /// has not ended).
  public static func admit(
    _ month: Month, today: CivilDate, force: Bool, inForce: (closedBy: String, closedAt: String)?, clock: OfficeClock
  ) throws(ZhaoshangError) -> Bool {
    if let existing = inForce {
      throw .refused(
        Localized(
          "\(month.chinese)已于 \(clock.show(existing.closedAt)) 由 \(existing.closedBy) 封存，无需再次封存；如需按现在的数据重新封存，请先运行 zhaoshang reopen --month \(month.iso) --reason \"原因\"",
          "\(month.iso) was already closed on \(clock.show(existing.closedAt)) by \(existing.closedBy); to close it again with today's data, first run `zhaoshang reopen --month \(month.iso) --reason \"why\"`"
        ))
    }
    guard today >= month.firstDay else {
      throw .refused(
        Problem(
          .monthState,
          Localized(
            "\(month.chinese)还没有开始（今天是 \(today.iso)），没有可封存的结果",
            "\(month.iso) has not begun (today is \(today.iso)), so there is no result to close"),
          remedy: Remedy(Localized("；请核对 {action}", "; check {action}"), .field(.month)),
          arguments: ["month": month.iso, "today": today.iso]))
    }
    let ended = today > month.lastDay
    if !ended && !force {
      let firstDayAfter = month.lastDay.adding(days: 1).iso
      throw .refused(
        Problem(
          .monthState,
          Localized(
            "\(month.chinese)尚未结束（今天是 \(today.iso)）：本月剩下的日子里还可能外出，封存后这些外出只能作为更正登记，通报的数字也会与实际不符。请在 \(firstDayAfter) 或之后封存；",
            "\(month.iso) has not ended yet (today is \(today.iso)): trips may still happen on its remaining days, and once it is closed they could only be recorded as amendments while the bulletin's figures fall behind. Close it on or after \(firstDayAfter), "
          ),
          remedy: Remedy(Localized("确需提前封存，请{action}", "or {action} to close it now"), .insist),
          arguments: ["month": month.iso, "today": today.iso]))
    }
    return !ended
  }

  /// Refuses to close `month` while trips touching it (`trips`, any) wait for review, unless `force`.
  public static func requireReviewed(_ month: Month, trips: [Trip], force: Bool) throws(ZhaoshangError) {
    let pending = trips.filter { $0.review.isPending && !$0.isVoid }
    guard !pending.isEmpty && !force else { return }
    let ids = pending.compactMap(\.id).map(String.init).joined(separator: " ")
    throw .conflict(
      Problem(
        .reviewPending,
        Localized(
          "\(month.chinese)还有 \(pending.count) 条外出待审核（编号 \(ids)）：待审核的天数不计入，封存后只能作为更正处理。请先审核；",
          "\(month.iso) still has \(pending.count) \(pending.count == 1 ? "trip" : "trips") waiting for review (ids \(ids)): their days do not count, and once the month is closed they could only be amended. Review them first, "
        ),
        remedy: Remedy(Localized("确需现在封存，请{action}", "or {action} to close now"), .insist),
        arguments: ["month": month.iso, "trips": ids]))
  }

  /// The reason for reopening a month, trimmed; refused when empty.
  public static func reopenReason(_ reason: String) throws(ZhaoshangError) -> String {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw .invalid(
        .reasonMissing, field: .reason,
        Localized("解除封存的原因不能为空；请写明原因", "the reason is empty; say why the month is reopened"),
        remedy: Remedy(
          Localized("，如 {action}", ", e.g. {action}"),
          .fill(.reason, example: Localized("补登7月漏报的外出", "July trips reported late"))))
    }
    return reason
  }

  /// The refusal to reopen a month no close holds.
  public static func notClosed(_ month: Month) -> ZhaoshangError {
    .refused(
      Localized(
        "\(month.chinese)没有封存，无需解除；已封存的月份可用 zhaoshang close --list 查看",
        "\(month.iso) is not closed, so there is nothing to reopen; list closed months with `zhaoshang close --list`"))
  }
}
