extension CheckReport {
  /// The report as one unit sees it: its own heads and standing only, and none of the warnings, which name
  /// other units.
  public func scoped(to unit: String) -> CheckReport {
    CheckReport(
      month: month, rules: rules, people: people(of: unit), units: units.filter { $0.unit == unit }, warnings: [],
      completeness: completeness, scopedUnit: unit)
  }
}
