import ZhaoshangKit

/// The ledger's months as one PostgreSQL transaction sees them: each month's result in force (frozen once closed,
/// else computed from today's data), its figures, the year before it and the runs of short months, for a month's
/// bulletin and the reports beside it.
///
/// It takes SQLite's `MonthResults`'s paths through the same decisions, the core's: the runs and the year to date
/// from the bulletin the month before published when every earlier month is closed in order
/// (`MonthsPlan.publishedChainHolds`), closes read lazily, the month asked for computed from its trips and the
/// months before it from the kept tallies (`trip_month_tally`, `MonthSpanCheck`), and runs followed back unit by
/// unit once few units are still running (`ShortRunsWalk`), from the tallies too. Only the reading of rows is PostgreSQL's (`PostgresStore+MonthRows`), each a query
/// for all heads at once, since every round trip to the server costs.
struct PostgresMonths {
  let link: PostgresLink
  let rules: RuleBook
  /// Every month computed from today's data, closed or not (`MonthResults.ignoringFreezes`): the year summary's
  /// `--current`.
  let ignoringFreezes: Bool
  /// The closes in force by month, without their frozen results: those are read when a month's is first needed
  /// (`closed`), since a ledger kept for years holds dozens, each megabytes long.
  let closes: [Month: ClosedMonthRule.Close]
  /// The frozen results read so far, by month.
  private(set) var frozen: [Month: ClosedMonth] = [:]
  /// Today: a month is of the ledger only once it has ended (or is closed). Nil leaves that to the caller.
  let today: CivilDate?
  /// Whether the runs and the year to date may be read from the bulletin the month before published
  /// (`MonthResults.readsPublishedChain`). Off only in tests that compare it with the walk.
  var readsPublishedChain = true
  /// The share of the roster's units at or under which a run is followed back unit by unit
  /// (`MonthResults.unitByUnitShare`); tests set 0 and 1.
  var unitByUnitShare = MonthsPlan.unitByUnitShare
  private var computed: [Month: CheckReport] = [:]
  /// Today's figures of the months computed together, and the head ids each one's check assessed.
  private var figuresByMonth: [Month: MonthFigures] = [:]
  private var assessedByMonth: [Month: Set<Int64>] = [:]
  private var tripsByMonth: [Month: [Trip]] = [:]
  private var knownFirst: Month??
  private var knownReported: Set<Month>?
  private var knownTripStarts: [Month: Bool] = [:]
  private var knownUnapproved: [Int64: ReviewStatus]?
  private var knownRoster: (posts: [Post], headIDs: [Int64])?
  private var postsByUnit: [String: (posts: [Post], headIDs: [Int64])]?

  init(rules: RuleBook, ignoringFreezes: Bool = false, today: CivilDate? = nil, link: PostgresLink)
    async throws(ZhaoshangError)
  {
    self.link = link
    self.rules = rules
    self.ignoringFreezes = ignoringFreezes
    self.today = today
    self.closes = Dictionary(
      try await PostgresStore.closesInForce(link: link).map { ($0.month, $0) }, uniquingKeysWith: { _, later in later })
  }

  /// The month's close in force with its frozen results; nil when the month is not closed.
  mutating func closed(_ month: Month) async throws(ZhaoshangError) -> ClosedMonth? {
    guard closes[month] != nil else { return nil }
    if let known = frozen[month] { return known }
    guard let closed = try await PostgresStore.closes(month: month, inForce: true, link: link).last else {
      return nil
    }
    frozen[month] = closed
    return closed
  }

  /// What the bulletin `month`'s close published carries forward, when it speaks for every month before it
  /// (`MonthsPlan.publishedChainHolds`); nil when any month breaks the chain, and the walk decides.
  private mutating func publishedChain(through month: Month) async throws(ZhaoshangError) -> CarriedForward? {
    guard readsPublishedChain, !ignoringFreezes, let last = closes[month],
      MonthsPlan.publishedChainHolds(through: month, closes: closes, first: try await firstMonth())
    else { return nil }
    if let known = frozen[month] { return CarriedForward(known.bulletin) }
    return try await PostgresStore.carriedForward(id: last.id, month: month, link: link)
  }

