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
    run(
      month: month, rules: rules, posts: posts, keys: posts.map { HeadKey(unit: $0.unit, name: $0.name) },
      countedTrips: countedTrips, pendingTrips: pendingTrips, leaves: leaves, unit: only
    ).report
  }

  /// The check with each head known by any key, `keys[i]` being the key of `posts[i]` and of that head's trips:
  /// the ledger's head ids, so that a month's check hashes integers, not every head's unit and name several
  /// times over. One key must stand for exactly one unit and name, as a head's id does.
  ///
  /// - Returns: the report, and the keys of the heads it assessed, in the report's order of reading the roster.
  static func run<Key: Hashable>(
    month: Month, rules: RuleSet, posts: [Post], keys: [Key], countedTrips: [Key: [ClosedRange<Int>]],
    pendingTrips: [Key: [ClosedRange<Int>]] = [:], leaves: [Leave], unit only: String? = nil
  ) -> (report: CheckReport, assessed: [Key]) {
    run(
      month: month, rules: rules, posts: posts, keys: keys, countedTrips: countedTrips, pendingTrips: pendingTrips,
      leaves: leaves, units: only.map { [$0] })
  }

  /// The check with each head known by any key, reporting only `units` when given (their posts, trips and leave
  /// all the caller read): several units' standing at the cost of one pass over the rule file's units, where a
  /// check per unit would pay that pass, and the tiers' lookup, once for every unit.
  static func run<Key: Hashable>(
    month: Month, rules: RuleSet, posts: [Post], keys: [Key], countedTrips: [Key: [ClosedRange<Int>]],
    pendingTrips: [Key: [ClosedRange<Int>]] = [:], leaves: [Leave], units only: Set<String>?
  ) -> (report: CheckReport, assessed: [Key]) {
    let leavesByHead = Dictionary(grouping: leaves.filter { $0.touches(month) }) {
      HeadKey(unit: $0.unit, name: $0.name)
    }
    var warnings: [Localized] = []
    var people: [HeadResult] = []
    var unassessedUnits: [String] = []
    var assessed: [Key] = []
    let monthDays = MonthDays(month: month, rules: rules)
    // The last unit looked up: a roster lists a unit's heads together, and a unit's name is then hashed once for
    // them all rather than once per head (hashing Chinese text costs more than the rest of a head's check).
    var lastUnit: (name: String, tier: Tier?)?
    for (key, heldPosts) in postsByHead(posts, keys: keys, in: month) {
      let post = heldPosts[0]
      let found: Tier?
      if let lastUnit, lastUnit.name == post.unit {
        found = lastUnit.tier
      } else {
        found = rules.tier(of: post.unit)
        lastUnit = (post.unit, found)
      }
      guard let tier = found else {
        if !unassessedUnits.contains(post.unit) { unassessedUnits.append(post.unit) }
        continue
      }
      let days = HeadMonth(
        posts: heldPosts, days: monthDays, prorateLeave: rules.prorateLeave, trips: countedTrips[key] ?? [],
        pending: pendingTrips.isEmpty ? [] : pendingTrips[key] ?? [],
        leaves: leavesByHead.isEmpty ? [] : leavesByHead[HeadKey(unit: post.unit, name: post.name)] ?? [])
      // In post only on days that do not count (a holiday, all of it on leave): nothing to hold the head to.
      guard days.daysHeldTo > 0 else { continue }
      assessed.append(key)
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
    // Grouped once: filtering every head for every unit is quadratic at a province's size. A unit's heads come
    // together in the roster's order, so each run of them is filed under its unit with one lookup, not one per head.
    let runs = Self.runsOfOneUnit(people)
    var peopleByUnit: [String: [HeadResult]] = [:]
    for run in runs { peopleByUnit[people[run.lowerBound].unit, default: []] += people[run] }
    var units: [UnitResult] = []
    // The units reported, under each tier listing them, in the file's order: all of them, or those asked for,
    // found by their places rather than by walking every unit of the file.
    let reported: [(unit: String, tier: Tier)]
    if let only {
      reported = only.flatMap { unit in (rules.places[unit] ?? []).map { (unit, $0) } }
        .sorted { $0.1.order < $1.1.order }.map { ($0.0, rules.tiers[$0.1.tier]) }
    } else {
      reported = rules.tiers.flatMap { tier in tier.units.map { ($0, tier) } }
    }
    for (unit, tier) in reported {
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
    let order = Dictionary(units.enumerated().map { ($1.unit, $0) }, uniquingKeysWith: { first, _ in first })
    // Each head's place looked up once, not in every comparison of the sort, and once for a run of one unit's heads.
    var places = [Int](repeating: 0, count: people.count)
    for run in runs {
      let place = order[people[run.lowerBound].unit] ?? 0
      for index in run { places[index] = place }
    }
    let sortedPeople = people.indices.sorted { (places[$0], $0) < (places[$1], $1) }.map { people[$0] }
    return (
      CheckReport(month: month, rules: rules, people: sortedPeople, units: units, warnings: warnings), assessed
    )
  }
}

extension MonthlyCheck {
  /// The posts in force during the month, grouped per person and unit in roster order: a head who changes
  /// role within the unit mid-month is one head, held to one prorated share, not two.
  static func postsByHead(_ posts: [Post], in month: Month) -> [[Post]] {
    postsByHead(posts, keys: posts.map { HeadKey(unit: $0.unit, name: $0.name) }, in: month).map(\.posts)
  }

  /// The same, each head with its key (`keys[i]` the key of `posts[i]`).
  static func postsByHead<Key: Hashable>(_ posts: [Post], keys: [Key], in month: Month)
    -> [(key: Key, posts: [Post])]
  {
    // Each head's place in `groups`, found with one hash of its key per post: a province's roster holds
    // thousands of Chinese names, and hashing them is most of this grouping's time.
    var place: [Key: Int] = [:]
    var groups: [(key: Key, posts: [Post])] = []
    place.reserveCapacity(posts.count)
    groups.reserveCapacity(posts.count)
    let first = month.firstDay
    let last = month.lastDay
    for (post, key) in zip(posts, keys) where post.daysInPost(from: first, to: last) != nil {
      if let index = place[key] {
        groups[index].posts.append(post)
      } else {
        place[key] = groups.count
        groups.append((key, [post]))
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

  /// The runs of consecutive heads of one unit: comparing a head's unit with the one before is cheaper than hashing
  /// it, and free when the two share one copy of the name (as the roster's reading makes them).
  static func runsOfOneUnit(_ people: [HeadResult]) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start = 0
    for index in people.indices.dropFirst() where people[index].unit != people[index - 1].unit {
      runs.append(start..<index)
      start = index
    }
    if !people.isEmpty { runs.append(start..<people.count) }
    return runs
  }
}

/// Identifies a head across posts and trips: a name is unique within a unit.
package struct HeadKey: Hashable, Sendable {
  package let unit: String
  package let name: String

  package init(unit: String, name: String) {
    self.unit = unit
    self.name = name
  }
}
