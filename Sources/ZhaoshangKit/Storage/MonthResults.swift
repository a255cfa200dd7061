import GRDB

/// The ledger's months as one read sees them: each month's result in force (frozen once closed, else computed
/// from today's data), its headline figures, and runs of short months.
///
/// Every figure about a closed month comes from its freeze, so totals and runs agree with what was published;
/// `ignoringFreezes` computes every month from today's data instead.
struct MonthResults {
  let db: Database
  let rules: RuleBook
  let ignoringFreezes: Bool
  /// The closes in force by month, without their frozen results: those are read when a month's is first needed
  /// (`closed`), since a ledger kept for years holds dozens, each megabytes long, and a check needs none of them.
  let closes: [Month: ClosedMonthRule.Close]
  /// The frozen results read so far, by month.
  private(set) var frozen: [Month: ClosedMonth] = [:]
  /// Whether the runs of short months and the year to date may be read from the bulletin the month before
  /// published, when that bulletin speaks for every month before it (`publishedChain`). Off only in tests that
  /// compare it with walking back month by month.
  var readsPublishedChain = true
  private let posts: [Post]
  /// Each post's head id (`headIDs[i]` the head of `posts[i]`): the months' checks find heads' trips by id.
  private let headIDs: [Int64]
  private var computed: [Month: CheckReport] = [:]
  private var tripsByMonth: [Month: [Trip]] = [:]
  /// Today's figures of the months computed together (see `computeTogether`).
  private var figuresByMonth: [Month: MonthFigures] = [:]
  /// The head ids each of those months' checks assessed.
  private var assessedByMonth: [Month: Set<Int64>] = [:]
  private var knownFirst: Month??
  private var knownReported: Set<Month>?
  private var knownTripStarts: [Month: Bool] = [:]
  /// Today: a month is of the ledger only once it has ended (or is closed). Nil leaves that to the caller.
  let today: CivilDate?
  private var knownUnapproved: [Int64: ReviewStatus]?
  private var knownHeads: [Int64: HeadKey]?
  /// Each unit's posts and their heads' ids, grouped the first time a run is followed back unit by unit.
  private var postsByUnit: [String: (posts: [Post], headIDs: [Int64])]?
  /// A run of short months is followed back unit by unit, each unit checked alone from the month's tallies, once
  /// the units still running are at most this share of the roster's units; before, a month is computed whole. Tests set 0 (never
  /// unit by unit) and 1 (always) to hold the two to the same result.
  var unitByUnitShare = MonthsPlan.unitByUnitShare

  init(db: Database, rules: RuleBook, ignoringFreezes: Bool = false, today: CivilDate? = nil) throws {
    self.db = db
    self.today = today
    self.rules = rules
    self.ignoringFreezes = ignoringFreezes
    (posts, headIDs) = try PostWithHead.withHeadIDs(in: db)
    self.closes = Dictionary(
      try ClosedMonthRecord.closesInForce(in: db).map { ($0.month, $0) }, uniquingKeysWith: { _, later in later })
  }

  /// The month's close in force with its frozen results; nil when the month is not closed.
  mutating func closed(_ month: Month) throws -> ClosedMonth? {
    guard let close = closes[month] else { return nil }
    if let known = frozen[month] { return known }
    guard let record = try ClosedMonthRecord.fetchOne(db, key: close.id) else {
      throw ClosedMonthRecord.damaged(id: close.id, month: month.iso)
    }
    let closed = try record.closedMonth()
    frozen[month] = closed
    return closed
  }

  /// What the bulletin `month`'s close published carries forward, when it speaks for every month before it as they
  /// stand today (`MonthsPlan.publishedChainHolds`): reading it costs one frozen bulletin instead of a month's
  /// check, or a frozen result, for every month of a run that may go back years. Nil when any month breaks the
  /// chain: the walk decides then.
  private mutating func publishedChain(through month: Month) throws -> CarriedForward? {
    guard readsPublishedChain, !ignoringFreezes, let last = closes[month],
      MonthsPlan.publishedChainHolds(through: month, closes: closes, first: try firstMonth())
    else { return nil }
    if let known = frozen[month] { return CarriedForward(known.bulletin) }
    return try ClosedMonthRecord.carriedForward(id: last.id, month: month, in: db)
  }

