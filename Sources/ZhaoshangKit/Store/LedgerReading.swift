/// What the front ends read from a ledger: the roster, leave, trips, the month's check and its completeness, the
/// closes, the review queue, month reports, explanations and their documents, the bulletin and the audit trail.
/// Nothing here writes. See `LedgerStore` for the design.
public protocol LedgerReading: Sendable {
  /// The roster, optionally of one unit and of those in post on one date, in the order the roster was written.
  func posts(unit: String?, on date: CivilDate?) async throws(ZhaoshangError) -> [Post]

  /// Leave, optionally touching a month, of a unit, of a person.
  func leaves(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Leave]

  /// Trips, void ones included, optionally those touching a month, of a unit, of a person; by start date.
  func trips(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Trip]

  /// The trips `trips(in:unit:name:)` lists, in the same order, handed to `page` a page at a time as they are read,
  /// `passes` times over one snapshot (`page` gets the pass, from 0): a listing of a province's year never holds
  /// every trip at once, and a table is measured on one pass and written on the next. `page` may block (the
  /// command writing the pages out is behind): it is called on a thread of the store's, never an event loop's.
  func forEachTripPage(
    in month: Month?, unit: String?, name: String?, passes: Int,
    _ page: @escaping @Sendable (_ pass: Int, _ trips: [Trip]) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError)

  /// One trip, if the actor may see it: to a unit's account, another unit's trip does not exist.
  func trip(id: Int64, as actor: ActingUser) async throws(ZhaoshangError) -> Trip

  /// Trips waiting for the office's review, of one unit or all, oldest first.
  func pendingTrips(unit: String?) async throws(ZhaoshangError) -> [Trip]

  /// The month's check under the rules, of one unit or all.
  func check(month: Month, rules: RuleBook, unit: String?) async throws(ZhaoshangError) -> CheckReport

  /// Which units have reported the month, as of `today`.
  func completeness(month: Month, rules: RuleBook, today: CivilDate) async throws(ZhaoshangError)
    -> MonthCompleteness

  /// The closes of a month (or of all months), reopened ones included, oldest first.
  func closes(month: Month?) async throws(ZhaoshangError) -> [ClosedMonth]

  /// The audit trail in order, optionally of a unit, a head, a trip, or events touching a month.
  func history(unit: String?, name: String?, trip: Int64?, month: Month?) async throws(ZhaoshangError)
    -> [AuditEvent]

  /// Recomputes the audit chain and checks every audited row against it.
  func verify() async throws(ZhaoshangError) -> VerifyReport

  /// The month reports (报送), optionally of one month and of one unit, in the order they were recorded.
  func monthReports(month: Month?, unit: String?) async throws(ZhaoshangError) -> [MonthReport]

  /// The explanations filed, optionally of one month and of one unit.
  func explanations(month: Month?, unit: String?) async throws(ZhaoshangError) -> [Explanation]

  /// One explanation, if the actor may see it: to a unit's account, another unit's does not exist.
  func explanation(id: Int64, as actor: ActingUser) async throws(ZhaoshangError) -> Explanation

  /// An uploaded document's bytes by SHA-256; nil when the store holds none under it.
  func document(sha256: String) async throws(ZhaoshangError) -> StoredDocument?

  /// The month's short units and where their explanations stand as of `asOf`, with the month's standing.
  func owing(month: Month, rules: RuleBook, asOf: CivilDate) async throws(ZhaoshangError)
    -> (standing: MonthStanding, owed: [OwedExplanation])

  /// Every shortfall still unexplained, of every month; with `markingUnreported` false, a short unit that has
  /// not reported is listed too (a unit's own page lets it explain early).
  func openExplanations(rules: RuleBook, today: CivilDate, asOf: CivilDate, markingUnreported: Bool)
    async throws(ZhaoshangError) -> [OwedExplanation]

  /// The month's bulletin as of `today`: the month so far, and the units that have not reported marked 未报送
  /// until the due day, as the CLI's `bulletin` prints it; nil: as `bulletin` shows it, frozen when closed and
  /// today's beside it (`bulletinStanding(month:rules:)`).
  func bulletinStanding(month: Month, rules: RuleBook, today: CivilDate?) async throws(ZhaoshangError)
    -> BulletinStanding

  /// The month's check as reports must show it: frozen when closed, today's computation beside it, read as of
  /// `today` when given (see `bulletinStanding(month:rules:today:)`).
  func standing(month: Month, rules: RuleBook, today: CivilDate?) async throws(ZhaoshangError) -> MonthStanding

  /// The year's summary (`YearSummary.build`) over each month's result in force, closed months as frozen unless
  /// `current`: the months of the ledger that are over by `today` or closed.
  func summary(year: Int, rules: RuleBook, today: CivilDate, current: Bool) async throws(ZhaoshangError)
    -> YearSummary

  /// Amendments of closed months, oldest first: of one month, or of every month.
  func amendments(month: Month?) async throws(ZhaoshangError) -> [AmendmentEntry]
}

extension LedgerReading {
  /// The month's bulletin as `bulletin` shows it: frozen when closed, today's beside it.
  public func bulletinStanding(month: Month, rules: RuleBook) async throws(ZhaoshangError) -> BulletinStanding {
    try await bulletinStanding(month: month, rules: rules, today: nil)
  }
}
