/// The policy's monthly check as a pure function of the rules, the roster and the trips.
public enum MonthlyCheck {
  /// Judges every post in force during `month` against its unit's tier.
  ///
  /// - Parameters:
  ///   - posts: the roster; posts outside the month are ignored.
  ///   - trips: trips of any month; void trips and uncounted kinds are ignored.
  ///   - leaves: approved leave; its days never count, and with `prorate_leave` shorten the days held to.
  public static func run(month: Month, rules: RuleSet, posts: [Post], trips: [Trip], leaves: [Leave] = [])
    -> CheckReport
  {
    var countedTrips: [HeadKey: [ClosedRange<Int>]] = [:]
    var pendingTrips: [HeadKey: [ClosedRange<Int>]] = [:]
    for trip in trips where !trip.isVoid && rules.countedKinds.contains(trip.kind) {
      guard let halves = trip.halves else { continue }
      let key = HeadKey(unit: trip.unit, name: trip.name)
      if trip.review == .approved {
        countedTrips[key, default: []].append(halves)
      } else if trip.review.isPending {
        pendingTrips[key, default: []].append(halves)
      }
    }
    return run(
      month: month, rules: rules, posts: posts, countedTrips: countedTrips, pendingTrips: pendingTrips,
      leaves: leaves)
  }

  /// The check itself, given each head's counted, non-void trips of the month as half-day ranges: the ledger
  /// reads those straight from an index (see `CheckQuery`), so a month's check need not build a `Trip`.
  ///
  /// - Parameter leaves: approved leave; what does not touch the month is ignored.
  /// - Parameter unit: when given, only that unit is reported (its posts, trips and leave are all the caller
  ///   read): the other units of the rule file are skipped rather than each reported vacant and then dropped,
  ///   which at a province's thousand units was most of a unit's page.
  static func run(
    month: Month, rules: RuleSet, posts: [Post], countedTrips: [HeadKey: [ClosedRange<Int>]],
    pendingTrips: [HeadKey: [ClosedRange<Int>]] = [:], leaves: [Leave], unit only: String? = nil
  ) -> CheckReport {
    let leavesByHead = Dictionary(grouping: leaves.filter { $0.touches(month) }) {
      HeadKey(unit: $0.unit, name: $0.name)
    }
    var warnings: [Localized] = []
    var people: [HeadResult] = []
    var unassessedUnits: [String] = []
    // The first tier listing each unit, as `RuleSet.tier(of:)` finds it, but without walking every tier's list
    // (and comparing Chinese names) for every head.
    var tiers: [String: Tier] = [:]
    for tier in rules.tiers {
      for unit in tier.units where tiers[unit] == nil { tiers[unit] = tier }
    }
    for heldPosts in postsByHead(posts, in: month) {
      let post = heldPosts[0]
      guard let tier = tiers[post.unit] else {
        if !unassessedUnits.contains(post.unit) { unassessedUnits.append(post.unit) }
        continue
      }
      let key = HeadKey(unit: post.unit, name: post.name)
      let days = HeadMonth(
        posts: heldPosts, month: month, rules: rules, trips: countedTrips[key] ?? [],
        pending: pendingTrips.isEmpty ? [] : pendingTrips[key] ?? [],
        leaves: leavesByHead.isEmpty ? [] : leavesByHead[key] ?? [])
      // In post only on days that do not count (a holiday, all of it on leave): nothing to hold the head to.
      guard days.daysHeldTo > 0 else { continue }
      people.append(
        HeadResult(
          unit: post.unit, tier: tier, name: post.name, role: Self.roles(of: heldPosts), daysInPost: days.daysHeldTo,
          required: DayCounter.required(
            minDays: tier.minDays, daysInPost: days.daysHeldTo, daysInMonth: days.daysInMonth,
            prorate: rules.prorate),
          counted: DayCount(halves: days.countedHalves), pending: DayCount(halves: days.pendingHalves)))
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
      for unit in tier.units where only == nil || unit == only {
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

extension MonthlyCheck {
  /// The posts in force during the month, grouped per person and unit in roster order: a head who changes
  /// role within the unit mid-month is one head, held to one prorated share, not two.
  static func postsByHead(_ posts: [Post], in month: Month) -> [[Post]] {
    // Each head's place in `groups`, found with one hash of its unit and name per post: a province's roster
    // holds thousands of Chinese names, and hashing them is most of this grouping's time.
    var place: [HeadKey: Int] = [:]
    var groups: [[Post]] = []
    place.reserveCapacity(posts.count)
    groups.reserveCapacity(posts.count)
    for post in posts where post.daysInPost(during: month) != nil {
      let key = HeadKey(unit: post.unit, name: post.name)
      if let index = place[key] {
        groups[index].append(post)
      } else {
        place[key] = groups.count
        groups.append([post])
      }
    }
    return groups
  }

  /// `镇长、党委书记` for a head who held both roles in the month, in the order held.
  static func roles(of posts: [Post]) -> String {
    // Nearly every head holds one post in a month: no sort and no set for them.
    if posts.count == 1 { return posts[0].role }
    var seen = Set<String>()
    return posts.sorted { ($0.from?.ordinal ?? Int.min) < ($1.from?.ordinal ?? Int.min) }
      .map(\.role).filter { seen.insert($0).inserted }.joined(separator: "、")
  }
}

/// Identifies a head across posts and trips: a name is unique within a unit.
struct HeadKey: Hashable {
  let unit: String
  let name: String
}
