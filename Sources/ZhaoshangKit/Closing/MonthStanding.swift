/// A month's result as every report must show it: the frozen one once the month is closed, with what changed since.
public struct MonthStanding: Sendable {
  public let month: Month
  /// The close in force, nil while the month is open.
  public let closed: ClosedMonth?
  /// Today's computation; a failure when no rule file covers the month any more.
  public let current: Result<CheckReport, ZhaoshangError>
  /// Changes recorded against the close in force, oldest first.
  public let amendments: [AmendmentEntry]
  /// The latest undone close, when the month was closed and reopened and is open now.
  public let lastReopened: ClosedMonth?
  /// Who has reported the month and whether it is over, when the standing was read as of a day.
  public let completeness: MonthCompleteness?

  public init(
    month: Month, closed: ClosedMonth?, current: Result<CheckReport, ZhaoshangError>, amendments: [AmendmentEntry],
    lastReopened: ClosedMonth?, completeness: MonthCompleteness? = nil
  ) {
    self.month = month
    self.closed = closed
    self.current = current
    self.amendments = amendments
    self.lastReopened = lastReopened
    self.completeness = completeness
  }

  /// The frozen result of a closed month, else today's; `current` asks for today's in any case. Today's is read
  /// as of the standing's day when it has one (`CheckReport.marking`); a frozen result stands as published.
  public func report(current useCurrent: Bool = false) throws(ZhaoshangError) -> CheckReport {
    if !useCurrent, let closed { return closed.report }
    let report = try current.get()
    return completeness.map(report.marking) ?? report
  }

  /// How today's computation differs from the frozen result; empty while the month is open or nothing changed.
  public var differences: [Localized] {
    guard let closed, case .success(let now) = current else { return [] }
    return FrozenComparison.differences(frozen: closed.report, current: now)
  }
}

/// A month's bulletin as `bulletin` shows it: frozen once the month is closed.
public struct BulletinStanding: Sendable {
  public let standing: MonthStanding
  /// The bulletin built from today's data.
  public let current: Result<Bulletin, ZhaoshangError>

  public init(standing: MonthStanding, current: Result<Bulletin, ZhaoshangError>) {
    self.standing = standing
    self.current = current
  }

  public func bulletin(current useCurrent: Bool = false) throws(ZhaoshangError) -> Bulletin {
    if !useCurrent, let closed = standing.closed { return closed.bulletin }
    return try current.get()
  }

  /// The check's differences, then those only the bulletin shows (destinations, year-to-date, escalation).
  public var differences: [Localized] {
    guard let closed = standing.closed, case .success(let now) = current else { return standing.differences }
    return standing.differences + FrozenComparison.differences(frozen: closed.bulletin, current: now)
  }
}

/// Compares a frozen result with today's, in sentences an auditor can check line by line.
public enum FrozenComparison {
  public static func differences(frozen: CheckReport, current: CheckReport) -> [Localized] {
    var lines: [Localized] = []
    if frozen.rules.source.sha256 != current.rules.source.sha256 {
      lines.append(
        Localized(
          "规则文件已改变：封存时为 \(frozen.rules.source.path)（sha256 \(frozen.rules.source.sha256.prefix(12))），现在为 \(current.rules.source.path)（sha256 \(current.rules.source.sha256.prefix(12))）",
          "the rule file has changed: \(frozen.rules.source.path) (sha256 \(frozen.rules.source.sha256.prefix(12))) when closed, \(current.rules.source.path) (sha256 \(current.rules.source.sha256.prefix(12))) today"
        ))
    }
    let before = Dictionary(
      frozen.people.map { (HeadKey(unit: $0.unit, name: $0.name), $0) }, uniquingKeysWith: { first, _ in first })
    let after = Dictionary(
      current.people.map { (HeadKey(unit: $0.unit, name: $0.name), $0) }, uniquingKeysWith: { first, _ in first })
    for person in frozen.people {
      let key = HeadKey(unit: person.unit, name: person.name)
      guard let now = after[key] else {
        lines.append(
          Localized(
            "\(person.unit) \(person.name)：封存时参加考核，现在不再考核",
            "\(person.unit) \(person.name): assessed when closed, not today"))
        continue
      }
      if now.counted != person.counted {
        lines.append(
          Localized(
            "\(person.unit) \(person.name)：已外出天数 \(person.counted) → \(now.counted)",
            "\(person.unit) \(person.name): counted days \(person.counted) → \(now.counted)"))
      }
      if now.required != person.required {
        lines.append(
          Localized(
            "\(person.unit) \(person.name)：应外出天数 \(person.required) → \(now.required)",
            "\(person.unit) \(person.name): required days \(person.required) → \(now.required)"))
      }
    }
    for person in current.people where before[HeadKey(unit: person.unit, name: person.name)] == nil {
      lines.append(
        Localized(
          "\(person.unit) \(person.name)：封存时未考核，现在参加考核（已外出 \(person.counted) 天，应外出 \(person.required) 天）",
          "\(person.unit) \(person.name): not assessed when closed, assessed today (counted \(person.counted) of \(person.required) days)"
        ))
    }
    let statusBefore = Dictionary(frozen.units.map { ($0.unit, $0.status) }, uniquingKeysWith: { first, _ in first })
    for unit in current.units {
      let old = statusBefore[unit.unit]
      guard old != unit.status else { continue }
      let oldZh = old?.label(.zh) ?? "未列入"
      let oldEn = old?.label(.en) ?? "not listed"
      lines.append(
        Localized(
          "\(unit.unit)：\(oldZh) → \(unit.status.label(.zh))", "\(unit.unit): \(oldEn) → \(unit.status.label(.en))"))
    }
    return lines
  }