  /// The first month the ledger was kept: the earliest month a recorded trip ends in, or the earliest month
  /// reported or closed (see `MonthResults.firstMonth`).
  mutating func firstMonth() async throws(ZhaoshangError) -> Month? {
    if let knownFirst { return knownFirst }
    // The earliest end is no later than the end of the trip that starts first, so only trips starting by then
    // need reading: an index range, no scan of every trip.
    let end = try await link.value(
      """
      SELECT min(end_date) FROM trip
      WHERE start_date <= (SELECT end_date FROM trip ORDER BY start_date LIMIT 1)
      """)
    let tripMonth = end.flatMap(CivilDate.init(iso:)).map(Month.init(containing:))
    let first = [tripMonth, closes.keys.min(), try await reportedMonths().min()].compactMap { $0 }.min()
    knownFirst = .some(first)
    return first
  }

  private mutating func reportedMonths() async throws(ZhaoshangError) -> Set<Month> {
    if let knownReported { return knownReported }
    let months = Set(
      try await link.rows("SELECT DISTINCT month FROM month_report").compactMap { $0[0].flatMap(Month.init(parsing:)) })
    knownReported = months
    return months
  }

  /// Whether a trip that is not void starts in the month: one probe of the trips index.
  private mutating func tripStarts(in month: Month) async throws(ZhaoshangError) -> Bool {
    if let known = knownTripStarts[month] { return known }
    let found =
      try await link.value(
        """
        SELECT EXISTS (SELECT 1 FROM trip WHERE start_date BETWEEN \(month.firstDay.iso)::date
          AND \(month.lastDay.iso)::date AND void_reason IS NULL)
        """) == "1"
    knownTripStarts[month] = found
    return found
  }

  /// Whether the month is one of the ledger's: closed, or reported, or a trip that is not void starts in it from
  /// the ledger's first month on (`MonthResults.isMember`).
  private mutating func isMember(_ month: Month) async throws(ZhaoshangError) -> Bool {
    if closes[month] != nil { return true }
    if let today, month.lastDay >= today { return false }
    if try await reportedMonths().contains(month) { return true }
    guard let first = try await firstMonth(), first <= month else { return false }
    return try await tripStarts(in: month)
  }

  mutating func trips(in month: Month) async throws(ZhaoshangError) -> [Trip] {
    if let cached = tripsByMonth[month] { return cached }
    let trips = try await PostgresStore.trips(in: month, unit: nil, name: nil, link: link)
    tripsByMonth[month] = trips
    return trips
  }

  /// Today's check of the month, every unit: computed as one month of `computeTogether`, from its counted trips
  /// alone; throws when no rule file is in force for it, or it counts working days and the year has no calendar.
  mutating func current(_ month: Month) async throws(ZhaoshangError) -> CheckReport {
    if let cached = computed[month] { return cached }
    try rules.ruleSet(for: month).requireCalendar(for: month)
    try await computeTogether([month], from: .trips)
    if let report = computed[month] { return report }
    let report = try await PostgresStore.check(
      month: month, rules: try rules.ruleSet(for: month), unit: nil, link: link)
    computed[month] = report
    return report
  }

  private mutating func isKnown(_ month: Month) async throws(ZhaoshangError) -> Bool {
    guard try await isMember(month) else { return false }
    return (try? rules.ruleSet(for: month)) != nil || closes[month] != nil
  }

  /// The month's result in force; nil when nothing is known of it.
  mutating func inForce(_ month: Month) async throws(ZhaoshangError) -> CheckReport? {
    if !ignoringFreezes, let closed = try await closed(month) { return closed.report }
    guard try await isKnown(month) else { return nil }
    return try await current(month)
  }

