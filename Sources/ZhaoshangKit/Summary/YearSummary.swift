/// A year of monthly results per unit and head: months assessed, months short, days, and runs of short months.
public struct YearSummary: Sendable, Equatable, Codable {
  public let year: Int
  /// The months with a result, oldest first; months before the ledger began or not yet ended are absent.
  public let months: [Month]
  public let units: [UnitYear]
  public let heads: [HeadYear]

  public init(year: Int, months: [Month], units: [UnitYear], heads: [HeadYear]) {
    self.year = year
    self.months = months
    self.units = units
    self.heads = heads
  }

  /// Summarises the year's monthly results.
  ///
  /// - Parameters:
  ///   - reports: the year's monthly results, oldest first.
  ///   - carriedShortRuns: per unit, the consecutive short months ending with the month before the first report,
  ///     so a run that began last year still leads to escalation this year. Longest runs count this year only.
  /// The months of `year` the summary counts, in order: those over by `today`, and those closed unless every month
  /// is read from today's data (`current`). Both stores read the results in force of exactly these.
  package static func monthsCounted(year: Int, today: CivilDate, current: Bool, isClosed: (Month) -> Bool) -> [Month] {
    guard var cursor = Month(year: year, month: 1) else { return [] }
    var counted: [Month] = []
    while cursor.year == year {
      if cursor.lastDay < today || (!current && isClosed(cursor)) { counted.append(cursor) }
      guard cursor.next > cursor else { break }
      cursor = cursor.next
    }
    return counted
  }

  public static func build(year: Int, reports: [CheckReport], carriedShortRuns: [String: Int] = [:]) -> YearSummary {
    var units: [String: UnitYear.Builder] = [:]
    var unitOrder: [String] = []
    var heads: [HeadKey: HeadYear.Builder] = [:]
    var headOrder: [HeadKey] = []
    var runs = carriedShortRuns
    var previous = reports.first?.month.previous
    for report in reports {
      if previous?.next != report.month { runs = [:] }
      previous = report.month
      runs = ShortRuns.step(runs, report)
      for unit in report.units where unit.status != .vacant {
        if units[unit.unit] == nil {
          unitOrder.append(unit.unit)
          units[unit.unit] = UnitYear.Builder(unit: unit.unit, tier: unit.tier.id)
        }
        let run = runs[unit.unit] ?? 0
        let escalates = report.rules.escalateAfter.map { run >= $0 } ?? false
        units[unit.unit]?.add(month: report.month, personDays: unit.personDays, run: run, escalates: escalates)
      }
      for person in report.people {
        let key = HeadKey(unit: person.unit, name: person.name)
        if heads[key] == nil {
          headOrder.append(key)
          heads[key] = HeadYear.Builder(unit: person.unit, name: person.name)
        }
        heads[key]?.add(month: report.month, person: person)
      }
    }
    // Heads follow their units' order, so the head table reads as a breakdown of the unit table.
    let unitRank = Dictionary(unitOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let orderedHeads = headOrder.enumerated().sorted {
      (unitRank[$0.element.unit] ?? Int.max, $0.offset) < (unitRank[$1.element.unit] ?? Int.max, $1.offset)
    }.map(\.element)
    return YearSummary(
      year: year, months: reports.map(\.month), units: unitOrder.compactMap { units[$0]?.value },
      heads: orderedHeads.compactMap { heads[$0]?.value })
  }
}

/// One unit's year.
public struct UnitYear: Sendable, Equatable, Codable {
  public let unit: String
  /// The tier's id (from the latest month).
  public let tier: String
  public let monthsAssessed: Int
  public let monthsShort: Int
  public let personDays: DayCount
  /// The most consecutive short months within the year.
  public let longestShortRun: Int
  /// Months in which the unit had been short `escalate_after` months in a row: marked 约谈.
  public let escalatedIn: [Month]

  enum CodingKeys: String, CodingKey {
    case unit, tier
    case monthsAssessed = "months_assessed"
    case monthsShort = "months_short"
    case personDays = "person_days"
    case longestShortRun = "longest_short_run"
    case escalatedIn = "escalated_in"
  }

  public init(
    unit: String, tier: String, monthsAssessed: Int, monthsShort: Int, personDays: DayCount, longestShortRun: Int,
    escalatedIn: [Month]
  ) {
    self.unit = unit
    self.tier = tier
    self.monthsAssessed = monthsAssessed
    self.monthsShort = monthsShort
    self.personDays = personDays
    self.longestShortRun = longestShortRun
    self.escalatedIn = escalatedIn
  }

  public var escalated: Bool { !escalatedIn.isEmpty }

  struct Builder {
    let unit: String
    var tier: String
    var monthsAssessed = 0
    var monthsShort = 0
    var personDays = DayCount.zero
    var longest = 0
    var escalatedIn: [Month] = []

    init(unit: String, tier: String) {
      self.unit = unit
      self.tier = tier
    }

    mutating func add(month: Month, personDays days: DayCount, run: Int, escalates: Bool) {
      monthsAssessed += 1
      personDays = personDays + days
      if run > 0 { monthsShort += 1 }
      // A run carried in from last year counts towards escalation, but the longest run is this year's: a carried
      // run has been unbroken since January, so its part in this year is every short month so far.
      longest = max(longest, min(run, monthsShort))
      if escalates { escalatedIn.append(month) }
    }

    var value: UnitYear {
      UnitYear(
        unit: unit, tier: tier, monthsAssessed: monthsAssessed, monthsShort: monthsShort, personDays: personDays,
        longestShortRun: longest, escalatedIn: escalatedIn)
    }
  }
}

/// One head's year.
public struct HeadYear: Sendable, Equatable, Codable {
  public let unit: String
  public let name: String
  /// The role in the latest month assessed.
  public let role: String
  public let monthsAssessed: Int
  public let monthsShort: Int
  public let countedDays: DayCount
  public let longestShortRun: Int

  enum CodingKeys: String, CodingKey {
    case unit, name, role
    case monthsAssessed = "months_assessed"
    case monthsShort = "months_short"
    case countedDays = "counted_days"
    case longestShortRun = "longest_short_run"
  }

  public init(
    unit: String, name: String, role: String, monthsAssessed: Int, monthsShort: Int, countedDays: DayCount,
    longestShortRun: Int
  ) {
    self.unit = unit
    self.name = name
    self.role = role
    self.monthsAssessed = monthsAssessed
    self.monthsShort = monthsShort
    self.countedDays = countedDays
    self.longestShortRun = longestShortRun
  }

  struct Builder {
    let unit: String
    let name: String
    var role = ""
    var monthsAssessed = 0
    var monthsShort = 0
    var counted = DayCount.zero
    var run = 0
    var longest = 0
    var lastMonth: Month?

    init(unit: String, name: String) {
      self.unit = unit
      self.name = name
    }

    mutating func add(month: Month, person: HeadResult) {
      role = person.role
      monthsAssessed += 1
      counted = counted + person.counted
      if lastMonth?.next != month { run = 0 }
      lastMonth = month
      if person.compliant {
        run = 0
      } else {
        monthsShort += 1
        run += 1
        longest = max(longest, run)
      }
    }

    var value: HeadYear {
      HeadYear(
        unit: unit, name: name, role: role, monthsAssessed: monthsAssessed, monthsShort: monthsShort,
        countedDays: counted, longestShortRun: longest)
    }
  }
}
