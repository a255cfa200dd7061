import Foundation

/// When a short unit's explanation may be recorded, decided over values: every store checks here before writing
/// one, so the engines refuse the same explanations in the same words.
public enum ExplanationRule {
  /// The unit (trimmed), when `actor` may file `explanation` as of `today` with the uploaded `stored` bytes:
  /// refused for a viewer, another unit's account, bytes that are not the document named, a blank or unreadable
  /// unit or note, and a received date after today or before the month began.
  public static func admit(
    _ explanation: Explanation, storing stored: StoredDocument?, today: CivilDate, actor: ActingUser
  ) throws(ZhaoshangError) -> String {
    let month = explanation.month
    let unit = explanation.unit.trimmingCharacters(in: .whitespacesAndNewlines)
    try Ledger.requireWriter(actor)
    guard actor.reaches(unit: unit) else {
      throw .forbidden(
        Localized(
          "\(actor.describe(.zh))只能提交本单位的情况说明，不能提交「\(unit)」的",
          "\(actor.describe(.en)) may file its own unit's explanations only, not \(unit)'s"))
    }
    if let stored, stored.sha256 != explanation.document?.sha256 {
      throw .refused(
        Localized("上传的文件与登记的文件不一致；请重新上传", "the uploaded file is not the one recorded; upload it again"))
    }
    var problems: [Problem] = []
    if TextField.isBlank(unit) {
      problems.append(
        Problem(.valueMissing, field: .unit, Localized("单位不能为空", "the unit is empty; name the short unit")))
    } else if let problem = TextField.unit.problem(with: unit) {
      problems.append(Problem(.textInvalid, field: .unit, problem))
    }
    if let problem = TextField.note.problem(with: explanation.note) {
      problems.append(Problem(.textInvalid, field: .note, problem))
    }
    if explanation.received > today {
      problems.append(
        Problem(
          .explanationInvalid, field: .received, excerpt: explanation.received.iso,
          Localized(
            "收到日期晚于今天（\(today.iso)）；请填写实际收到的日期",
            "the explanation cannot have arrived after today (\(today.iso)); give the day it arrived")))
    }
    if explanation.received < month.firstDay {
      problems.append(
        Problem(
          .explanationInvalid, field: .received, excerpt: explanation.received.iso,
          Localized(
            "收到日期早于\(month.chinese)；\(month.chinese)的情况说明只能在该月开始后收到，请核对日期和 ",
            "the explanation for \(month.iso) cannot have arrived before the month began; check the date and "),
          remedy: Remedy(Localized("{action}", "{action}"), .field(.month)), arguments: ["month": month.iso]))
    }
    guard problems.isEmpty else { throw .invalidInput(problems) }
    return unit
  }

  /// Refuses an explanation of a month not closed that has not ended: nobody owes one yet.
  public static func requireEnded(_ month: Month, today: CivilDate) throws(ZhaoshangError) {
    guard today > month.lastDay else {
      throw .refused(
        Localized(
          "\(month.chinese)尚未结束，还没有单位须作出情况说明；请在月末后、通报未达标单位后再登记",
          "\(month.iso) has not ended, so no unit owes an explanation yet; record it once the month is over and the shortfall published"
        ))
    }
  }

  /// Refuses an explanation of a unit the month's result in force (`report`) does not find short.
  public static func requireShort(_ unit: String, in report: CheckReport) throws(ZhaoshangError) {
    let month = report.month
    guard let result = report.units.first(where: { $0.unit == unit }) else {
      throw .refused(
        Localized(
          "「\(unit)」不是\(month.chinese)考核的单位，无需作出情况说明；请核对单位名称（未达标的单位：\(report.shortUnits.map(\.unit).joined(separator: "、"))）",
          "\"\(unit)\" is not a unit assessed in \(month.iso), so it owes no explanation; check the name (short units: \(report.shortUnits.map(\.unit).joined(separator: ", ")))"
        ))
    }
    guard result.status == .short else {
      let state = result.status == .vacant ? "没有在任的考核对象、未予考核" : "已达标（外出 \(result.personDays) 人天）"
      let stateEn =
        result.status == .vacant
        ? "had nobody in post and was not assessed" : "met its quota (\(result.personDays) person-days)"
      throw .refused(
        Problem(
          .explanationInvalid,
          Localized(
            "\(unit)\(month.chinese)\(state)，不是未达标单位，无需作出情况说明；请核对单位和 ",
            "\(unit) was not short in \(month.iso): it \(stateEn), so it owes no explanation; check the unit and "),
          remedy: Remedy(Localized("{action}", "{action}"), .field(.month)),
          arguments: ["unit": unit, "month": month.iso]))
    }
  }

  /// The refusal of a second explanation of the unit's month, `earlier` being the one recorded.
  public static func alreadyRecorded(_ earlier: Explanation, clock: OfficeClock) -> ZhaoshangError {
    let unit = earlier.unit
    let month = earlier.month
    return .refused(
      Localized(
        "\(unit)\(month.chinese)的情况说明已于 \(earlier.received.iso) 收到并登记（\(earlier.recordedBy)，\(clock.show(earlier.recordedAt))）；每个单位每月只登记一份，登记后不能更改",
        "\(unit)'s explanation for \(month.iso) was already recorded as received on \(earlier.received.iso) (by \(earlier.recordedBy), \(clock.show(earlier.recordedAt))); one explanation is recorded per unit and month, and it cannot be changed"
      ))
  }

  /// The explanation as it is recorded: the unit and note trimmed, stamped with who recorded it and when.
  public static func filed(_ explanation: Explanation, unit: String, stamp: Stamp) -> Explanation {
    var filed = explanation
    filed.unit = unit
    filed.note = explanation.note.trimmingCharacters(in: .whitespacesAndNewlines)
    filed.recordedBy = stamp.by
    filed.recordedAt = stamp.at
    return filed
  }
}
