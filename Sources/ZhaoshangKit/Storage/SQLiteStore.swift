import Dispatch
import Foundation

/// The ledger in one SQLite file (or in memory), behind the store's protocols: each call runs `Ledger`'s
/// synchronous GRDB method on a thread of the store's own, so no caller's event loop or task waits on SQLite.
///
/// The queue is concurrent: GRDB's pool lets reads run side by side and serialises writes itself, so the store
/// adds no lock of its own. `ledger` stays reachable for the CLI's work that is SQLite's by nature (backup,
/// restore, streaming; see `LedgerStore`).
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

  public func forEachTripPage(
    in month: Month?, unit: String?, name: String?, passes: Int,
    _ page: @escaping @Sendable (_ pass: Int, _ trips: [Trip]) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError) {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.forEachTripPage(in: month, unit: unit, name: name, passes: passes) { try page($0, $1) }
    }
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

  public func monthReports(month: Month?, unit: String?) async throws(ZhaoshangError) -> [MonthReport] {
    try await run { ledger throws(ZhaoshangError) in try ledger.monthReports(month: month, unit: unit) }
  }

  public func explanations(month: Month?, unit: String?) async throws(ZhaoshangError) -> [Explanation] {
    try await run { ledger throws(ZhaoshangError) in try ledger.explanations(month: month, unit: unit) }
  }

  public func explanation(id: Int64, as actor: ActingUser) async throws(ZhaoshangError) -> Explanation {
    try await run { ledger throws(ZhaoshangError) in try ledger.explanation(id: id, as: actor) }
  }

  public func document(sha256: String) async throws(ZhaoshangError) -> StoredDocument? {
    try await run { ledger throws(ZhaoshangError) in try ledger.document(sha256: sha256) }
  }

  public func owing(month: Month, rules: RuleBook, asOf: CivilDate) async throws(ZhaoshangError)
    -> (standing: MonthStanding, owed: [OwedExplanation])
  {
    try await run { ledger throws(ZhaoshangError) in try ledger.owing(month: month, rules: rules, asOf: asOf) }
  }

  public func openExplanations(rules: RuleBook, today: CivilDate, asOf: CivilDate, markingUnreported: Bool)
    async throws(ZhaoshangError) -> [OwedExplanation]
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.openExplanations(rules: rules, today: today, asOf: asOf, markingUnreported: markingUnreported)
    }
  }

  /// Wraps the ledger's own summary unchanged: SQLite's months computed together (`MonthResults`).
  public func summary(year: Int, rules: RuleBook, today: CivilDate, current: Bool) async throws(ZhaoshangError)
    -> YearSummary
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.summary(year: year, rules: rules, today: today, current: current)
    }
  }

  // MARK: Writing

  public func addPosts(
    _ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem], dryRun: Bool,
    amendment: Amendment?, source: FileSource?
  ) async throws(ZhaoshangError) -> WriteOutcome<Post> {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.addPosts(
        entries, rules: rules, stamp: stamp, carrying: earlier, dryRun: dryRun, amendment: amendment, source: source)
    }
  }

  public func endPost(unit: String, name: String, on date: CivilDate, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> Post
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.endPost(unit: unit, name: name, on: date, stamp: stamp, amendment: amendment)
    }
  }

  public func addLeave(
    _ entries: [Located<Leave>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem], dryRun: Bool,
    amendment: Amendment?, source: FileSource?
  ) async throws(ZhaoshangError) -> WriteOutcome<Leave> {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.addLeave(
        entries, rules: rules, stamp: stamp, carrying: earlier, dryRun: dryRun, amendment: amendment, source: source)
    }
  }

  public func recordTrips(
    _ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, carrying earlier: [Problem],
    dryRun: Bool, amendment: Amendment?
  ) async throws(ZhaoshangError) -> WriteOutcome<Trip> {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.recordTrips(
        entries, rules: rules, today: today, stamp: stamp, carrying: earlier, dryRun: dryRun, amendment: amendment)
    }
  }

  public func correctTrip(
    id: Int64, with corrected: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp
  ) async throws(ZhaoshangError) -> WriteOutcome<Trip> {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.correctTrip(id: id, with: corrected, rules: rules, today: today, stamp: stamp)
    }
  }

  public func voidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?) async throws(ZhaoshangError)
    -> Trip
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.voidTrip(id: id, reason: reason, stamp: stamp, amendment: amendment)
    }
  }

  public func unvoidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment?)
    async throws(ZhaoshangError) -> Restoration
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.unvoidTrip(id: id, reason: reason, stamp: stamp, amendment: amendment)
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

  public func reportMonth(
    unit: String, month: Month, nothingToReport: Bool, rules: RuleBook, today: CivilDate, stamp: Stamp,
    amendment: Amendment?
  ) async throws(ZhaoshangError) -> MonthReport {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.reportMonth(
        unit: unit, month: month, nothingToReport: nothingToReport, rules: rules, today: today, stamp: stamp,
        amendment: amendment)
    }
  }

  public func recordExplanation(
    _ explanation: Explanation, rules: RuleBook, today: CivilDate, stamp: Stamp, storing stored: StoredDocument?
  ) async throws(ZhaoshangError) -> Explanation {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.recordExplanation(explanation, rules: rules, today: today, stamp: stamp, storing: stored)
    }
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

  // MARK: Accounts

  public func addAccount(
    login: String, role: Role, unit: String?, passwordHash: String, rules: RuleBook, stamp: Stamp
  ) async throws(ZhaoshangError) -> Account {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.addAccount(
        login: login, role: role, unit: unit, passwordHash: passwordHash, rules: rules, stamp: stamp)
    }
  }

  public func accounts() async throws(ZhaoshangError) -> [Account] {
    try await run { ledger throws(ZhaoshangError) in try ledger.accounts() }
  }

  public func disableAccount(login: String, stamp: Stamp) async throws(ZhaoshangError) -> Account {
    try await run { ledger throws(ZhaoshangError) in try ledger.disableAccount(login: login, stamp: stamp) }
  }

  public func changePassword(login: String, passwordHash: String, stamp: Stamp) async throws(ZhaoshangError) {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.changePassword(login: login, passwordHash: passwordHash, stamp: stamp)
    }
  }

  public func revokeTokens(login: String, stamp: Stamp) async throws(ZhaoshangError) -> Int {
    try await run { ledger throws(ZhaoshangError) in try ledger.revokeTokens(login: login, stamp: stamp) }
  }

  public func credentials(login: String) async throws(ZhaoshangError) -> (account: Account, passwordHash: String)? {
    try await run { ledger throws(ZhaoshangError) in try ledger.credentials(login: login) }
  }

  public func recordFailedLogin(login: String, now: Date) async throws(ZhaoshangError) -> Date? {
    try await run { ledger throws(ZhaoshangError) in try ledger.recordFailedLogin(login: login, now: now) }
  }

  public func recordSuccessfulLogin(login: String) async throws(ZhaoshangError) {
    try await run { ledger throws(ZhaoshangError) in try ledger.recordSuccessfulLogin(login: login) }
  }

  public func startSession(accountID: Int64, now: Date, lifetime: TimeInterval) async throws(ZhaoshangError)
    -> (cookie: String, csrf: String)
  {
    try await run { ledger throws(ZhaoshangError) in
      try ledger.startSession(accountID: accountID, now: now, lifetime: lifetime)
    }
  }

  public func session(cookie: String, now: Date) async throws(ZhaoshangError) -> (actor: ActingUser, csrf: String)? {
    try await run { ledger throws(ZhaoshangError) in try ledger.session(cookie: cookie, now: now) }
  }

  public func endSession(cookie: String) async throws(ZhaoshangError) {
    try await run { ledger throws(ZhaoshangError) in try ledger.endSession(cookie: cookie) }
  }

  public func issueToken(login: String, stamp: Stamp) async throws(ZhaoshangError) -> String {
    try await run { ledger throws(ZhaoshangError) in try ledger.issueToken(login: login, stamp: stamp) }
  }

  public func actor(forToken token: String) async throws(ZhaoshangError) -> ActingUser? {
    try await run { ledger throws(ZhaoshangError) in try ledger.actor(forToken: token) }
  }
}
