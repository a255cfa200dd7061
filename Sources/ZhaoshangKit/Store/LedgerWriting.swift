/// What the front ends change in a ledger. Each method is one transaction: it writes everything or nothing, keeps
/// the ledger's invariants (the closed-month rule, repeats, review, who may act), and appends its audit event in
/// the same transaction. Refusals are `ZhaoshangError`s carrying the domain's `ProblemCode`, the same from every
/// store. See `LedgerStore` for the design.
public protocol LedgerWriting: Sendable {
  /// Adds roster entries: all, or none when any breaks a rule; an entry already on the roster is skipped.
  func addPosts(_ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> WriteOutcome<Post>

  /// Records trips: all, or none when any breaks a rule. An identical trip already recorded is skipped; an
  /// overlapping one is a warning; a trip in a closed month needs an `amendment`. A unit's trips wait for review.
  func recordTrips(_ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> WriteOutcome<Trip>

  /// Voids a trip (the office only): it stays on record with the reason and no longer counts.
  func voidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?) async throws(ZhaoshangError) -> Trip

  /// Approves submitted trips, all or none.
  func approveTrips(ids: [Int64], stamp: Stamp) async throws(ZhaoshangError) -> [Trip]

  /// Returns a submitted trip to its unit with the office's reason.
  func returnTrip(id: Int64, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> Trip

  /// Sends a returned trip back for review as it is.
  func resubmitTrip(id: Int64, stamp: Stamp) async throws(ZhaoshangError) -> Trip

  /// Withdraws a submitted or returned trip: it stays listed and never counts.
  func withdrawTrip(id: Int64, reason: String?, stamp: Stamp) async throws(ZhaoshangError) -> Trip

  /// Freezes a month's check and bulletin; later changes to it need an amendment.
  func close(month: Month, rules: RuleBook, today: CivilDate, force: Bool, stamp: Stamp)
    async throws(ZhaoshangError) -> ClosedMonth

  /// Undoes a month's close, keeping the frozen result on record with who reopened it and why.
  func reopen(month: Month, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> ClosedMonth
}
