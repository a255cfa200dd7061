/// The result of a monthly check: every assessed head and every unit, with the rules that judged them.
public struct CheckReport: Sendable, Equatable {
  public let month: Month
  public let rules: RuleSet
  public let people: [HeadResult]
  public let units: [UnitResult]
  /// Things a careful auditor must see: vacant units, roster units the rules do not assess.
  public let warnings: [Localized]
  /// Who has reported the month and whether it is over, once `marking` has read the report as of a day; nil for
  /// a closed month's frozen result and for a check taken as it stands.
  public let completeness: MonthCompleteness?
  /// The one unit the report was narrowed to (`scoped(to:)`), nil for the whole district.
  public let scopedUnit: String?
  /// Where each unit's people are in `people`, so renderers listing unit by unit are not quadratic.
  private let peopleIndex: [String: [Int]]

  public init(
    month: Month, rules: RuleSet, people: [HeadResult], units: [UnitResult], warnings: [Localized],
    completeness: MonthCompleteness? = nil, scopedUnit: String? = nil
  ) {
    self.month = month
    self.rules = rules
    self.people = people
    self.units = units
    self.warnings = warnings
    self.completeness = completeness
    self.scopedUnit = scopedUnit
    // A unit's heads come together (a check lists them by unit), so each run of them is filed with one lookup of
    // its unit's name rather than one per head.
    var index: [String: [Int]] = [:]
    for run in MonthlyCheck.runsOfOneUnit(people) { index[people[run.lowerBound].unit, default: []] += Array(run) }
    self.peopleIndex = index
  }

  public var shortUnits: [UnitResult] { units.filter { $0.status == .short } }

  /// Short units that have not reported yet, shown as 未报送 until the due day (see `marking`).
  public var unreportedUnits: [UnitResult] { units.filter { $0.status == .notReported } }

  public func people(of unit: String) -> [HeadResult] { peopleIndex[unit]?.map { people[$0] } ?? [] }

  /// The day short units' explanations are due.
  public var explanationDue: CivilDate { rules.explanationDue(for: month) }
}

/// One assessed head's month: what was required and what was counted.
public struct HeadResult: Sendable, Equatable {
  public let unit: String
  public let tier: Tier
  public let name: String
  public let role: String
  /// Days of the month in post (A in the policy's formula).
  public let daysInPost: Int
  public let required: DayCount
  public let counted: DayCount
  /// Days that trips waiting for the office's review would add, were they approved; they do not count yet.
  public let pending: DayCount

  public init(
    unit: String, tier: Tier, name: String, role: String, daysInPost: Int, required: DayCount, counted: DayCount,
    pending: DayCount = .zero
  ) {
    self.unit = unit
    self.tier = tier
    self.name = name
    self.role = role
    self.daysInPost = daysInPost
    self.required = required
    self.counted = counted
    self.pending = pending
  }

  public var compliant: Bool { counted >= required }
  public var shortfall: DayCount { compliant ? .zero : required - counted }
}

/// Whether a unit met its quota in a month.
public enum UnitStatus: String, Sendable, Equatable {
  case compliant
  case short
  /// Nobody on the unit's roster was in post that month.
  case vacant
  /// Short so far, but the unit has not reported the month (报送) and the due day has not passed: its trips may
  /// not be in the ledger yet. Never frozen: only `CheckReport.marking` sets it.
  case notReported = "not_reported"

  public func label(_ language: Language) -> String {
    switch self {
    case .compliant: return language.pick("达标", "compliant")
    case .short: return language.pick("未达标", "short")
    case .vacant: return language.pick("无在任人员", "vacant")
    case .notReported: return language.pick("未报送", "not reported")
    }
  }
}

/// One unit's month.
public struct UnitResult: Sendable, Equatable {
  public let unit: String
  public let tier: Tier
  public let status: UnitStatus
  /// Assessed heads with any counted day.
  public let peopleOut: Int
  public let personDays: DayCount
  public let explanationDue: CivilDate?

  public init(
    unit: String, tier: Tier, status: UnitStatus, peopleOut: Int, personDays: DayCount, explanationDue: CivilDate?
  ) {
    self.unit = unit
    self.tier = tier
    self.status = status
    self.peopleOut = peopleOut
    self.personDays = personDays
    self.explanationDue = explanationDue
  }
}
