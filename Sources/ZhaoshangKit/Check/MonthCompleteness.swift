/// How complete a month's data is on a given day: whether the month has begun or ended, whether any trip touches
/// it, and which units have reported it (报送). A check of a month that has not ended, or that no unit has sent
/// anything for, must not read as a district-wide failure: this is what lets every report say so.
public struct MonthCompleteness: Sendable, Equatable, Codable {
  public let month: Month
  /// The day the month is judged on: today.
  public let asOf: CivilDate
  /// The rule file's explanation due day: until it passes, a unit that has not reported is 未报送, not short.
  public let reportsDue: CivilDate
  /// The units' reports of the month, in the order recorded.
  public let reports: [MonthReport]
  /// Whether any trip that is not void touches the month.
  public let hasTrips: Bool

  enum CodingKeys: String, CodingKey {
    case month, reports
    case asOf = "as_of"
    case reportsDue = "reports_due"
    case hasTrips = "has_trips"
  }

  public init(month: Month, asOf: CivilDate, reportsDue: CivilDate, reports: [MonthReport], hasTrips: Bool) {
    self.month = month
    self.asOf = asOf
    self.reportsDue = reportsDue
    self.reports = reports
    self.hasTrips = hasTrips
  }

  /// Where the month stands on `asOf`.
  public enum Phase: Sendable, Equatable {
    /// The month has not begun: every figure is zero and means nothing.
    case future
    /// The month is under way: figures so far, with the days left after `asOf`.
    case underway(daysLeft: Int)
    case ended
  }

  public var phase: Phase {
    if asOf < month.firstDay { return .future }
    if asOf <= month.lastDay { return .underway(daysLeft: month.lastDay.ordinal - asOf.ordinal) }
    return .ended
  }

  /// The word used in JSON: `future`, `so_far` or `ended`.
  public var phaseKey: String {
    switch phase {
    case .future: return "future"
    case .underway: return "so_far"
    case .ended: return "ended"
    }
  }

  /// The unit's report of the month, nil while it has not reported.
  public func report(of unit: String) -> MonthReport? { reports.first { $0.unit == unit } }

  /// Whether a unit that has not reported is still shown as 未报送 rather than short: until the due day passes.
  public var unreportedIsProvisional: Bool { asOf <= reportsDue }

  /// 「截至2022年7月20日（本月还剩11天）」, or nil once the month has ended.
  public func soFar(_ language: Language) -> String? {
    guard case .underway(let left) = phase else { return nil }
    return language.pick(
      "截至\(asOf.chinese)（本月还剩 \(left) 天）", "so far, as of \(asOf.iso) (\(left) \(left == 1 ? "day" : "days") left)")
  }

  /// The assessed units (anyone in post) that have not reported, in the report's order.
  public func unreported(in report: CheckReport) -> [String] {
    report.units.filter { $0.status != .vacant && self.report(of: $0.unit) == nil }.map(\.unit)
  }

