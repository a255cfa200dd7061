/// A month's check and bulletin figures from the counted trips `MonthSpanBuckets` dealt it, with heads known by
/// id: what both stores compute for each month of a bulletin's year, and for the units a run of short months is
/// followed back through, whatever engine read the rows.
package enum MonthSpanCheck {
  /// A month computed from its dealt trips.
  package struct Computed: Sendable {
    package let report: CheckReport
    package let figures: MonthFigures
    /// The ids of the heads the check assessed.
    package let assessed: Set<Int64>
  }

  /// The month's check of every unit, and its figures: 人次 counted from the trips ending in it of the heads
  /// assessed, as `MonthFigures.of(_:trips:)` counts them from full trips.
  ///
  /// - Parameters:
  ///   - headIDs: each post's head id, `headIDs[i]` the head of `posts[i]`.
  ///   - leaves: approved leave; what does not touch the month is ignored.
  package static func run(
    month: Month, rules: RuleSet, posts: [Post], headIDs: [Int64], halves: MonthSpanBuckets.MonthHalves,
    leaves: [Leave]
  ) -> Computed {
    let (report, assessed) = MonthlyCheck.run(
      month: month, rules: rules, posts: posts, keys: headIDs, countedTrips: halves.counted,
      pendingTrips: halves.pending, leaves: leaves)
    var tripCount = 0
    if !halves.ending.isEmpty {
      for id in assessed { tripCount += halves.ending[id] ?? 0 }
    }
    return Computed(
      report: report, figures: MonthFigures.of(report, tripCount: tripCount), assessed: Set(assessed))
  }

  /// Which of `units` were short in the month, judged through their own posts, heads' trips and leave alone: a
  /// unit's standing depends on its own heads only, so this is what the whole month's check says of them. One check
  /// of all of them together, scoped to them: a check per unit would walk the rule file's units once for each.
  ///
  /// - Parameter byUnit: each unit's posts with their heads' ids (`MonthSpanCheck.byUnit`).
  package static func shortAlone(
    _ units: Set<String>, month: Month, rules: RuleSet, byUnit: [String: (posts: [Post], headIDs: [Int64])],
    halves: MonthSpanBuckets.MonthHalves, leaves: [Leave]
  ) -> Set<String> {
    var posts: [Post] = []
    var headIDs: [Int64] = []
    for unit in units {
      guard let own = byUnit[unit] else { continue }
      posts += own.posts
      headIDs += own.headIDs
    }
    let report = MonthlyCheck.run(
      month: month, rules: rules, posts: posts, keys: headIDs, countedTrips: halves.counted,
      pendingTrips: halves.pending, leaves: leaves.filter { units.contains($0.unit) }, units: units
    ).report
    return Set(report.units.filter { $0.status == .short }.map(\.unit))
  }

  /// Each unit's posts with their heads' ids, in roster order.
  package static func byUnit(posts: [Post], headIDs: [Int64]) -> [String: (posts: [Post], headIDs: [Int64])] {
    var grouped: [String: (posts: [Post], headIDs: [Int64])] = [:]
    for (post, id) in zip(posts, headIDs) {
      grouped[post.unit, default: ([], [])].posts.append(post)
      grouped[post.unit, default: ([], [])].headIDs.append(id)
    }
    return grouped
  }
}
