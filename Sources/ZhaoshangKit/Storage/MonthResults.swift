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
  let closes: [Month: ClosedMonth]
  private let posts: [Post]
  private var computed: [Month: CheckReport] = [:]
  private var tripsByMonth: [Month: [Trip]] = [:]
  private var knownBounds: MonthBounds?

  /// The months the ledger holds data for.
  struct MonthBounds {
    /// The earliest month a recorded trip ends in, or the earliest close: the ledger was not kept before it, so
    /// earlier months are unknown, not short. A trip's end, not its start, because the first file a unit sends
    /// in may hold a trip that began in the month before record-keeping did.
    let first: Month?
    /// The latest month a recorded trip ends in, or the latest close: later months hold no data yet, and
    /// counting them would mark every unit short.
    let last: Month?
  }

  init(db: Database, rules: RuleBook, ignoringFreezes: Bool = false) throws {
    self.db = db
    self.rules = rules
    self.ignoringFreezes = ignoringFreezes
    posts = try PostWithHead.all(in: db)
    var closes: [Month: ClosedMonth] = [:]
    for record in try ClosedMonthRecord.all().inForce().fetchAll(db) {
      let closed = try record.closedMonth()
      closes[closed.month] = closed
    }
    self.closes = closes
  }

  /// The months the ledger holds data for, found the first time they are needed: it reads every trip's end,
  /// which a month's check (the common case, and on a large ledger the fast one) never needs.
  mutating func bounds() throws -> MonthBounds {
    if let knownBounds { return knownBounds }
    let ends = try Row.fetchOne(db, sql: "SELECT MIN(end_date) AS first, MAX(end_date) AS last FROM trip")
    let tripMonths = [ends?["first"], ends?["last"]].map { (text: String?) in
      text.flatMap(CivilDate.init(iso:)).map(Month.init(containing:))
    }
    let closedMonths = closes.keys.map { Optional($0) }
    let bounds = MonthBounds(
      first: ([tripMonths[0]] + closedMonths).compactMap { $0 }.min(),
      last: ([tripMonths[1]] + closedMonths).compactMap { $0 }.max())
    knownBounds = bounds
    return bounds
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
    let report = try CheckQuery.run(month: month, rules: try rules.ruleSet(for: month), posts: posts, in: db)
    computed[month] = report
    return report
  }

  /// Whether anything is known of the month: the ledger holds it and a rule file was in force.
  mutating func isKnown(_ month: Month) throws -> Bool {
    let bounds = try bounds()
    guard let first = bounds.first, let last = bounds.last, first <= month, month <= last else { return false }
    return (try? rules.ruleSet(for: month)) != nil || closes[month] != nil
  }

  /// The month's result in force; nil when nothing is known of it.
  mutating func inForce(_ month: Month) throws -> CheckReport? {
    if !ignoringFreezes, let closed = closes[month] { return closed.report }
    guard try isKnown(month) else { return nil }
    return try current(month)
  }

  /// The month's headline figures in force; nil when nothing is known of it.
  mutating func figures(_ month: Month) throws -> MonthFigures? {
    if !ignoringFreezes, let closed = closes[month] { return closed.bulletin.figures }
    guard try isKnown(month) else { return nil }
    return MonthFigures.of(try current(month), trips: try trips(in: month))
  }

  /// The year's figures for the months before `month`; nil when none is known.
  mutating func yearBefore(_ month: Month) throws -> YearToDate? {
    var months: [(Month, MonthFigures)] = []
    var cursor = Month(year: month.year, month: 1) ?? month
    while cursor < month {
      if let figures = try figures(cursor) { months.append((cursor, figures)) }
      cursor = cursor.next
    }
    return YearToDate.summing(months)
  }

  /// For each unit short in `month`, how many months in a row it has been short, ending with `month`.
  mutating func shortRuns(endingAt month: Month) throws -> [String: Int] {
    guard let last = try inForce(month) else { return [:] }
    var runs = ShortRuns.step([:], last)
    var running = Set(runs.keys)
    var cursor = month.previous
    while !running.isEmpty, let report = try inForce(cursor) {
      let short = Set(report.shortUnits.map(\.unit))
      for unit in running {
        if short.contains(unit) { runs[unit, default: 0] += 1 } else { running.remove(unit) }
      }
      guard cursor.previous < cursor else { break }
      cursor = cursor.previous
    }
    return runs
  }

  /// The month's bulletin computed from today's data; earlier months' figures and runs as they stand in force.
  mutating func currentBulletin(_ month: Month) throws -> Bulletin {
    let report = try current(month)
    return Bulletin.build(
      report: report, trips: try trips(in: month), earlierThisYear: try yearBefore(month),
      previousShortRuns: try shortRuns(endingAt: month.previous))
  }
}
