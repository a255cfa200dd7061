import Foundation
import Logging
import PostgresNIO
import ZhaoshangKit

/// The ledger in a PostgreSQL database, behind the store's protocols, for offices and servers sharing one ledger.
///
/// Each method is one transaction on a connection of the store's pool. The rules are the core's, as on SQLite:
/// the check is `MonthlyCheck` over rows read here, trips are judged by `TripValidator` and `TripAdmission`, closed
/// months by `ClosedMonthRule`, and the audit trail's events and digests are `AuditTrail`'s, over the same canonical
/// text of each row (`PostgresLink.text(of:)`), so the same rows give the same digests on both engines.
///
/// Concurrency: every method that writes takes one transaction-scoped advisory lock (`pg_advisory_xact_lock`)
/// first, so writers to one database take turns, from any number of stores and servers. Explicit locking rather
/// than SERIALIZABLE with retries, because every write appends to the audit chain, whose next event needs the last
/// one's id and hash: writers would all conflict on that tail anyway, and SERIALIZABLE would turn each such
/// meeting into a rolled-back transaction to retry. With the lock taken before anything is read, each write's
/// statements (READ COMMITTED, each seeing what committed before it) see every earlier write whole, so the
/// closed-month guard, repeats and the review rules decide over data no concurrent writer can change under them:
/// no write skew. Reads take no lock: a REPEATABLE READ snapshot gives each one a single consistent view.
public final class PostgresStore: LedgerStore {
  public let address: PostgresAddress
  let client: PostgresClient
  let logger: Logger
  private let running: Task<Void, Never>

  /// The advisory lock every writer holds until its transaction ends: `init`'s key, so `init` and writers
  /// never meet halfway through a migration either.
  static let writeLock = PostgresSchemaSetup.lockKey

  private init(address: PostgresAddress, client: PostgresClient, logger: Logger) {
    self.address = address
    self.client = client
    self.logger = logger
    running = Task { await client.run() }
  }