  /// The first month the ledger was kept: the earliest month a recorded trip ends in, or the earliest month
  /// reported or closed. Earlier months are unknown, not short. A trip's end, not its start, because the first
  /// file a unit sends in may hold a trip that began in the month before record-keeping did. Read the first time
  /// it is needed: a month's check (the common case, and on a large ledger the fast one) never needs it.
  mutating func firstMonth() throws -> Month? {
    if let knownFirst { return knownFirst }
    // The earliest end is no later than the end of the trip that starts first, so only trips starting by then
    // need reading: an index range, no scan of every trip.
    let end = try String.fetchOne(
      db,
      sql: """
        SELECT MIN(end_date) FROM trip INDEXED BY trip_by_dates
        WHERE start_date <= (SELECT end_date FROM trip INDEXED BY trip_by_dates ORDER BY start_date LIMIT 1)
        """)
    let tripMonth = end.flatMap(CivilDate.init(iso:)).map(Month.init(containing:))
    let reported = try reportedMonths().min()
    let first = [tripMonth, closes.keys.min(), reported].compactMap { $0 }.min()
    knownFirst = .some(first)
    return first
  }

  /// The months some unit has reported, read once.
  private mutating func reportedMonths() throws -> Set<Month> {
    if let knownReported { return knownReported }
    let months = Set(
      try String.fetchAll(db, sql: "SELECT DISTINCT month FROM month_report").compactMap(Month.init(parsing:)))
    knownReported = months
    return months
  }

  /// Whether a trip that is not void starts in the month: one probe of the trips index.
  private mutating func tripStarts(in month: Month) throws -> Bool {
    if let known = knownTripStarts[month] { return known }
    let found =
      try Bool.fetchOne(
        db,
        sql: """
          SELECT EXISTS (SELECT 1 FROM trip INDEXED BY trip_by_dates
            WHERE start_date BETWEEN ? AND ? AND void_reason IS NULL)
          """, arguments: [month.firstDay.iso, month.lastDay.iso]) ?? false
    knownTripStarts[month] = found
    return found
  }

  /// Whether the month is one of the ledger's: it is closed, or it has ended and a unit reported it or a trip
  /// starts in it (from the ledger's first month on). Never because a trip that started earlier runs into it:
  /// one August trip in July's file must not make every unit short in August. The one place that decides which
  /// months `owing --open`, `summary`, the year to date and the runs of short months are made of.
  mutating func isMember(_ month: Month) throws -> Bool {
    if closes[month] != nil { return true }
    if let today, month.lastDay >= today { return false }
    if try reportedMonths().contains(month) { return true }
    guard let first = try firstMonth(), first <= month else { return false }
    return try tripStarts(in: month)
  }

  mutating func trips(in month: Month) throws -> [Trip] {
    if let cached = tripsByMonth[month] { return cached }
    let trips = try Ledger.trips(in: month, db: db)
    tripsByMonth[month] = trips
    return trips
  }

  /// Today's computation of the month; throws when no rule file is in force for it, or when it counts working
  /// days and the month's year has no calendar.
  ///
  /// The same as `Ledger.check` (see `CheckQuery.run`), with the roster read once for every month.
  mutating func current(_ month: Month) throws -> CheckReport {
    if let cached = computed[month] { return cached }
    let report = try CheckQuery.run(
      month: month, rules: try rules.ruleSet(for: month), posts: posts, headIDs: headIDs, in: db)
    computed[month] = report
    return report
  }

  /// Whether anything is known of the month: it is one of the ledger's (`isMember`) and a rule file was in force.
  mutating func isKnown(_ month: Month) throws -> Bool {
    guard try isMember(month) else { return false }
    return (try? rules.ruleSet(for: month)) != nil || closes[month] != nil
  }