  /// The month's headline figures in force; nil when nothing is known of it.
  private mutating func figures(_ month: Month) async throws(ZhaoshangError) -> MonthFigures? {
    if !ignoringFreezes, let closed = try await closed(month) { return closed.bulletin.figures }
    guard try await isKnown(month) else { return nil }
    if let cached = figuresByMonth[month] { return cached }
    return MonthFigures.of(try await current(month), trips: try await trips(in: month))
  }

  /// Whether the month's result in force is today's computation, not yet made.
  private mutating func needsComputing(_ month: Month) async throws(ZhaoshangError) -> Bool {
    guard figuresByMonth[month] == nil, ignoringFreezes || closes[month] == nil else { return false }
    return try await isKnown(month)
  }

  /// The roster with each post's head id, read once.
  private mutating func roster() async throws(ZhaoshangError) -> (posts: [Post], headIDs: [Int64]) {
    if let knownRoster { return knownRoster }
    let roster = try await PostgresStore.postsWithHeadIDs(link: link)
    knownRoster = roster
    return roster
  }

  /// Latest review statuses that are not `approved`, read once.
  private mutating func unapproved() async throws(ZhaoshangError) -> [Int64: ReviewStatus] {
    if let knownUnapproved { return knownUnapproved }
    let statuses = try await PostgresStore.unapproved(link: link)
    knownUnapproved = statuses
    return statuses
  }

  /// Where `computeTogether` reads the months' counted halves: their trips, or the kept tallies the trips make.
  enum HalvesSource {
    /// The trips themselves: the month a check or a bulletin is asked for, whose trips are read anyway.
    case trips
    /// The kept tallies (`trip_month_tally`): the months before it, which the year to date and the runs of short
    /// months need only as sums, and which may go back years.
    case tallies
  }

  /// Computes today's result and figures of each of `months` from one read of their trips or of their tallies
  /// (`source`), as `MonthResults.computeTogether` does; a month that cannot be computed is left out, for `current`
  /// to throw.
  private mutating func computeTogether(_ months: [Month], from source: HalvesSource)
    async throws(ZhaoshangError)
  {
    var byKinds: [Set<String>: [Month]] = [:]
    var ruleSets: [Month: RuleSet] = [:]
    for month in Set(months) where figuresByMonth[month] == nil {
      guard let ruleSet = try? rules.ruleSet(for: month), (try? ruleSet.requireCalendar(for: month)) != nil else {
        continue
      }
      ruleSets[month] = ruleSet
      byKinds[ruleSet.countedKinds, default: []].append(month)
    }
    guard let first = ruleSets.keys.min(), let last = ruleSets.keys.max() else { return }
    let (posts, headIDs) = try await roster()
    let leaves = try await PostgresStore.leaves(from: first.firstDay, through: last.lastDay, heads: nil, link: link)
    var done: [Month: MonthSpanCheck.Computed] = [:]
    for (kinds, group) in byKinds {
      func handOver(_ month: Month, _ halves: MonthSpanBuckets.MonthHalves) {
        guard let ruleSet = ruleSets[month] else { return }
        done[month] = MonthSpanCheck.run(
          month: month, rules: ruleSet, posts: posts, headIDs: headIDs, halves: halves, leaves: leaves)
      }
      var buckets = MonthSpanBuckets(months: group)
      if source == .tallies {
        try await PostgresStore.dealTallies(months: group, kinds: kinds, heads: nil, link: link, handOver: handOver)
      } else if kinds.isEmpty {
        buckets.finish(handOver: handOver)
      } else {
        try await PostgresStore.deal(
          into: &buckets, kinds: kinds, heads: nil, unapproved: try await unapproved(), link: link,
          handOver: handOver)
      }
    }
    for (month, result) in done {
      computed[month] = result.report
      figuresByMonth[month] = result.figures
      assessedByMonth[month] = result.assessed
    }
  }