  /// Opens the ledger at `address`, with a pool of up to `connections` connections. Refused when the database
  /// does not hold the ledger's whole schema (`zhaoshang init` makes it).
  ///
  /// One connection is made first, on its own: the pool retries a failing server quietly until its lease times out,
  /// where a single connection fails at once, with the reason (no server, a refused password, no such database)
  /// that `PostgresFailure` says in a sentence.
  public static func open(_ address: PostgresAddress, environment: [String: String], connections: Int = 8)
    async throws(ZhaoshangError) -> PostgresStore
  {
    let probe = try await PostgresSession.connect(to: address, environment: environment)
    let applied: [String]?
    do {
      applied = try await PostgresSchemaSetup.appliedMigrations(probe)
    } catch {
      await probe.close()
      throw error
    }
    await probe.close()
    guard applied == PostgresSchema.migrations.map(\.name) else {
      throw ZhaoshangError.refused(
        Localized(
          "PostgreSQL 数据库 \(address) 还没有台账的结构（或结构不完整）；请先运行 zhaoshang init --db \(address)",
          "the PostgreSQL database \(address) does not hold the ledger's schema (or not all of it); run `zhaoshang init --db \(address)` first"
        ))
    }
    var configuration = PostgresClient.Configuration(
      host: address.host, port: address.port, username: address.user,
      password: PostgresPassword.find(for: address, environment: environment), database: address.database,
      tls: .disable)
    do {
      configuration.tls = try clientTLS(address.tls)
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
    configuration.options.maximumConnections = connections
    configuration.options.connectTimeout = .seconds(10)
    return PostgresStore(
      address: address,
      client: PostgresClient(configuration: configuration, backgroundLogger: PostgresSession.quietLogger),
      logger: PostgresSession.quietLogger)
  }

  static func clientTLS(_ mode: PostgresAddress.TLSMode) throws -> PostgresClient.Configuration.TLS {
    var settings = TLSConfiguration.makeClientConfiguration()
    settings.certificateVerification = .none
    switch mode {
    case .disable: return .disable
    case .prefer: return .prefer(settings)
    case .require: return .require(settings)
    }
  }

  /// Closes every connection of the pool.
  public func close() async {
    running.cancel()
    await running.value
  }

  deinit { running.cancel() }

  // MARK: Transactions

  /// Runs `body` in one read-only transaction: one snapshot for all its queries.
  func read<T: Sendable>(_ body: (PostgresLink) async throws(ZhaoshangError) -> T) async throws(ZhaoshangError) -> T {
    try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", rollback: false, body)
  }

  /// Runs `body` in one transaction holding the writers' lock (see the type's comment); with `dryRun`, everything
  /// is done and checked and then rolled back.
  func write<T: Sendable>(dryRun: Bool = false, _ body: (PostgresLink) async throws(ZhaoshangError) -> T)
    async throws(ZhaoshangError) -> T
  {
    try await transaction(begin: "BEGIN", rollback: dryRun) { link throws(ZhaoshangError) in
      try await link.execute("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
      return try await body(link)
    }
  }

  /// Runs `body` in one transaction without the writers' lock: for the accounts' counters and sessions, single
  /// statements that touch no audited row.
  func update<T: Sendable>(_ body: (PostgresLink) async throws(ZhaoshangError) -> T) async throws(ZhaoshangError) -> T {
    try await transaction(begin: "BEGIN", rollback: false, body)
  }

  private func transaction<T: Sendable>(
    begin: String, rollback: Bool, _ body: (PostgresLink) async throws(ZhaoshangError) -> T
  ) async throws(ZhaoshangError) -> T {
    let address = address
    let logger = logger
    do {
      return try await client.withConnection { connection in
        let link = PostgresLink(connection: connection, address: address, logger: logger)
        try await link.execute(PostgresQuery(unsafeSQL: begin))
        do {
          let value = try await body(link)
          try await link.execute(rollback ? "ROLLBACK" : "COMMIT")
          return value
        } catch {
          try? await link.execute("ROLLBACK")
          throw error
        }
      }
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  // MARK: Reading

  public func posts(unit: String?, on date: CivilDate?) async throws(ZhaoshangError) -> [Post] {
    try await read { link throws(ZhaoshangError) in
      try await Self.posts(unit: unit, link: link).filter { post in date.map { post.covers($0) } ?? true }
    }
  }

  static let postColumns = "post.id, head.unit, head.name, post.role, post.from_date, post.to_date"

  /// The roster in the order it was written, of one unit or all.
  static func posts(unit: String?, link: PostgresLink) async throws(ZhaoshangError) -> [Post] {
    let rows: [[String?]]
    if let unit {
      rows = try await link.rows(
        "SELECT \(unescaped: postColumns) FROM post JOIN head ON head.id = post.head_id WHERE head.unit = \(unit) ORDER BY post.id"
      )
    } else {
      rows = try await link.rows(
        "SELECT \(unescaped: postColumns) FROM post JOIN head ON head.id = post.head_id ORDER BY post.id")
    }
    return rows.map { row in
      Post(
        id: row[0].flatMap { Int64($0) }, unit: row[1] ?? "", name: row[2] ?? "", role: row[3] ?? "",
        from: row[4].flatMap(CivilDate.init(iso:)), to: row[5].flatMap(CivilDate.init(iso:)))
    }
  }

  public func leaves(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Leave] {
    try await read { link throws(ZhaoshangError) in try await Self.leaves(in: month, unit: unit, name: name, link: link)
    }
  }

  static func leaves(in month: Month?, unit: String?, name: String?, link: PostgresLink) async throws(ZhaoshangError)
    -> [Leave]
  {
    let rows = try await link.rows(
      """
      SELECT leave.id, head.unit, head.name, leave.from_date, leave.to_date, leave.reason
      FROM leave JOIN head ON head.id = leave.head_id
      WHERE (\(month?.lastDay.iso)::date IS NULL OR leave.from_date <= \(month?.lastDay.iso)::date)
        AND (\(month?.firstDay.iso)::date IS NULL OR leave.to_date >= \(month?.firstDay.iso)::date)
        AND (\(unit)::text IS NULL OR head.unit = \(unit)) AND (\(name)::text IS NULL OR head.name = \(name))
      ORDER BY leave.from_date, leave.id
      """)
    return try rows.map(leave(from:))
  }

  /// A leave row as the leave queries select it: id, unit, name, from, to, reason.
  static func leave(from row: [String?]) throws(ZhaoshangError) -> Leave {
    guard let from = row[3].flatMap(CivilDate.init(iso:)), let to = row[4].flatMap(CivilDate.init(iso:)) else {
      throw ZhaoshangError.storage(
        Localized("请假记录 \(row[0] ?? "") 的日期已损坏", "leave \(row[0] ?? "") holds a damaged date"))
    }
    return Leave(
      id: row[0].flatMap { Int64($0) }, unit: row[1] ?? "", name: row[2] ?? "", from: from, to: to,
      reason: row[5] ?? "")
  }

  public func trips(in month: Month?, unit: String?, name: String?) async throws(ZhaoshangError) -> [Trip] {
    try await read { link throws(ZhaoshangError) in try await Self.trips(in: month, unit: unit, name: name, link: link)
    }
  }

  /// The trip's columns, then its latest review step's status and the reason of its latest return.
  static let tripColumns = """
    trip.id, head.unit, head.name, trip.start_date, trip.starts_afternoon, trip.end_date, trip.ends_morning,
    trip.kind, trip.destination, trip.purpose, trip.companies::text, trip.recorded_by, trip.recorded_at,
    trip.void_reason, trip.voided_by, trip.voided_at,
    (SELECT status FROM trip_review WHERE trip_id = trip.id ORDER BY id DESC LIMIT 1),
    (SELECT reason FROM trip_review WHERE trip_id = trip.id AND status = 'returned' ORDER BY id DESC LIMIT 1)
    FROM trip JOIN head ON head.id = trip.head_id
    """

  /// Trips, void ones included, touching a month, of a unit, of a person, by start date: as SQLite lists them.
  static func trips(in month: Month?, unit: String?, name: String?, link: PostgresLink) async throws(ZhaoshangError)
    -> [Trip]
  {
    try await link.rows(tripsListing(in: month, unit: unit, name: name)).map(trip(from:))
  }

  /// The query of `trips(in:unit:name:)`, which a streamed listing runs through a cursor too
  /// (`forEachTripPage`), so the two list the same trips in one order.
  static func tripsListing(in month: Month?, unit: String?, name: String?) -> PostgresQuery {
    """
    SELECT \(unescaped: tripColumns)
    WHERE (\(month?.lastDay.iso)::date IS NULL OR trip.start_date <= \(month?.lastDay.iso)::date)
      AND (\(month?.firstDay.iso)::date IS NULL OR trip.end_date >= \(month?.firstDay.iso)::date)
      AND (\(unit)::text IS NULL OR head.unit = \(unit)) AND (\(name)::text IS NULL OR head.name = \(name))
    ORDER BY trip.start_date, trip.id
    """
  }

  /// Trips by id, in id order.
  static func trips(ids: [Int64], link: PostgresLink) async throws(ZhaoshangError) -> [Trip] {
    guard !ids.isEmpty else { return [] }
    return try await link.rows("SELECT \(unescaped: tripColumns) WHERE trip.id = ANY(\(ids)) ORDER BY trip.id")
      .map(trip(from:))
  }

  static func trip(from row: [String?]) throws(ZhaoshangError) -> Trip {
    let id = row[0].flatMap { Int64($0) } ?? 0
    guard let start = row[3].flatMap(CivilDate.init(iso:)), let end = row[5].flatMap(CivilDate.init(iso:)) else {
      throw ZhaoshangError.storage(Localized("外出记录 \(id) 的日期已损坏", "trip \(id) holds a damaged date"))
    }
    let companies = (try? JSONDecoder().decode([String].self, from: Data((row[10] ?? "[]").utf8))) ?? []
    var trip = Trip(
      id: id, unit: row[1] ?? "", name: row[2] ?? "", start: start, startsAfternoon: row[4] == "1", end: end,
      endsMorning: row[6] == "1", kind: row[7] ?? "", destination: row[8] ?? "", purpose: row[9] ?? "",
      companies: companies, recordedBy: row[11] ?? "", recordedAt: row[12] ?? "",
      voiding: row[13].map { Voiding(reason: $0, by: row[14] ?? "", at: row[15] ?? "") })
    if let status = row[16].flatMap(ReviewStatus.init(rawValue:)) {
      trip.review = status
      trip.returnReason = row[17]
    }
    return trip
  }

  public func trip(id: Int64, as actor: ActingUser) async throws(ZhaoshangError) -> Trip {
    try await read { link throws(ZhaoshangError) in try await Self.visibleTrip(id: id, actor: actor, link: link) }
  }

  /// The trip, if the actor may see it: to a unit's account another unit's trip does not exist.
  static func visibleTrip(id: Int64, actor: ActingUser, link: PostgresLink) async throws(ZhaoshangError) -> Trip {
    guard let trip = try await trips(ids: [id], link: link).first, actor.reaches(unit: trip.unit) else {
      throw ZhaoshangError.notFound(Problem.noSuchTrip(id, code: .notFound))
    }
    return trip
  }

  public func pendingTrips(unit: String?) async throws(ZhaoshangError) -> [Trip] {
    try await read { link throws(ZhaoshangError) in
      let ids = try await link.rows(
        """
        SELECT trip.id FROM trip JOIN head ON head.id = trip.head_id
        WHERE (\(unit)::text IS NULL OR head.unit = \(unit))
          AND (SELECT status FROM trip_review WHERE trip_id = trip.id ORDER BY id DESC LIMIT 1) = 'submitted'
        ORDER BY trip.id
        """
      ).compactMap { $0[0].flatMap { Int64($0) } }
      return try await Self.trips(ids: ids, link: link)
    }
  }

  public func check(month: Month, rules: RuleBook, unit: String?) async throws(ZhaoshangError) -> CheckReport {
    let ruleSet = try rules.ruleSet(for: month)
    return try await read { link throws(ZhaoshangError) in
      guard unit == nil else { return try await Self.check(month: month, rules: ruleSet, unit: unit, link: link) }
      // Every unit: from the month's counted trips alone, as the bulletin computes it, not from whole trips.
      var months = try await PostgresMonths(rules: rules, link: link)
      return try await months.current(month)
    }
  }

  /// The month's check: `MonthlyCheck`, the core's, over the roster, the month's trips and its leave as read here.
  static func check(month: Month, rules: RuleSet, unit: String?, link: PostgresLink) async throws(ZhaoshangError)
    -> CheckReport
  {
    try rules.requireCalendar(for: month)
    let posts = try await posts(unit: unit, link: link)
    let trips = try await trips(in: month, unit: unit, name: nil, link: link)
    let leaves = try await leaves(in: month, unit: unit, name: nil, link: link)
    let report = MonthlyCheck.run(month: month, rules: rules, posts: posts, trips: trips, leaves: leaves)
    return unit.map(report.scoped(to:)) ?? report
  }

  public func closes(month: Month?) async throws(ZhaoshangError) -> [ClosedMonth] {
    try await read { link throws(ZhaoshangError) in try await Self.closes(month: month, inForce: false, link: link) }
  }

  public func monthReports(month: Month?, unit: String?) async throws(ZhaoshangError) -> [MonthReport] {
    try await read { link throws(ZhaoshangError) in
      try await Self.monthReports(month: month, unit: unit, link: link)
    }
  }

  static func monthReports(month: Month?, unit: String?, link: PostgresLink) async throws(ZhaoshangError)
    -> [MonthReport]
  {
    try await link.rows(
      """
      SELECT id, unit, month, nothing_to_report, recorded_by, recorded_at FROM month_report
      WHERE (\(month?.iso)::text IS NULL OR month = \(month?.iso)) AND (\(unit)::text IS NULL OR unit = \(unit))
      ORDER BY id
      """
    ).compactMap { row in
      guard let month = row[2].flatMap(Month.init(parsing:)) else { return nil }
      return MonthReport(
        id: row[0].flatMap { Int64($0) }, unit: row[1] ?? "", month: month, nothingToReport: row[3] == "1",
        recordedBy: row[4] ?? "", recordedAt: row[5] ?? "")
    }
  }

}