  /// The month's result in force; nil when nothing is known of it.
  mutating func inForce(_ month: Month) throws -> CheckReport? {
    if !ignoringFreezes, let closed = try closed(month) { return closed.report }
    guard try isKnown(month) else { return nil }
    return try current(month)
  }

  /// The month's headline figures in force; nil when nothing is known of it.
  mutating func figures(_ month: Month) throws -> MonthFigures? {
    if !ignoringFreezes, let closed = try closed(month) { return closed.bulletin.figures }
    guard try isKnown(month) else { return nil }
    if let cached = figuresByMonth[month] { return cached }
    return MonthFigures.of(try current(month), trips: try trips(in: month))
  }

  /// Whether the month's result in force is today's computation, not yet made.
  private mutating func needsComputing(_ month: Month) throws -> Bool {
    guard figuresByMonth[month] == nil, ignoringFreezes || closes[month] == nil else { return false }
    return try isKnown(month)
  }

  /// Computes today's result and figures of each of `months` from their kept tallies (`MonthTallyQuery`), exactly
  /// as `current` and `figures` would from the trips one month at a time, and keeps them for those to return.
  ///
  /// A month that cannot be computed (no rule file in force, or no calendar for working days) is left out, so
  /// that `current` throws its error when, and only when, a caller needs that month.
  mutating func computeTogether(_ months: [Month]) throws {
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
    let leaves = try Ledger.leaves(
      in: db, request: LeaveRecord.all().covering(from: first.firstDay, to: last.lastDay))
    for (kinds, group) in byKinds {
      try MonthTallyQuery.forEach(months: group, kinds: kinds, in: db) { month, halves in
        guard let ruleSet = ruleSets[month] else { return }
        // Heads by id: the trips come keyed by head id, and a month's check then hashes no names.
        let done = MonthSpanCheck.run(
          month: month, rules: ruleSet, posts: posts, headIDs: headIDs, halves: halves, leaves: leaves)
        computed[month] = done.report
        figuresByMonth[month] = done.figures
        assessedByMonth[month] = done.assessed
      }
    }
  }

  /// The year's figures for the months before `month`; nil when none is known.
  mutating func yearBefore(_ month: Month) throws -> YearToDate? {
    if let before = MonthsPlan.carryingYear(before: month), let published = try publishedChain(through: before) {
      return published.yearToDate
    }
    let earlier = MonthsPlan.earlierThisYear(month)
    try computeTogether(try earlier.filter { try needsComputing($0) })
    var months: [(Month, MonthFigures)] = []
    for cursor in earlier {
      if let figures = try figures(cursor) { months.append((cursor, figures)) }
    }
    return YearToDate.summing(months)
  }

  /// For each unit short in `month`, how many months in a row it has been short, ending with `month`.
  mutating func shortRuns(endingAt month: Month) throws -> [String: Int] {
    if let published = try publishedChain(through: month) {
      return published.shortRuns
    }
    guard let last = try inForce(month) else { return [:] }
    var walk = ShortRunsWalk(from: month, last: last)
    // A run may go back years: only the months already known before the walk are kept, not every month it passes.
    let known = Set(figuresByMonth.keys).union(computed.keys)
    while let cursor = walk.next {
      // Runs last years on a province's ledger (a unit with a post nobody fills is short every month), and
      // computing every unit of every month back to the first costs a month's check each.
      let available = (!ignoringFreezes && closes[cursor] != nil) || computed[cursor] != nil
      if walk.goesUnitByUnit(units: try unitPosts().count, share: unitByUnitShare, available: available) {
        guard try isKnown(cursor) else { break }
        walk.record(short: try shortAlone(walk.running, in: cursor))
      } else {
        guard let report = try inForceComputingBack(cursor) else { break }
        walk.record(short: Set(report.shortUnits.map(\.unit)))
      }
      if !known.contains(cursor) { forget(cursor) }
    }
    return walk.runs
  }

