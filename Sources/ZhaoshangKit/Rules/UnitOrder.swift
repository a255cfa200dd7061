/// The one order of units every output shares. Where units are ranked, most person-days come first; wherever
/// days are equal, units keep the order the rule file lists them in (its tiers, then each tier's list), which is
/// the order the office itself uses, never the order of their names' code points.
public struct UnitOrder: Sendable {
  private let places: [String: Int]

  public init(_ rules: RuleSet) {
    self.init(units: rules.units)
  }

  public init(units: [String]) {
    places = Dictionary(units.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Where the rule file lists `unit`; a unit it does not list comes after every listed one.
  public func place(of unit: String) -> Int { places[unit] ?? Int.max }

  /// Whether `left` comes before `right` when their days are equal: the rule file's order, then the name, so
  /// units the file does not list still come out the same way every time.
  public func precedes(_ left: String, _ right: String) -> Bool {
    (place(of: left), left) < (place(of: right), right)
  }

  /// `items` with the most days first, equal days in the rule file's order.
  public func ranked<Item>(_ items: [Item], unit: (Item) -> String, days: (Item) -> DayCount) -> [Item] {
    items.sorted { left, right in
      let (leftDays, rightDays) = (days(left), days(right))
      return leftDays != rightDays ? leftDays > rightDays : precedes(unit(left), unit(right))
    }
  }
}
