/// The policy's monthly check as a pure function of the rules, the roster and the trips.
public enum MonthlyCheck {
  /// Judges every post in force during `month` against its unit's tier.
  ///
  /// - Parameters:
  ///   - posts: the roster; posts outside the month are ignored.
  ///   - trips: trips of any month; void trips and uncounted kinds are ignored.
  public static func run(month: Month, rules: RuleSet, posts: [Post], trips: [Trip]) -> CheckReport {
    var countedTrips: [HeadKey: [ClosedRange<Int>]] = [:]
    for trip in trips where !trip.isVoid && rules.countedKinds.contains(trip.kind) {
      if let halves = trip.halves {
        countedTrips[HeadKey(unit: trip.unit, name: trip.name), default: []].append(halves)
      }
    }
    return run(month: month, rules: rules, posts: posts) { index in
      countedTrips[HeadKey(unit: posts[index].unit, name: posts[index].name)] ?? []
    }
  }

  /// The check itself, given for each post (by its index in `posts`) the half-day ranges of its head's counted,
  /// non-void trips; the ledger computes those in SQL, so a month's check never builds a `Trip`.
  static func run(month: Month, rules: RuleSet, posts: [Post], countedHalves: (Int) -> [ClosedRange<Int>])
    -> CheckReport
  {
    var warnings: [Localized] = []
    var people: [HeadResult] = []
    var unassessedUnits: [String] = []
    // The first tier listing each unit, as `RuleSet.tier(of:)` finds it, but without walking every tier's list
    // (and comparing Chinese names) for every head.
    var tiers: [String: Tier] = [:]
    for tier in rules.tiers {
      for unit in tier.units where tiers[unit] == nil { tiers[unit] = tier }
    }
    for (index, post) in posts.enumerated() {
      guard let inPost = post.daysInPost(during: month) else { continue }
      guard let tier = tiers[post.unit] else {
        if !unassessedUnits.contains(post.unit) { unassessedUnits.append(post.unit) }
        continue
      }
      let window = (inPost.lowerBound * 2)...(inPost.upperBound * 2 + 1)
      let halves = DayCounter.coveredHalves(countedHalves(index), within: window)
      people.append(
        HeadResult(
          unit: post.unit, tier: tier, name: post.name, role: post.role, daysInPost: inPost.count,
          required: DayCounter.required(
            minDays: tier.minDays, daysInPost: inPost.count, daysInMonth: month.dayCount, prorate: rules.prorate),
          counted: DayCount(halves: halves)))
    }
    for unit in unassessedUnits {
      warnings.append(
        Localized(
          "花名册中的单位「\(unit)」不在 \(month.chinese) 适用的规则文件中，未予考核；如需考核，请把它加入 \(rules.source.path) 的某个档次",
          "the roster's unit \"\(unit)\" is not in the rule file in force for \(month.iso) and was not assessed; add it to a tier of \(rules.source.path) to assess it"
        ))
    }

    let due = rules.explanationDue(for: month)
    // Grouped once: filtering every head for every unit is quadratic at a province's size.
    let peopleByUnit = Dictionary(grouping: people, by: \.unit)
    var units: [UnitResult] = []
    for tier in rules.tiers {
      for unit in tier.units {
        let heads = peopleByUnit[unit] ?? []
        let status: UnitStatus =
          heads.isEmpty ? .vacant : heads.allSatisfy(\.compliant) ? .compliant : .short
        if status == .vacant {
          warnings.append(
            Localized(
              "单位「\(unit)」\(month.chinese)没有在任的考核对象，未予考核；请用 zhaoshang roster add 登记其负责人",
              "unit \"\(unit)\" had nobody in post in \(month.iso) and was not assessed; record its heads with `zhaoshang roster add`"
            ))
        }
        units.append(
          UnitResult(
            unit: unit, tier: tier, status: status, peopleOut: heads.filter { $0.counted > .zero }.count,
            personDays: heads.reduce(.zero) { $0 + $1.counted }, explanationDue: status == .short ? due : nil))
      }
    }
    let order = Dictionary(units.enumerated().map { ($1.unit, $0) }, uniquingKeysWith: { first, _ in first })
    // Each head's place looked up once, not in every comparison of the sort.
    let keys = people.map { order[$0.unit] ?? 0 }
    let sortedPeople = people.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { people[$0] }
    return CheckReport(month: month, rules: rules, people: sortedPeople, units: units, warnings: warnings)
  }
}

/// Identifies a head across posts and trips: a name is unique within a unit.
struct HeadKey: Hashable {
  let unit: String
  let name: String
}