  /// Which of `units` were short in `month` by today's data, each checked through its own heads' tallies and leave
  /// (`MonthSpanCheck.shortAlone`); throws as `current` does when the month cannot be computed.
  private mutating func shortAlone(_ units: Set<String>, in month: Month) throws -> Set<String> {
    let ruleSet = try rules.ruleSet(for: month)
    try ruleSet.requireCalendar(for: month)
    let leaves = try Ledger.leaves(
      in: db, request: LeaveRecord.all().covering(from: month.firstDay, to: month.lastDay))
    let byUnit = try unitPosts()
    var halves = MonthTallyQuery.MonthHalves()
    // The running units' heads only: a run followed back years is a few units long, not the roster.
    let heads = units.flatMap { byUnit[$0]?.headIDs ?? [] }
    try MonthTallyQuery.forEach(months: [month], kinds: ruleSet.countedKinds, heads: heads, in: db) { halves = $1 }
    return MonthSpanCheck.shortAlone(
      units, month: month, rules: ruleSet, byUnit: byUnit, halves: halves, leaves: leaves)
  }

  /// Each unit's posts with their heads' ids, in roster order, grouped once.
  private mutating func unitPosts() throws -> [String: (posts: [Post], headIDs: [Int64])] {
    if let postsByUnit { return postsByUnit }
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

  /// Computes the month and the months of its year before it together, as its bulletin needs them: called before
  /// anything else asks for the month's check, the check is computed once, in the same pass.
  mutating func computeForBulletin(_ month: Month) throws {
    try computeTogether([month] + (try MonthsPlan.earlierThisYear(month).filter { try needsComputing($0) }))
  }

  /// Computes those of `months` whose result in force is today's computation together (see `computeTogether`):
  /// a year's summary reads its months' kept tallies in one query, not its trips month by month.
  mutating func computeWhereNeeded(_ months: [Month]) throws {
    try computeTogether(try months.filter { try needsComputing($0) })
  }

  /// Latest review statuses that are not `approved`, read once.
  private mutating func unapproved() throws -> [Int64: ReviewStatus] {
    if let knownUnapproved { return knownUnapproved }
    let statuses = try CheckQuery.unapproved(in: db)
    knownUnapproved = statuses
    return statuses
  }

  /// Every head's unit and name by id, read once.
  private mutating func heads() throws -> [Int64: HeadKey] {
    if let knownHeads { return knownHeads }
    let heads = try MonthSpanQuery.heads(in: db)
    knownHeads = heads
    return heads
  }

  /// `inForce`, computing the months up to `month` together first when the month is not computed yet
  /// (`MonthsPlan.computedBack`): a run of short months is followed back one month at a time, and may go back years.
  private mutating func inForceComputingBack(_ month: Month) throws -> CheckReport? {
    if try needsComputing(month) {
      try computeTogether(try MonthsPlan.computedBack(from: month) { try needsComputing($0) })
    }
    return try inForce(month)
  }

  /// The month's bulletin computed from today's data; earlier months' figures and runs as they stand in force.
  ///
  /// The month and the year before it are computed from their kept tallies; the month's destinations are read
  /// from its trips apart, the only column of the trips the tallies do not hold.
  ///
  /// - Parameter completeness: reads the month as of a day (`CheckReport.marking`) before the bulletin is built.
  mutating func currentBulletin(_ month: Month, marking completeness: MonthCompleteness? = nil) throws -> Bulletin {
    try computeForBulletin(month)
    let computed = try current(month)
    let report = completeness.map(computed.marking) ?? computed
    let figures: MonthFigures
    let destinations: [String: [String]]
    if let known = figuresByMonth[month], let assessed = assessedByMonth[month] {
      figures = known
      destinations = try MonthSpanQuery.destinations(
        month: month, kinds: report.rules.countedKinds, unapproved: try unapproved(), heads: try heads(),
        assessed: assessed, in: db)
    } else {
      let trips = try trips(in: month)
      figures = MonthFigures.of(report, trips: trips)
      destinations = BulletinTrips.destinations(trips, report: report)
    }
    return Bulletin.build(
      report: report, figures: figures, destinations: destinations, earlierThisYear: try yearBefore(month),
      previousShortRuns: try shortRuns(endingAt: month.previous))
  }
}
