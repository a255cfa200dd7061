/// The monthly bulletin (招商通报) as the district office publishes it: figures, a ranked table, the units short.
public struct Bulletin: Sendable, Equatable, Codable {
  public let month: Month
  /// The policy the bulletin cites.
  public let rulesTitle: String
  public let figures: MonthFigures
  public let yearToDate: YearToDate
  /// One row per assessed unit, most person-days first.
  public let rows: [BulletinRow]
  /// The short units in table order, each with its short heads.
  public let shortUnits: [BulletinShortUnit]
  public let explanationDue: CivilDate
  /// The rule file's `escalate_after`, nil when it marks nobody.
  public let escalateAfter: Int?
  /// Units nobody was in post for: not assessed, but named so that no unit silently drops out of the bulletin.
  public let vacantUnits: [String]
  /// The month as read on a day (not begun, so far, who has not reported); nil in a frozen bulletin.
  public let completeness: MonthCompleteness?

  enum CodingKeys: String, CodingKey {
    case month, figures, rows, completeness
    case rulesTitle = "rules_title"
    case yearToDate = "year_to_date"
    case shortUnits = "short_units"
    case explanationDue = "explanation_due"
    case escalateAfter = "escalate_after"
    case vacantUnits = "vacant_units"
  }

  public init(
    month: Month, rulesTitle: String, figures: MonthFigures, yearToDate: YearToDate, rows: [BulletinRow],
    shortUnits: [BulletinShortUnit], explanationDue: CivilDate, escalateAfter: Int?, vacantUnits: [String],
    completeness: MonthCompleteness? = nil
  ) {
    self.month = month
    self.rulesTitle = rulesTitle
    self.figures = figures
    self.yearToDate = yearToDate
    self.rows = rows
    self.shortUnits = shortUnits
    self.explanationDue = explanationDue
    self.escalateAfter = escalateAfter
    self.vacantUnits = vacantUnits
    self.completeness = completeness
  }

  /// Short units that have not reported yet (未报送), in table order: named, not counted as short.
  public var unreportedUnits: [String] { rows.filter { $0.status == .notReported }.map(\.unit) }

  /// The 合计 row's 外出人数.
  public var totalPeopleOut: Int { rows.reduce(0) { $0 + $1.peopleOut } }
  /// The 合计 row's 外出天数.
  public var totalPersonDays: DayCount { rows.reduce(.zero) { $0 + $1.personDays } }
  /// Short units marked for escalation (约谈).
  public var escalatedUnits: [BulletinShortUnit] { shortUnits.filter(\.escalate) }
}

/// A month's headline figures: what the bulletin's first paragraph states.
public struct MonthFigures: Sendable, Equatable, Codable {
  public let unitsAssessed: Int
  /// Assessed heads with any counted day.
  public let headsOut: Int
  public let personDays: DayCount
  /// 人次: counted, non-void trips of assessed heads that end in the month. A trip across a month end counts
  /// once, in the month it ends, as the units report it once it is over.
  public let trips: Int

  enum CodingKeys: String, CodingKey {
    case trips
    case unitsAssessed = "units_assessed"
    case headsOut = "heads_out"
    case personDays = "person_days"
  }

  public init(unitsAssessed: Int, headsOut: Int, personDays: DayCount, trips: Int) {
    self.unitsAssessed = unitsAssessed
    self.headsOut = headsOut
    self.personDays = personDays
    self.trips = trips
  }

  /// The figures of `report.month`, counting 人次 from `trips` (trips of any month; void ones are skipped).
  public static func of(_ report: CheckReport, trips: [Trip]) -> MonthFigures {
    of(
      report,
      tripCount: BulletinTrips.counted(trips, report: report).filter { Month(containing: $0.end) == report.month }
        .count)
  }

  /// The figures of `report.month`, given its 人次 already counted.
  static func of(_ report: CheckReport, tripCount: Int) -> MonthFigures {
    let assessed = report.units.filter { $0.status != .vacant }
    return MonthFigures(
      unitsAssessed: assessed.count, headsOut: assessed.reduce(0) { $0 + $1.peopleOut },
      personDays: assessed.reduce(.zero) { $0 + $1.personDays }, trips: tripCount)
  }
}