  /// What every report of the month must say before its figures: the month not begun or not over, no trip at
  /// all, nobody assessed, the units that have not reported, zero reports that are still short.
  public func notices(for report: CheckReport) -> [Localized] {
    var lines: [Localized] = []
    let month = self.month
    switch phase {
    case .future:
      lines.append(
        Localized(
          "\(month.chinese)还没有开始（今天是 \(asOf.iso)）：以下数字全部为零，不是考核结果；请在月末后再核算",
          "\(month.iso) has not begun (today is \(asOf.iso)): every figure below is zero and is no result; check the month once it is over"
        ))
    case .underway(let left):
      lines.append(
        Localized(
          "\(month.chinese)尚未结束：以下为截至\(asOf.chinese)的情况（本月还剩 \(left) 天），未达标只是暂时的；请在月末后、各单位报送后再核算",
          "\(month.iso) is not over: these are the figures so far, as of \(asOf.iso) (\(left) \(left == 1 ? "day" : "days") left), and a shortfall is provisional; check again once the month is over and the units have reported"
        ))
    case .ended: break
    }
    if !hasTrips && phase != .future {
      lines.append(
        Localized(
          "\(month.chinese)没有任何外出记录：这多半是各单位的外出还没有导入，不表示全部未达标；请先用 zhaoshang import trips 导入各单位报送的外出，确未外出的单位用 zhaoshang reported --unit 单位 --month \(month.iso) --none 报送",
          "\(month.iso) has no trips at all: most likely the units' trips are not imported yet, which does not make every unit short; import them with `zhaoshang import trips`, and have a unit that did not go out report it with `zhaoshang reported --unit UNIT --month \(month.iso) --none`"
        ))
    }
    if let empty = Self.emptyRosterNotice(report) { lines.append(empty) }
    let unreported = phase == .future ? [] : self.unreported(in: report)
    if !unreported.isEmpty {
      let zhUnits = unreported.joined(separator: "、")
      let enUnits = unreported.joined(separator: ", ")
      if unreportedIsProvisional {
        lines.append(
          Localized(
            "尚未报送的单位（\(unreported.count) 个）：\(zhUnits)。在 \(reportsDue.chinese)（说明截止日）前，未报送的单位标为「未报送」而不是「未达标」，逾期仍未报送的按未达标处理；外出全部登记后请报送：zhaoshang reported --unit 单位 --month \(month.iso)，未外出的加 --none",
            "units that have not reported (\(unreported.count)): \(enUnits). Until \(reportsDue.iso) (the explanation due day) a unit that has not reported is marked \"not reported\", not \"short\"; after it, it counts as short. Once its trips are in, a unit reports with `zhaoshang reported --unit UNIT --month \(month.iso)` (add --none if it did not go out)"
          ))
      } else {
        lines.append(
          Localized(
            "逾期未报送的单位（\(unreported.count) 个）：\(zhUnits)；已过 \(reportsDue.chinese)（说明截止日），按未达标处理",
            "units that did not report by \(reportsDue.iso), the explanation due day (\(unreported.count)): \(enUnits); they are judged short"
          ))
      }
    }
    let zeroShort = report.units.filter { unit in
      unit.status == .short && self.report(of: unit.unit)?.nothingToReport == true
    }.map(\.unit)
    if !zeroShort.isEmpty {
      lines.append(
        Localized(
          "\(zeroShort.joined(separator: "、"))报送了未外出（零）：已报送，但应外出天数不变，仍为未达标，须作出情况说明",
          "\(zeroShort.joined(separator: ", ")) reported that \(zeroShort.count == 1 ? "it" : "they") did not go out (a zero report): reported, but the required days stand, so \(zeroShort.count == 1 ? "it is" : "they are") still short and owe an explanation"
        ))
    }
    let contradicted = report.units.filter { unit in
      unit.personDays > .zero && self.report(of: unit.unit)?.nothingToReport == true
    }.map(\.unit)
    if !contradicted.isEmpty {
      lines.append(
        Localized(
          "\(contradicted.joined(separator: "、"))报送了未外出，但台账中有其外出天数；请核对后作废误登的外出，或在报送中说明",
          "\(contradicted.joined(separator: ", ")) reported that \(contradicted.count == 1 ? "it" : "they") did not go out, yet the ledger counts days out; check them and void any trip recorded by mistake"
        ))
    }
    return lines
  }

  /// Said whenever nobody is assessed: an empty roster never reads as "every unit met its quota". Not of a
  /// report narrowed to one unit, whose being vacant says nothing of the roster.
  public static func emptyRosterNotice(_ report: CheckReport) -> Localized? {
    guard report.scopedUnit == nil else { return nil }
    guard !report.units.contains(where: { $0.status != .vacant }) else { return nil }
    return emptyRoster(report.month)
  }

  public static func emptyRoster(_ month: Month) -> Localized {
    Localized(
      "\(month.chinese)没有任何单位有在任的考核对象（花名册为空或全部离任）：没有单位参加考核，这不表示各单位都已达标；请先导入花名册（zhaoshang import roster 花名册.csv）或逐个登记（zhaoshang roster add）",
      "nobody was in post in \(month.iso) (the roster is empty or everyone has left): no unit was assessed, which does not mean every unit met its quota; import the roster (`zhaoshang import roster roster.csv`) or add heads one by one (`zhaoshang roster add`)"
    )
  }
}

extension CheckReport {
  /// The report as it must be read on `completeness.asOf`: a short unit that has not reported is 未报送 until the
  /// due day passes, and the month's notices (not begun, not over, no trips, nobody assessed, who has not
  /// reported) come first among the warnings. For a month still open: a closed month's frozen result stands.
  public func marking(_ completeness: MonthCompleteness) -> CheckReport {
    let marked = units.map { unit -> UnitResult in
      guard unit.status == .short, completeness.report(of: unit.unit) == nil, completeness.unreportedIsProvisional
      else { return unit }
      return UnitResult(
        unit: unit.unit, tier: unit.tier, status: .notReported, peopleOut: unit.peopleOut,
        personDays: unit.personDays, explanationDue: unit.explanationDue)
    }
    return CheckReport(
      month: month, rules: rules, people: people, units: marked,
      warnings: completeness.notices(for: self) + warnings, completeness: completeness, scopedUnit: scopedUnit)
  }
}
