/// What the front ends read from a ledger: the roster, leave, trips, the month's check and its completeness, the
/// closes, the review queue and the audit trail. Nothing here writes. See `LedgerStore` for the design.
public protocol LedgerReading: Sendable {
  /// The roster, optionally of one unit and of those in post on one date, in the order the roster was written.
  func posts(unit: String?, on date: CivilDate?) async throws(ZhaoshangError) -> [Post]

  /// Leave, optionally touching a month, of a unit, of a person.
  func leaves(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Leave]

  /// Trips, void ones included, optionally those touching a month, of a unit, of a person; by start date.
  func trips(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Trip]

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
}