/// 今年以来: the year's 人次 and person-days, from `from` through `through`.
public struct YearToDate: Sendable, Equatable, Codable {
  /// January, or the ledger's first month when it began later in the year.
  public let from: Month
  public let through: Month
  public let trips: Int
  public let personDays: DayCount

  enum CodingKeys: String, CodingKey {
    case from, through, trips
    case personDays = "person_days"
  }

  public init(from: Month, through: Month, trips: Int, personDays: DayCount) {
    self.from = from
    self.through = through
    self.trips = trips
    self.personDays = personDays
  }

  /// The total of months' figures, oldest first; nil for no months.
  public static func summing(_ months: [(Month, MonthFigures)]) -> YearToDate? {
    guard let first = months.first?.0, let last = months.last?.0 else { return nil }
    return YearToDate(
      from: first, through: last, trips: months.reduce(0) { $0 + $1.1.trips },
      personDays: months.reduce(.zero) { $0 + $1.1.personDays })
  }
}

/// One row of the bulletin's table: 序号 | 单位 | 外出人数 | 外出天数 | 去向 | 是否达标.
public struct BulletinRow: Sendable, Equatable, Codable {
  public let rank: Int
  public let unit: String
  /// The tier's id.
  public let tier: String
  public let peopleOut: Int
  public let personDays: DayCount
  /// Distinct destinations of the month's trips, in order of first visit.
  public let destinations: [String]
  public let status: UnitStatus
  /// Short `escalate_after` months in a row: marked 约谈.
  public let escalate: Bool

  enum CodingKeys: String, CodingKey {
    case rank, unit, tier, destinations, status, escalate
    case peopleOut = "people_out"
    case personDays = "person_days"
  }

  public init(
    rank: Int, unit: String, tier: String, peopleOut: Int, personDays: DayCount, destinations: [String],
    status: UnitStatus, escalate: Bool
  ) {
    self.rank = rank
    self.unit = unit
    self.tier = tier
    self.peopleOut = peopleOut
    self.personDays = personDays
    self.destinations = destinations
    self.status = status
    self.escalate = escalate
  }

  /// False for the rows marked 未外出.
  public var wentOut: Bool { personDays > .zero }
}

/// A short unit as the bulletin's second section lists it.
public struct BulletinShortUnit: Sendable, Equatable, Codable {
  public let unit: String
  public let heads: [ShortHead]
  /// Consecutive short months ending with this one (1 when the month before was not short).
  public let shortRun: Int
  public let escalate: Bool

  enum CodingKeys: String, CodingKey {
    case unit, heads, escalate
    case shortRun = "short_run"
  }

  public init(unit: String, heads: [ShortHead], shortRun: Int, escalate: Bool) {
    self.unit = unit
    self.heads = heads
    self.shortRun = shortRun
    self.escalate = escalate
  }
}

/// A head short of the quota: counted against required days.
public struct ShortHead: Sendable, Equatable, Codable {
  public let name: String
  public let role: String
  public let counted: DayCount
  public let required: DayCount

  public init(name: String, role: String, counted: DayCount, required: DayCount) {
    self.name = name
    self.role = role
    self.counted = counted
    self.required = required
  }
}

extension Bulletin {
  /// Builds the bulletin of `report.month`.
  ///
  /// - Parameters:
  ///   - trips: trips touching the month, void ones included (they are left out here).
  ///   - earlierThisYear: the year's figures for the months before this one; nil when there are none.
  ///   - previousShortRuns: per unit, the consecutive short months ending with the month before.
  public static func build(
    report: CheckReport, trips: [Trip], earlierThisYear: YearToDate?, previousShortRuns: [String: Int]
  ) -> Bulletin {
    build(
      report: report, figures: MonthFigures.of(report, trips: trips),
      destinations: BulletinTrips.destinations(trips, report: report), earlierThisYear: earlierThisYear,
      previousShortRuns: previousShortRuns)
  }