  /// What only the bulletin shows; head and unit changes are left to the check's comparison.
  public static func differences(frozen: Bulletin, current: Bulletin) -> [Localized] {
    var lines: [Localized] = []
    if frozen.figures.trips != current.figures.trips {
      lines.append(
        Localized(
          "本月外出人次 \(frozen.figures.trips) → \(current.figures.trips)",
          "trips this month \(frozen.figures.trips) → \(current.figures.trips)"))
    }
    if frozen.yearToDate != current.yearToDate {
      let old = frozen.yearToDate
      let new = current.yearToDate
      lines.append(
        Localized(
          "今年以来累计 \(old.trips)人次、\(old.personDays)天 → \(new.trips)人次、\(new.personDays)天",
          "year to date \(old.trips) trips, \(old.personDays) days → \(new.trips) trips, \(new.personDays) days"))
    }
    let oldRows = Dictionary(frozen.rows.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
    for row in current.rows {
      guard let old = oldRows[row.unit] else { continue }
      if old.destinations != row.destinations {
        lines.append(
          Localized(
            "\(row.unit)：去向「\(old.destinations.joined(separator: "、"))」→「\(row.destinations.joined(separator: "、"))」",
            "\(row.unit): destinations \"\(old.destinations.joined(separator: ", "))\" → \"\(row.destinations.joined(separator: ", "))\""
          ))
      }
      if old.escalate != row.escalate {
        lines.append(
          Localized(
            "\(row.unit)：\(row.escalate ? "现在应约谈" : "现在不再约谈")",
            "\(row.unit): \(row.escalate ? "now marked for escalation" : "no longer marked for escalation")"))
      }
    }
    return lines
  }
}

/// The lines that accompany a closed month's report: when and by whom it was closed, whether today's computation
/// would differ, and the amendments since.
public enum ClosedMonthNotice {
  public static func lines(
    _ standing: MonthStanding, differences: [Localized], showingCurrent: Bool, clock: OfficeClock = .district,
    language: Language
  ) -> [String] {
    guard let closed = standing.closed else {
      guard let reopened = standing.lastReopened, let reopening = reopened.reopening else { return [] }
      return [
        language.pick(
          "注意：\(standing.month.chinese)曾于 \(clock.show(reopened.closedAt)) 由 \(reopened.closedBy) 封存，已于 \(clock.show(reopening.at)) 由 \(reopening.by) 解除封存（原因：\(reopening.reason)）；以下为按今天的数据计算的结果。",
          "note: \(standing.month.iso) was closed on \(clock.show(reopened.closedAt)) by \(reopened.closedBy) and reopened on \(clock.show(reopening.at)) by \(reopening.by) (reason: \(reopening.reason)); this is today's computation."
        )
      ]
    }
    var lines: [String] = []
    let forced = closed.forced ? language.pick("（月末前提前封存）", " (before the month ended)") : ""
    if showingCurrent {
      lines.append(
        language.pick(
          "注意：\(standing.month.chinese)已于 \(clock.show(closed.closedAt)) 由 \(closed.closedBy) 封存\(forced)；按 --current 显示的是今天的计算结果，不是封存的结果。",
          "note: \(standing.month.iso) was closed on \(clock.show(closed.closedAt)) by \(closed.closedBy)\(forced); as --current asks, this is today's computation, not the frozen result."
        ))
    } else {
      lines.append(
        language.pick(
          "注意：\(standing.month.chinese)已于 \(clock.show(closed.closedAt)) 由 \(closed.closedBy) 封存\(forced)；以下为封存时的结果（规则 \(closed.rulesPath)，sha256 \(closed.rulesSHA256.prefix(12))）。",
          "note: \(standing.month.iso) was closed on \(clock.show(closed.closedAt)) by \(closed.closedBy)\(forced); this is the frozen result (rules \(closed.rulesPath), sha256 \(closed.rulesSHA256.prefix(12)))."
        ))
    }
    switch standing.current {
    case .failure(let error):
      lines.append(
        language.pick("无法按今天的规则重新计算：", "today's result cannot be computed: ") + error.text(language))
    case .success:
      if differences.isEmpty {
        lines.append(language.pick("按今天的数据和规则计算，结果相同。", "today's data and rules give the same result."))
      } else {
        lines.append(
          language.pick(
            "按今天的数据和规则计算，结果会不同\(showingCurrent ? "" : "（用 --current 查看今天的计算）")：",
            "today's data and rules would give a different result\(showingCurrent ? "" : " (see it with --current)"):"))
        lines += differences.map { "  - " + $0.text(language) }
      }
    }
    if standing.amendments.isEmpty {
      lines.append(language.pick("封存后没有更正。", "no amendments since closing."))
    } else {
      lines.append(
        language.pick(
          "封存后的更正（\(standing.amendments.count) 条）：", "amendments since closing (\(standing.amendments.count)):"))
      lines += standing.amendments.map { entry in
        language.pick(
          "  - \(clock.show(entry.at)) \(entry.by)：\(entry.command)（原因：\(entry.reason)）",
          "  - \(clock.show(entry.at)) \(entry.by): \(entry.command) (reason: \(entry.reason))")
      }
    }
    return lines
  }
}