  /// The year's figures for the months before `month`; nil when none is known.
  mutating func yearBefore(_ month: Month) async throws(ZhaoshangError) -> YearToDate? {
    if let before = MonthsPlan.carryingYear(before: month),
      let published = try await publishedChain(through: before)
    {
      return published.yearToDate
    }
    let earlier = MonthsPlan.earlierThisYear(month)
    var toCompute: [Month] = []
    for cursor in earlier where try await needsComputing(cursor) { toCompute.append(cursor) }
    try await computeTogether(toCompute, from: .tallies)
    var months: [(Month, MonthFigures)] = []
    for cursor in earlier {
      if let figures = try await figures(cursor) { months.append((cursor, figures)) }
    }
    return YearToDate.summing(months)
  }

  /// For each unit short in `month`, how many months in a row it has been short, ending with `month`.
  mutating func shortRuns(endingAt month: Month) async throws(ZhaoshangError) -> [String: Int] {
    if let published = try await publishedChain(through: month) {
      return published.shortRuns
    }
    guard let last = try await inForce(month) else { return [:] }
    var walk = ShortRunsWalk(from: month, last: last)
    // A run may go back years: only the months already known before the walk are kept, not every month it passes.
    let known = Set(figuresByMonth.keys).union(computed.keys)
    while let cursor = walk.next {
      let available = (!ignoringFreezes && closes[cursor] != nil) || computed[cursor] != nil
      if walk.goesUnitByUnit(units: try await unitPosts().count, share: unitByUnitShare, available: available) {
        guard try await isKnown(cursor) else { break }
        walk.record(short: try await shortAlone(walk.running, in: cursor))
      } else {
        guard let report = try await inForceComputingBack(cursor) else { break }
        walk.record(short: Set(report.shortUnits.map(\.unit)))
      }
      if !known.contains(cursor) { forget(cursor) }
    }
    return walk.runs
  }

  /// Which of `units` were short in `month` by today's data, each through its own heads' trips and leave, read in
  /// one query for all of them; throws as `current` does when the month cannot be computed.
  private mutating func shortAlone(_ units: Set<String>, in month: Month) async throws(ZhaoshangError) -> Set<String> {
    let ruleSet = try rules.ruleSet(for: month)
    try ruleSet.requireCalendar(for: month)
    let byUnit = try await unitPosts()
    let heads = units.sorted().flatMap { byUnit[$0]?.headIDs ?? [] }
    var halves = MonthSpanBuckets.MonthHalves()
    try await PostgresStore.dealTallies(months: [month], kinds: ruleSet.countedKinds, heads: heads, link: link) {
      _, dealt in halves = dealt
    }
    let leaves = try await PostgresStore.leaves(from: month.firstDay, through: month.lastDay, heads: heads, link: link)
    return MonthSpanCheck.shortAlone(
      units, month: month, rules: ruleSet, byUnit: byUnit, halves: halves, leaves: leaves)
  }

  /// Each unit's posts with their heads' ids, in roster order, grouped once.
  private mutating func unitPosts() async throws(ZhaoshangError) -> [String: (posts: [Post], headIDs: [Int64])] {
    if let postsByUnit { return postsByUnit }
    let (posts, headIDs) = try await roster()
    let grouped = MonthSpanCheck.byUnit(posts: posts, headIDs: headIDs)
    postsByUnit = grouped
    return grouped
  }

  /// Drops what was computed of a month; asked again, it is computed again.
  private mutating func forget(_ month: Month) {
    computed[month] = nil
    figuresByMonth[month] = nil
    assessedByMonth[month] = nil
    tripsByMonth[month] = nil
  }

  /// `inForce`, computing the months up to `month` together first when the month is not computed yet
  /// (`MonthsPlan.computedBack`).
  private mutating func inForceComputingBack(_ month: Month) async throws(ZhaoshangError) -> CheckReport? {
    if try await needsComputing(month) {
      try await computeTogether(
        try await MonthsPlan.computedBack(from: month) { (month) async throws(ZhaoshangError) in
          try await needsComputing(month)
        }, from: .tallies)
    }
    return try await inForce(month)
  }

