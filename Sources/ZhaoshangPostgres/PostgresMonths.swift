import ZhaoshangKit

/// The ledger's months as one PostgreSQL transaction sees them, for a month's bulletin: each month's result in force
/// (frozen once closed, else computed from today's data by the core's check), its figures, the year before it and
/// the runs of short months. SQLite's `MonthResults` decides the same things the same way, over its own queries;
/// the bulletin itself is the core's `Bulletin.build`.
struct PostgresMonths {
  let link: PostgresLink
  let rules: RuleBook
  let closes: [Month: ClosedMonth]
  /// Today: a month is of the ledger only once it has ended (or is closed). Nil leaves that to the caller.
  let today: CivilDate?
  private var computed: [Month: CheckReport] = [:]
  private var tripsByMonth: [Month: [Trip]] = [:]
  private var knownFirst: Month??
  private var knownReported: Set<Month>?

  init(rules: RuleBook, today: CivilDate? = nil, link: PostgresLink) async throws(ZhaoshangError) {
    self.link = link
    self.rules = rules
    self.today = today
    var closes: [Month: ClosedMonth] = [:]
    for closed in try await PostgresStore.closes(month: nil, inForce: true, link: link) {
      closes[closed.month] = closed
    }
    self.closes = closes
  }

  /// The first month the ledger was kept: the earliest month a recorded trip ends in, or the earliest month
  /// reported or closed (see `MonthResults.firstMonth`).
  mutating func firstMonth() async throws(ZhaoshangError) -> Month? {
    if let knownFirst { return knownFirst }
    let tripMonth = try await link.value("SELECT min(end_date) FROM trip").flatMap(CivilDate.init(iso:))
      .map(Month.init(containing:))
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

  /// Whether the month is one of the ledger's: closed, or reported, or a trip that is not void starts in it from
  /// the ledger's first month on (`MonthResults.isMember`).
  private mutating func isMember(_ month: Month) async throws(ZhaoshangError) -> Bool {
    if closes[month] != nil { return true }
    if let today, month.lastDay >= today { return false }
    if try await reportedMonths().contains(month) { return true }
    guard let first = try await firstMonth(), first <= month else { return false }
    return try await link.value(
      """
      SELECT EXISTS (SELECT 1 FROM trip WHERE start_date BETWEEN \(month.firstDay.iso)::date
        AND \(month.lastDay.iso)::date AND void_reason IS NULL)
      """) == "1"
  }

  mutating func trips(in month: Month) async throws(ZhaoshangError) -> [Trip] {
    if let cached = tripsByMonth[month] { return cached }
    let trips = try await PostgresStore.trips(in: month, unit: nil, name: nil, link: link)
    tripsByMonth[month] = trips
    return trips
  }

  /// Today's check of the month, every unit.
  mutating func current(_ month: Month) async throws(ZhaoshangError) -> CheckReport {
    if let cached = computed[month] { return cached }
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
    if let closed = closes[month] { return closed.report }
    guard try await isKnown(month) else { return nil }
    return try await current(month)
  }

  /// The month's headline figures in force; nil when nothing is known of it.
  private mutating func figures(_ month: Month) async throws(ZhaoshangError) -> MonthFigures? {
    if let closed = closes[month] { return closed.bulletin.figures }
    guard try await isKnown(month) else { return nil }
    return MonthFigures.of(try await current(month), trips: try await trips(in: month))
  }

  /// The year's figures for the months before `month`; nil when none is known.
  private mutating func yearBefore(_ month: Month) async throws(ZhaoshangError) -> YearToDate? {
    var months: [(Month, MonthFigures)] = []
    var cursor = Month(year: month.year, month: 1) ?? month
    while cursor < month {
      if let figures = try await figures(cursor) { months.append((cursor, figures)) }
      cursor = cursor.next
    }
    return YearToDate.summing(months)
  }

  /// For each unit short in `month`, how many months in a row it has been short, ending with `month`.
  private mutating func shortRuns(endingAt month: Month) async throws(ZhaoshangError) -> [String: Int] {
    guard let last = try await inForce(month) else { return [:] }
    var reports = [last]
    var running = Set(last.shortUnits.map(\.unit))
    var cursor = month.previous
    while !running.isEmpty, cursor < month, let report = try await inForce(cursor) {
      reports.insert(report, at: 0)
      running.formIntersection(report.shortUnits.map(\.unit))
      guard cursor.previous < cursor else { break }
      cursor = cursor.previous
    }
    return ShortRuns.ending(reports)
  }

  /// The month's bulletin computed from today's data; earlier months' figures and runs as they stand in force.
  ///
  /// - Parameter completeness: reads the month as of a day (`CheckReport.marking`) before the bulletin is built.
  mutating func currentBulletin(_ month: Month, marking completeness: MonthCompleteness? = nil)
    async throws(ZhaoshangError) -> Bulletin
  {
    let computed = try await current(month)
    let report = completeness.map(computed.marking) ?? computed
    return Bulletin.build(
      report: report, trips: try await trips(in: month), earlierThisYear: try await yearBefore(month),
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
