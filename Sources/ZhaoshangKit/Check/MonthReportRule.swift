import Foundation

/// Who may report a unit's month (报送) and when, decided over values: every store checks a report here before
/// writing it, and asks here what to say when the month is already reported or a 未外出 report meets trips.
public enum MonthReportRule {
  /// The unit (trimmed) and the month's rules, when `actor` may report `unit`'s `month` as of `today`: refused for
  /// a viewer, another unit's account, a blank or unreadable unit, a month not yet begun, and a unit the month's
  /// rule file does not assess.
  public static func admit(unit: String, month: Month, rules: RuleBook, today: CivilDate, actor: ActingUser)
    throws(ZhaoshangError) -> (unit: String, rules: RuleSet)
  {
    let unit = unit.trimmingCharacters(in: .whitespacesAndNewlines)
    try Ledger.requireWriter(actor)
    guard actor.reaches(unit: unit) else {
      throw .forbidden(
        Localized(
          "\(actor.describe(.zh))只能报送本单位的月份，不能报送「\(unit)」的",
          "\(actor.describe(.en)) may report its own unit's months only, not \(unit)'s"))
    }
    if TextField.isBlank(unit) {
      throw .invalid(
        .valueMissing, field: .unit, Localized("单位不能为空；请写明报送的单位", "the unit is empty; name the unit that reports"),
        remedy: Remedy(Localized("，如 {action}", ", e.g. {action}"), .fill(.unit, example: Localized("朱坝街道", "朱坝街道"))))
    }
    if let problem = TextField.unit.problem(with: unit) {
      throw .invalidInput([Problem(.textInvalid, field: .unit, problem)])
    }
    guard today >= month.firstDay else {
      throw .refused(
        Problem(
          .monthState,
          Localized(
            "\(month.chinese)还没有开始（今天是 \(today.iso)），不能报送；请在该月开始后再报送",
            "\(month.iso) has not begun (today is \(today.iso)), so it cannot be reported yet; report it once it has begun"
          ), arguments: ["month": month.iso, "today": today.iso]))
    }
    let ruleSet = try rules.ruleSet(for: month)
    guard ruleSet.units.contains(unit) else {
      throw .invalid(
        .unitUnknown, field: .unit, excerpt: unit,
        Localized(
          "\(month.chinese)适用的规则文件中没有单位「\(unit)」；请核对单位名称（zhaoshang rules show 列出全部单位）",
          "the rule file in force for \(month.iso) has no unit \"\(unit)\"; check the name (`zhaoshang rules show` lists every unit)"
        ))
    }
    return (unit, ruleSet)
  }

  /// The refusal of a second report of the month `earlier` already reports.
  public static func alreadyReported(_ earlier: MonthReport) -> ZhaoshangError {
    let unit = earlier.unit
    let month = earlier.month
    let what = earlier.nothingToReport ? ("未外出", "as did not go out") : ("", "")
    return .conflict(
      Localized(
        "\(unit)已于 \(earlier.recordedAt) 报送\(month.chinese)\(what.0.isEmpty ? "" : "（\(what.0)）")（\(earlier.recordedBy)）；每个单位每月只报送一次，报送后不能更改。补登的外出照常登记即可",
        "\(unit) already reported \(month.iso)\(what.1.isEmpty ? "" : " \(what.1)") on \(earlier.recordedAt) (by \(earlier.recordedBy)); a unit reports a month once and the report cannot change. Trips found later are logged as usual"
      ))
  }

  /// The refusal of a 未外出 report when the unit has trips of the month (`trips`, void ones included) that count:
  /// a video call is not going out. Nil when none does.
  public static func refusingNone(unit: String, month: Month, trips: [Trip], rules: RuleSet) -> ZhaoshangError? {
    let trips = trips.filter { !$0.isVoid && rules.countedKinds.contains($0.kind) }
    guard !trips.isEmpty else { return nil }
    let ids = trips.compactMap(\.id).map(String.init).joined(separator: " ")
    return .refused(
      Localized(
        "\(unit)\(month.chinese)已登记 \(trips.count) 条外出（编号 \(ids)），不能报送未外出；如外出已全部登记，请去掉 --none 报送（本月已报送）",
        "\(unit) has \(trips.count) \(trips.count == 1 ? "trip" : "trips") recorded in \(month.iso) (ids \(ids)), so it cannot report that it did not go out; if every trip is in, report without --none"
      ))
  }
}
