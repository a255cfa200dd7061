/// One rule file: the policy in force from its `effective_from` until the next file takes over.
public struct RuleSet: Sendable, Equatable {
  public let title: String
  public let effectiveFrom: CivilDate
  public let explanationDueDay: Int
  public let countedKinds: Set<String>
  public let prorate: Bool
  public let tiers: [Tier]
  public let source: RuleSource
  /// A unit short this many months in a row is marked for escalation (约谈); nil when the file sets none.
  public let escalateAfter: Int?

  public init(
    title: String, effectiveFrom: CivilDate, explanationDueDay: Int, countedKinds: Set<String>,
    prorate: Bool, tiers: [Tier], source: RuleSource, escalateAfter: Int? = nil
  ) {
    self.title = title
    self.effectiveFrom = effectiveFrom
    self.explanationDueDay = explanationDueDay
    self.countedKinds = countedKinds
    self.prorate = prorate
    self.tiers = tiers
    self.source = source
    self.escalateAfter = escalateAfter
  }

  /// The tier a unit belongs to, or nil when this file does not assess the unit.
  public func tier(of unit: String) -> Tier? {
    tiers.first { $0.units.contains(unit) }
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

/// Where a rule file came from, so every report can name the exact rules that produced it.
public struct RuleSource: Sendable, Equatable {
  public let path: String
  public let sha256: String

  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}