  /// Computes the month and the months of its year before it, as its bulletin needs them
  /// (`MonthResults.computeForBulletin`): the month from its trips, the year before it from the kept tallies, one
  /// query each.
  mutating func computeForBulletin(_ month: Month) async throws(ZhaoshangError) {
    var earlier: [Month] = []
    for cursor in MonthsPlan.earlierThisYear(month) where try await needsComputing(cursor) {
      earlier.append(cursor)
    }
    try await computeTogether([month], from: .trips)
    try await computeTogether(earlier, from: .tallies)
  }

  /// Computes those of `months` whose result in force is today's computation from the kept tallies, one query for
  /// all of them: the year summary's months, needed only as their results.
  mutating func computeFromTallies(_ months: [Month]) async throws(ZhaoshangError) {
    var needed: [Month] = []
    for month in months where try await needsComputing(month) { needed.append(month) }
    try await computeTogether(needed, from: .tallies)
  }

  /// The month's bulletin computed from today's data; earlier months' figures and runs as they stand in force.
  ///
  /// The month is computed from its trips and the year before it from the kept tallies; the month's destinations
  /// are read apart, the only column of the trips the check does not need.
  ///
  /// - Parameter completeness: reads the month as of a day (`CheckReport.marking`) before the bulletin is built.
  mutating func currentBulletin(_ month: Month, marking completeness: MonthCompleteness? = nil)
    async throws(ZhaoshangError) -> Bulletin
  {
    try await computeForBulletin(month)
    let computed = try await current(month)
    let report = completeness.map(computed.marking) ?? computed
    guard let figures = figuresByMonth[month], let assessed = assessedByMonth[month] else {
      return Bulletin.build(
        report: report, trips: try await trips(in: month), earlierThisYear: try await yearBefore(month),
        previousShortRuns: try await shortRuns(endingAt: month.previous))
    }
    let (posts, headIDs) = try await roster()
    var unitOf: [Int64: String] = [:]
    for (post, id) in zip(posts, headIDs) where assessed.contains(id) { unitOf[id] = post.unit }
    let destinations = BulletinTrips.destinations(
      ordered: try await PostgresStore.destinationRows(
        month: month, kinds: report.rules.countedKinds, unapproved: try await unapproved(), link: link),
      unitOf: unitOf, assessed: assessed)
    return Bulletin.build(
      report: report, figures: figures, destinations: destinations, earlierThisYear: try await yearBefore(month),
      previousShortRuns: try await shortRuns(endingAt: month.previous))
  }

  /// The month's result as reports must show it: frozen when closed, today's computation beside it, read as of
  /// `asOf` when given (`Ledger.standing`).
  mutating func standing(_ month: Month, asOf: CivilDate?) async throws(ZhaoshangError) -> MonthStanding {
    var completeness: MonthCompleteness?
    if let asOf {
      completeness = try await PostgresStore.completeness(month: month, rules: rules, today: asOf, link: link)
    }
    let current: Result<CheckReport, ZhaoshangError>
    do throws(ZhaoshangError) {
      current = .success(try await self.current(month))
    } catch {
      current = .failure(error)
    }
    let history = try await PostgresStore.closes(month: month, inForce: false, link: link).sorted { $0.id < $1.id }
    let inForce = history.last { $0.reopening == nil }
    let lastReopened = inForce == nil ? history.last : nil
    var amendments: [AmendmentEntry] = []
    if let inForce {
      amendments = try await link.rows(
        """
        SELECT id, month, closed_month_id, command, reason, recorded_by, recorded_at FROM amendment
        WHERE closed_month_id = \(inForce.id) ORDER BY id
        """
      ).compactMap { row in
        guard let month = row[1].flatMap(Month.init(parsing:)) else { return nil }
        return AmendmentEntry(
          id: row[0].flatMap { Int64($0) }, month: month, closedMonthId: row[2].flatMap { Int64($0) } ?? 0,
          command: row[3] ?? "", reason: row[4] ?? "", by: row[5] ?? "", at: row[6] ?? "")
      }
    }
    return MonthStanding(
      month: month, closed: inForce, current: current, amendments: amendments, lastReopened: lastReopened,
      completeness: completeness)
  }
}
