/// One rule file: the policy in force from its `effective_from` until the next file takes over.
public struct RuleSet: Sendable, Equatable {
  public let title: String
  public let effectiveFrom: CivilDate
  public let explanationDueDay: Int
  public let countedKinds: Set<String>
  public let prorate: Bool
  public let tiers: [Tier]
  public let source: RuleSource
  /// Whether every day counts, or only working days.
  public let counting: Counting
  /// The working calendar, with the file's local days off; required in working mode.
  public let calendar: WorkingCalendar?
  /// Days on approved leave come out of the days in post (A) when prorating.
  public let prorateLeave: Bool
  /// The trip kinds this file knows, each saying whether it counts.
  public let kinds: [TripKind]
  /// Things worth saying about the file that do not stop it being used (a superseded key).
  public let notes: [Problem]
  /// A unit short this many months in a row is marked for escalation (约谈); nil when the file sets none.
  public let escalateAfter: Int?
  /// The office that issues the bulletin (`[bulletin] office`), printed at its head and in its 落款; nil when the
  /// file has no `[bulletin]` table, and the bulletin then names no office.
  public let bulletinOffice: String?
  /// The office's clock (`timezone`, Asia/Shanghai when absent): the zone every time is shown in.
  public let clock: OfficeClock
  /// Each unit's places in the file, in the file's order: every tier listing it, the first being the one it is
  /// held to (as `tier(of:)` finds it), with its position among the file's units. Found once when the file is
  /// read: a month's check looks up every head's unit, and a bulletin checks dozens of months, so walking the
  /// tiers (and hashing a thousand Chinese names) for each would repeat.
  package let places: [String: [UnitPlace]]

  /// Where a unit stands in the rule file.
  package struct UnitPlace: Sendable, Equatable {
    /// The index in `tiers` of the first tier listing the unit.
    package let tier: Int
    /// The unit's position in `units`, the order reports list units in.
    package let order: Int
  }

  public init(
    title: String, effectiveFrom: CivilDate, explanationDueDay: Int, countedKinds: Set<String>,
    prorate: Bool, tiers: [Tier], source: RuleSource, counting: Counting = .natural,
    calendar: WorkingCalendar? = nil, prorateLeave: Bool = false, kinds: [TripKind] = TripKind.known,
    notes: [Problem] = [], escalateAfter: Int? = nil, bulletinOffice: String? = nil, clock: OfficeClock = .district
  ) {
    self.title = title
    self.effectiveFrom = effectiveFrom
    self.explanationDueDay = explanationDueDay
    self.countedKinds = countedKinds
    self.prorate = prorate
    self.tiers = tiers
    self.source = source
    self.counting = counting
    self.calendar = calendar
    self.prorateLeave = prorateLeave
    self.kinds = kinds
    self.notes = notes
    self.escalateAfter = escalateAfter
    self.bulletinOffice = bulletinOffice
    self.clock = clock
    var places: [String: [UnitPlace]] = [:]
    var order = 0
    for (index, tier) in tiers.enumerated() {
      for unit in tier.units {
        places[unit, default: []].append(UnitPlace(tier: index, order: order))
        order += 1
      }
    }
    self.places = places
  }

  /// Whether a date counts at all: every date in natural mode, working days only in working mode.
  public func counts(_ date: CivilDate) -> Bool {
    counting == .natural || (calendar?.isWorkingDay(date) ?? true)
  }

  /// Refuses a month the file cannot judge: working mode needs that year's calendar.
  public func requireCalendar(for month: Month) throws(ZhaoshangError) {
    guard counting == .working else { return }
    let name = calendar?.name ?? "cn"
    guard calendar?.years.contains(month.year) == true else {
      let missing = CalendarFileParser.path(name: name, year: month.year, besideRuleFile: source.path)
      throw .refused(
        Localized(
          "\(source.path) 按工作日计算（counting = \"working\"），但没有 \(month.year) 年的工作日历：缺少 \(missing)；请添加该文件（可参照 rules/calendar 中已有年份的格式）",
          "\(source.path) counts working days (counting = \"working\") but has no working calendar for \(month.year): \(missing) is missing; add it, following the years already in rules/calendar"
        ))
    }
  }

  /// The tier a unit belongs to, or nil when this file does not assess the unit.
  public func tier(of unit: String) -> Tier? {
    places[unit]?.first.map { tiers[$0.tier] }
  }

  /// Every unit this file assesses, in the order the file lists them.
  public var units: [String] { tiers.flatMap(\.units) }

  /// The day a short unit's explanation for `month` is due.
  public func explanationDue(for month: Month) -> CivilDate {
    let next = month.next
    let day = min(explanationDueDay, next.dayCount)
    return CivilDate(year: next.year, month: next.month, day: day) ?? next.lastDay
  }
}

/// What a "day out" is: any calendar day, or only a working day.
public enum Counting: String, Sendable, Equatable {
  case natural
  case working
}

/// Where a rule file came from, so every report can name the exact rules that produced it.
public struct RuleSource: Sendable, Equatable {
  public let path: String
  public let sha256: String

  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}
