import GRDB

/// Keeps closed months still: a write that would change what counts in one is refused unless it comes as an
/// amendment, which is then recorded in the same transaction as the write.
enum ClosedMonthGuard {
  /// Refuses the write when it touches a closed month without an amendment; records the amendment otherwise.
  ///
  /// - Parameter touches: whether the write changes what counts in the given month.
  static func admit(
    amendment: Amendment?, stamp: Stamp, in db: Database, touches: (Month) -> Bool
  ) throws {
    if let amendment {
      try validate(amendment)
    }
    let closes = try ClosedMonthRecord.all().inForce().order(ClosedMonthRecord.Columns.month).fetchAll(db)
    let touched = closes.filter { record in Month(parsing: record.month).map(touches) ?? false }
    guard !touched.isEmpty else { return }
    guard let amendment else { throw ZhaoshangError.conflict(refusal(touched, clock: stamp.clock)) }
    for close in touched {
      var record = AmendmentRecord(
        id: nil, closedMonthId: close.id ?? 0, month: close.month, command: amendment.command,
        reason: amendment.reason.trimmingCharacters(in: .whitespacesAndNewlines), recordedBy: stamp.by,
        recordedAt: stamp.at)
      try record.insert(db)
      try AuditTrail.append(
        .amendment,
        payload: EventPayload(
          month: close.month, reason: record.reason, summary: amendment.command, closedMonthID: close.id,
          amendmentID: record.id),
        subject: AuditTrail.Subject(months: Month(parsing: close.month).map { $0...$0 }), stamp: stamp, db: db)
    }
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
  static func refusal(_ closes: [ClosedMonthRecord], clock: OfficeClock) -> Problem {
    let months = closes.compactMap { Month(parsing: $0.month) }
    let zhMonths = months.map(\.chinese).joined(separator: "、")
    let enMonths = months.map(\.iso).joined(separator: ", ")
    let zhWhen = closes.map { "\($0.month) 于 \(clock.show($0.closedAt)) 由 \($0.closedBy) 封存" }.joined(separator: "；")
    let enWhen = closes.map { "\($0.month) closed on \(clock.show($0.closedAt)) by \($0.closedBy)" }.joined(
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

extension Trip {
  /// Whether the trip covers any day of the month.
  func touches(_ month: Month) -> Bool {
    start <= month.lastDay && end >= month.firstDay
  }
}
