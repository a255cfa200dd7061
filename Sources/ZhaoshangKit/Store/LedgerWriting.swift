/// What the front ends change in a ledger. Each method is one transaction: it writes everything or nothing, keeps
/// the ledger's invariants (the closed-month rule, repeats, review, who may act), and appends its audit event in
/// the same transaction. Refusals are `ZhaoshangError`s carrying the domain's `ProblemCode`, the same from every
/// store. See `LedgerStore` for the design.
public protocol LedgerWriting: Sendable {
  /// Adds roster entries: all, or none when any breaks a rule; an entry already on the roster is skipped.
  /// Problems found before (`carrying`, a file's unreadable lines) refuse the write and are reported with the
  /// entries' own; on a dry run everything is checked and nothing written. The audit event names the `source`
  /// file and its SHA-256.
  func addPosts(
    _ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem], dryRun: Bool,
    amendment: Amendment?, source: FileSource?
  ) async throws(ZhaoshangError) -> WriteOutcome<Post>

  /// Ends the head's open post on `date`, its last day in post; the closed months it reached past that date need
  /// an `amendment`.
  func endPost(unit: String, name: String, on date: CivilDate, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> Post

  /// Records leave: all, or none when any breaks a rule (`LeaveAdmission`); leave already recorded is skipped,
  /// leave over a recorded trip is a warning, leave in a closed month needs an `amendment`. `carrying`, `dryRun`
  /// and `source` as for `addPosts`.
  func addLeave(
    _ entries: [Located<Leave>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem], dryRun: Bool,
    amendment: Amendment?, source: FileSource?
  ) async throws(ZhaoshangError) -> WriteOutcome<Leave>

  /// Records trips: all, or none when any breaks a rule. An identical trip already recorded is skipped; an
  /// overlapping one is a warning; a trip in a closed month needs an `amendment`. A unit's trips wait for review.
  /// Problems found before (`carrying`, e.g. a file's unreadable lines) refuse the write and are reported with the
  /// entries' own; on a dry run everything is checked and nothing written.
  func recordTrips(
    _ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, carrying earlier: [Problem],
    dryRun: Bool, amendment: Amendment?
  ) async throws(ZhaoshangError) -> WriteOutcome<Trip>

  /// Replaces a returned trip by corrected ones, all or nothing: they are submitted for review and the returned
  /// trip withdrawn, naming them. A correction identical to the returned trip is refused.
  func correctTrip(id: Int64, with corrected: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp)
    async throws(ZhaoshangError) -> WriteOutcome<Trip>

  /// Voids a trip (the office only): it stays on record with the reason and no longer counts.
  func voidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?) async throws(ZhaoshangError) -> Trip

  /// Undoes a mistaken void (the office only, `RestorationRule`): the voided trip stays as it is and a copy of it
  /// counts again, joined to it with the reason.
  func unvoidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?) async throws(ZhaoshangError)
    -> Restoration

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

  /// Records that a unit has reported a month (报送), or with `nothingToReport` that its heads did not go out
  /// (未外出). Once per unit and month; a closed month needs an `amendment`.
  func reportMonth(
    unit: String, month: Month, nothingToReport: Bool, rules: RuleBook, today: CivilDate, stamp: Stamp,
    amendment: Amendment?
  ) async throws(ZhaoshangError) -> MonthReport

  /// Records that a short unit's explanation arrived, with the uploaded document's bytes (`stored`) in the same
  /// transaction. Refused for a unit not short that month, a month not over, and a unit already explained.
  func recordExplanation(
    _ explanation: Explanation, rules: RuleBook, today: CivilDate, stamp: Stamp, storing stored: StoredDocument?
  ) async throws(ZhaoshangError) -> Explanation
}

extension LedgerWriting {
  /// Adds roster entries with no earlier problems and no file behind them, for real.
  public func addPosts(_ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> WriteOutcome<Post>
  {
    try await addPosts(
      entries, rules: rules, stamp: stamp, carrying: [], dryRun: false, amendment: amendment, source: nil)
  }

  /// Records leave with no earlier problems and no file behind it, for real.
  public func addLeave(_ entries: [Located<Leave>], rules: RuleBook, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> WriteOutcome<Leave>
  {
    try await addLeave(
      entries, rules: rules, stamp: stamp, carrying: [], dryRun: false, amendment: amendment, source: nil)
  }

  /// Records trips with no earlier problems, for real.
  public func recordTrips(
    _ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, amendment: Amendment?
  ) async throws(ZhaoshangError) -> WriteOutcome<Trip> {
    try await recordTrips(
      entries, rules: rules, today: today, stamp: stamp, carrying: [], dryRun: false, amendment: amendment)
  }
}
