import Dispatch

/// The ledger in one SQLite file (or in memory), behind the store's protocols: each call runs `Ledger`'s
/// synchronous GRDB method on a thread of the store's own, so no caller's event loop or task waits on SQLite.
///
/// The queue is concurrent: GRDB's pool lets reads run side by side and serialises writes itself, so the store
/// adds no lock of its own. `ledger` stays reachable for what is not behind the protocols yet (see `LedgerStore`).
public struct SQLiteStore: LedgerStore {
  public let ledger: Ledger
  private let queue: DispatchQueue

  public init(_ ledger: Ledger) {
    self.ledger = ledger
    queue = DispatchQueue(label: "zhaoshang.sqlite-store", qos: .userInitiated, attributes: .concurrent)
  }

  /// Runs `body` on the store's queue and hands its result (or its refusal) back to the awaiting task.
  func run<T: Sendable>(_ body: @escaping @Sendable (Ledger) throws(ZhaoshangError) -> T) async throws(ZhaoshangError)
    -> T
  {
    let ledger = ledger
    let result: Result<T, ZhaoshangError> = await withCheckedContinuation { continuation in
      queue.async {
        continuation.resume(returning: Result { () throws(ZhaoshangError) -> T in try body(ledger) })
      }
    }
    return try result.get()
  }

  // MARK: Reading

  public func posts(unit: String?, on date: CivilDate?) async throws(ZhaoshangError) -> [Post] {
    try await run { ledger throws(ZhaoshangError) in try ledger.posts(unit: unit, on: date) }
  }

  public func leaves(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Leave] {
    try await run { ledger throws(ZhaoshangError) in try ledger.leaves(in: month, unit: unit, name: name) }
  }

  public func trips(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Trip] {
    try await run { ledger throws(ZhaoshangError) in try ledger.trips(in: month, unit: unit, name: name) }
  }

  public func trip(id: Int64, as actor: ActingUser) async throws(ZhaoshangError) -> Trip {
    try await run { ledger throws(ZhaoshangError) in try ledger.trip(id: id, as: actor) }
  }

  public func pendingTrips(unit: String?) async throws(ZhaoshangError) -> [Trip] {
    try await run { ledger throws(ZhaoshangError) in try ledger.pendingTrips(unit: unit) }
  }

  public func check(month: Month, rules: RuleBook, unit: String?) async throws(ZhaoshangError) -> CheckReport {
    try await run { ledger throws(ZhaoshangError) in try ledger.check(month: month, rules: rules, unit: unit) }
  }

  public func completeness(month: Month, rules: RuleBook, today: CivilDate) async throws(ZhaoshangError)
    -> MonthCompleteness
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.completeness(month: month, rules: rules, today: today)
    }
  }

  public func closes(month: Month?) async throws(ZhaoshangError) -> [ClosedMonth] {
    try await run { ledger throws(ZhaoshangError) in try ledger.closes(month: month) }
  }

  public func history(unit: String?, name: String?, trip: Int64?, month: Month?) async throws(ZhaoshangError)
    -> [AuditEvent]
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.history(unit: unit, name: name, trip: trip, month: month)
    }
  }

  public func verify() async throws(ZhaoshangError) -> VerifyReport {
    try await run { ledger throws(ZhaoshangError) in try ledger.verify() }
  }

  // MARK: Writing

  public func addPosts(_ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> WriteOutcome<Post>
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.addPosts(entries, rules: rules, stamp: stamp, amendment: amendment)
    }
  }

  public func recordTrips(
    _ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, amendment: Amendment?
  ) async throws(ZhaoshangError) -> WriteOutcome<Trip> {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.recordTrips(entries, rules: rules, today: today, stamp: stamp, amendment: amendment)
    }
  }

  public func voidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?) async throws(ZhaoshangError)
    -> Trip
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.voidTrip(id: id, reason: reason, stamp: stamp, amendment: amendment)
    }
  }

  public func approveTrips(ids: [Int64], stamp: Stamp) async throws(ZhaoshangError) -> [Trip] {
    try await run { ledger throws(ZhaoshangError) in try ledger.approveTrips(ids: ids, stamp: stamp) }
  }

  public func returnTrip(id: Int64, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> Trip {
    try await run { ledger throws(ZhaoshangError) in try ledger.returnTrip(id: id, reason: reason, stamp: stamp) }
  }

  public func resubmitTrip(id: Int64, stamp: Stamp) async throws(ZhaoshangError) -> Trip {
    try await run { ledger throws(ZhaoshangError) in try ledger.resubmitTrip(id: id, stamp: stamp) }
  }

  public func withdrawTrip(id: Int64, reason: String?, stamp: Stamp) async throws(ZhaoshangError) -> Trip {
    try await run { ledger throws(ZhaoshangError) in try ledger.withdrawTrip(id: id, reason: reason, stamp: stamp) }
  }

  public func close(month: Month, rules: RuleBook, today: CivilDate, force: Bool, stamp: Stamp)
    async throws(ZhaoshangError) -> ClosedMonth
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.close(month: month, rules: rules, today: today, force: force, stamp: stamp)
    }
  }

  public func reopen(month: Month, reason: String, stamp: Stamp) async throws(ZhaoshangError) -> ClosedMonth {
    try await run { ledger throws(ZhaoshangError) in try ledger.reopen(month: month, reason: reason, stamp: stamp) }
  }

  // MARK: Importing

  public func importTrips(
    rules: RuleBook, today: CivilDate, stamp: Stamp, dryRun: Bool, amendment: Amendment?,
    feed: @escaping @Sendable (any ImportSink<Trip>) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError) -> ImportReport {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.importTrips(rules: rules, today: today, stamp: stamp, dryRun: dryRun, amendment: amendment, feed: feed)
    }
  }
}