  /// Builds the bulletin of `report.month` from its figures and each unit's destinations already found, as the
  /// ledger reads them without building the month's trips.
  package static func build(
    report: CheckReport, figures: MonthFigures, destinations: [String: [String]], earlierThisYear: YearToDate?,
    previousShortRuns: [String: Int]
  ) -> Bulletin {
    let yearToDate = YearToDate(
      from: earlierThisYear?.from ?? report.month, through: report.month,
      trips: (earlierThisYear?.trips ?? 0) + figures.trips,
      personDays: (earlierThisYear?.personDays ?? .zero) + figures.personDays)
    let escalateAfter = report.rules.escalateAfter
    func run(_ unit: UnitResult) -> Int {
      unit.status == .short ? (previousShortRuns[unit.unit] ?? 0) + 1 : 0
    }
    func escalates(_ unit: UnitResult) -> Bool {
      guard let escalateAfter, unit.status == .short else { return false }
      return run(unit) >= escalateAfter
    }
    // Most person-days first, so units with no day out come last; ties in the rule file's order, as everywhere.
    let ranked = UnitOrder(report.rules).ranked(
      report.units.filter { $0.status != .vacant }, unit: \.unit, days: \.personDays)
    let rows = ranked.enumerated().map { index, unit in
      BulletinRow(
        rank: index + 1, unit: unit.unit, tier: unit.tier.id, peopleOut: unit.peopleOut, personDays: unit.personDays,
        destinations: destinations[unit.unit] ?? [], status: unit.status, escalate: escalates(unit))
    }
    // Section 二 lists the short units as the rule file does, the order of the check and of `owing --format notice`.
    let shortUnits = report.shortUnits.map { unit in
      BulletinShortUnit(
        unit: unit.unit,
        heads: report.people(of: unit.unit).filter { !$0.compliant }.map {
          ShortHead(name: $0.name, role: $0.role, counted: $0.counted, required: $0.required)
        }, shortRun: run(unit), escalate: escalates(unit))
    }
    return Bulletin(
      month: report.month, rulesTitle: report.rules.title, figures: figures, yearToDate: yearToDate, rows: rows,
      shortUnits: shortUnits, explanationDue: report.explanationDue, escalateAfter: escalateAfter,
      vacantUnits: report.units.filter { $0.status == .vacant }.map(\.unit), completeness: report.completeness)
  }
}

/// Which trips a bulletin speaks of: those the check counted for an assessed head.
package enum BulletinTrips {
  /// Non-void trips of a counted kind by heads assessed in the month, touching the month, in order of departure.
  static func counted(_ trips: [Trip], report: CheckReport) -> [Trip] {
    let assessed = Set(report.people.map { HeadKey(unit: $0.unit, name: $0.name) })
    let first = report.month.firstDay
    let last = report.month.lastDay
    return trips.filter { trip in
      trip.isCounted && report.rules.countedKinds.contains(trip.kind)
        && assessed.contains(HeadKey(unit: trip.unit, name: trip.name)) && trip.start <= last && trip.end >= first
    }.enumerated().sorted { left, right in
      (left.element.start, left.element.startsAfternoon ? 1 : 0, left.element.id ?? Int64.max, left.offset)
        < (right.element.start, right.element.startsAfternoon ? 1 : 0, right.element.id ?? Int64.max, right.offset)
    }.map(\.element)
  }

  /// Each unit's distinct destinations, in order of first visit, from trips read without building a `Trip`: the
  /// counted trips of the month's kinds touching it, each as its head's id and destination, in `counted`'s order
  /// (departure, a morning before an afternoon, then the id). Only the heads in `assessed` are heard, each unit
  /// found through `unitOf`.
  package static func destinations(
    ordered trips: [(head: Int64, destination: String)], unitOf: [Int64: String], assessed: Set<Int64>
  ) -> [String: [String]] {
    var seen: [String: Set<String>] = [:]
    var result: [String: [String]] = [:]
    for trip in trips where assessed.contains(trip.head) {
      guard let unit = unitOf[trip.head], seen[unit, default: []].insert(trip.destination).inserted else { continue }
      result[unit, default: []].append(trip.destination)
    }
    return result
  }

  /// Each unit's distinct destinations, in order of first visit.
  static func destinations(_ trips: [Trip], report: CheckReport) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for trip in counted(trips, report: report) where !(result[trip.unit] ?? []).contains(trip.destination) {
      result[trip.unit, default: []].append(trip.destination)
    }
    return result
  }
}
