import Foundation
import Testing
import ZhaoshangTestSupport

@testable import ZhaoshangKit
@testable import ZhaoshangPostgres

/// PostgreSQL's kept month tallies (`trip_month_tally`, schema v10): every write that changes what counts leaves
/// them as a rebuild from the trips would make them, an upgrade from v9 and a copy into PostgreSQL make them, the
/// bulletin reads them, and `verify` names a tally that disagrees with the trips.
@Suite(
  "Month tallies on PostgreSQL",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct PostgresTallyTests {
  static let unit = ActingUser(login: "jiazhen", role: .unit, unit: "甲镇")

  /// The kept tallies, a line each, in key order, read as the database's superuser.
  static func kept(_ address: PostgresAddress) throws -> String {
    try #require(ThrowawayPostgres.shared).superuserSQL(
      """
      SELECT month || ' ' || head_id || ' ' || kind || ' ' || counted_halves || ' ' || pending_halves || ' '
        || counted_trips_ending FROM trip_month_tally ORDER BY month, head_id, kind
      """, database: address.database)
  }

  /// The kept tallies are those a rebuild from the trips makes, and `verify` finds nothing wrong.
  static func expectKeptAsRebuilt(
    _ store: PostgresStore, after write: String, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let kept = try Self.kept(store.address)
    try await store.write { link throws(ZhaoshangError) in try await PostgresStore.rebuildTallies(link: link) }
    #expect(try Self.kept(store.address) == kept, "after \(write)", sourceLocation: sourceLocation)
    let report = try await store.verify()
    #expect(report.isClean, "after \(write): \(report.text(.en))", sourceLocation: sourceLocation)
  }

  /// Imports `trips` through the store's streamed import (COPY), as `stamp`'s actor.
  static func importing(_ trips: [Trip], into store: PostgresStore, stamp: Stamp) async throws -> ImportReport {
    let rows = trips.enumerated().map { Located($0.element, location: "trips.csv:\($0.offset + 2)") }
    return try await store.importTrips(
      rules: try MonthCycle.rules(), today: MonthCycle.today, stamp: stamp, dryRun: false, amendment: nil
    ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      for row in rows { try sink.add(row) }
    }
  }

  @Test("After every kind of write the kept tallies are those a rebuild from the trips makes")
  func everyWriteKeepsTheTallies() async throws {
    // Given a PostgreSQL ledger with the roster
    let store = try await StoreKind.openPostgres()
    let rules = try MonthCycle.rules()
    let stamp = MonthCycle.stamp
    try await StoreContractTests.addRoster(to: store, rules: rules)

    // When the office adds July's trips (one begun in June), then each check holds after each write
    _ = try await store.recordTrips(
      try MonthCycle.julyTrips().map { Located($0) }, rules: rules, today: MonthCycle.today, stamp: stamp,
      amendment: nil)
    #expect(!(try Self.kept(store.address)).isEmpty)
    try await Self.expectKeptAsRebuilt(store, after: "adding trips")

    // When the office imports trips across a month's end and a trip void on arrival
    var voidOnArrival = try MonthCycle.trip("乙镇", "孙某", "2022-09-05", "2022-09-06", "武汉")
    voidOnArrival.voiding = Voiding(reason: "录入有误", by: "", at: "")
    let imported = try await Self.importing(
      [
        try MonthCycle.trip("乙镇", "孙某", "2022-08-29 PM", "2022-09-02 AM", "西安"),
        try MonthCycle.trip("工信局", "王某", "2022-08-01", "2022-08-03", "成都", kind: "video"),
        voidOnArrival,
      ], into: store, stamp: stamp)
    #expect(imported.added == 3)
    try await Self.expectKeptAsRebuilt(store, after: "the office's import")

    // When a unit imports trips, which wait for review, and adds one
    _ = try await Self.importing(
      [
        try MonthCycle.trip("甲镇", "赵某", "2022-08-08", "2022-08-10", "北京"),
        try MonthCycle.trip("甲镇", "钱某", "2022-08-30", "2022-09-01", "天津"),
      ], into: store, stamp: stamp.by(Self.unit))
    try await Self.expectKeptAsRebuilt(store, after: "a unit's import")
    let added = try await store.recordTrips(
      [Located(try MonthCycle.trip("甲镇", "赵某", "2022-08-15", "2022-08-16", "济南"))], rules: rules,
      today: MonthCycle.today, stamp: stamp.by(Self.unit), amendment: nil)
    try await Self.expectKeptAsRebuilt(store, after: "a unit's trip")

    // When the review goes through its steps: returned, resubmitted, approved, and another withdrawn
    let pending = try await store.pendingTrips(unit: "甲镇").compactMap(\.id)
    #expect(pending.count == 3)
    let first = try #require(pending.first)
    _ = try await store.returnTrip(id: first, reason: "请附邀请函", stamp: stamp)
    try await Self.expectKeptAsRebuilt(store, after: "a return")
    _ = try await store.resubmitTrip(id: first, stamp: stamp.by(Self.unit))
    try await Self.expectKeptAsRebuilt(store, after: "a resubmission")
    _ = try await store.approveTrips(ids: [first], stamp: stamp)
    try await Self.expectKeptAsRebuilt(store, after: "an approval")
    _ = try await store.withdrawTrip(id: try #require(added.added.first?.id), reason: nil, stamp: stamp.by(Self.unit))
    try await Self.expectKeptAsRebuilt(store, after: "a withdrawal")

    // When a trip across a month's end is voided, and the void undone
    let westward = try #require(
      try await store.trips(in: nil, unit: "乙镇", name: "孙某").first { $0.destination == "西安" }?.id)
    _ = try await store.voidTrip(id: westward, reason: "经核查未外出", stamp: stamp, amendment: nil)
    try await Self.expectKeptAsRebuilt(store, after: "a void")
    _ = try await store.unvoidTrip(id: westward, reason: "误作废", stamp: stamp, amendment: nil)
    try await Self.expectKeptAsRebuilt(store, after: "an unvoid")

    // When a returned trip is corrected: a new trip, and the old one withdrawn
    let returned = pending[1]
    _ = try await store.returnTrip(id: returned, reason: "日期有误", stamp: stamp)
    _ = try await store.correctTrip(
      id: returned, with: [Located(try MonthCycle.trip("甲镇", "钱某", "2022-08-31", "2022-09-03", "天津"))],
      rules: rules, today: MonthCycle.today, stamp: stamp.by(Self.unit))
    try await Self.expectKeptAsRebuilt(store, after: "a correction")
    await store.close()
  }

  @Test("A ledger of schema v9 holding trips gets its tallies when init upgrades it")
  func upgradeFromV9RebuildsTheTallies() async throws {
    // Given a ledger with the day's work, taken back to schema v9: no tally table, v10 not recorded
    let ledger = try await StoreKind.postgresLedger()
    let store = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    _ = try await PostgresStoreTests.work(on: store)
    try await PostgresStoreTests.clerkWork(on: store)
    await store.close()
    let kept = try Self.kept(ledger.address)
    #expect(!kept.isEmpty)
    try #require(ThrowawayPostgres.shared).superuserSQL(
      """
      DROP TABLE trip_month_tally;
      DELETE FROM \(PostgresSchema.migrationTable) WHERE name = '\(PostgresSchema.tallyMigrationName)';
      """, database: ledger.address.database)

    // When init runs on it
    let outcome = try await PostgresLedger.initialize(ledger.address, environment: ledger.environment)

    // Then it added v10 alone, and the tallies are those the writes kept, which verify holds to the trips
    #expect(outcome == .upgraded([PostgresSchema.tallyMigrationName]))
    #expect(try Self.kept(ledger.address) == kept)
    let upgraded = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let report = try await upgraded.verify()
    #expect(report.isClean, "\(report.text(.en))")
    await upgraded.close()
  }

  @Test("A copy into PostgreSQL has the tallies its trips make")
  func copyInRebuildsTheTallies() async throws {
    // Given the example SQLite ledger: review steps, voids and restorations
    let folder = try LedgerCopyTests.Folder()
    let original = try await LedgerCopyTests.exampleLedger(at: folder.path("original.sqlite"))
    let database = try await StoreKind.postgresLedger()

    // When it is copied into PostgreSQL
    _ = try await LedgerCopy.run(
      from: .sqlite(path: original.path), to: .postgres(database.address), environment: database.environment)

    // Then the copy holds tallies, those its trips make, and verifies
    #expect(!(try Self.kept(database.address)).isEmpty)
    let store = try await PostgresStore.open(database.address, environment: database.environment)
    try await Self.expectKeptAsRebuilt(store, after: "the copy")
    await store.close()
  }

  @Test("verify names a kept tally changed, removed or added behind the store's back, in the clerk's words")
  func verifyNamesTamperedTallies() async throws {
    // Given July recorded through the store, verifying clean
    let ledger = try await StoreKind.postgresLedger()
    let store = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    try await StoreContractTests.addJuly(to: store, rules: try MonthCycle.rules())
    #expect(try await store.verify().isClean)
    let head = try #require(ThrowawayPostgres.shared).superuserSQL(
      "SELECT id FROM head WHERE unit = '商务局' AND name = '郑某'", database: ledger.address.database
    ).trimmingCharacters(in: .whitespacesAndNewlines)

    // When 郑某's July tally is changed with psql
    try #require(ThrowawayPostgres.shared).superuserSQL(
      "UPDATE trip_month_tally SET counted_halves = 1 WHERE head_id = \(head) AND month = '2022-07';",
      database: ledger.address.database)

    // Then verify names that head, month and kind, in Chinese and English
    let changed = try await store.verify()
    #expect(!changed.isClean)
    let sentence = try #require(changed.disagreements.first)
    #expect(changed.disagreements.count == 1)
    #expect(
      sentence.en.hasPrefix("商务局 郑某, 2022-07, kind visit, has a kept tally that differs from what its trips make"))
    #expect(sentence.zh.hasPrefix("商务局 郑某 2022-07「visit」保存的月度汇总与外出记录推算的不同"))

    // When the row is deleted instead, and a row no trip accounts for is added, then both are named
    try #require(ThrowawayPostgres.shared).superuserSQL(
      """
      DELETE FROM trip_month_tally WHERE head_id = \(head) AND month = '2022-07';
      INSERT INTO trip_month_tally VALUES ('2021-03', \(head), 'visit', 3, 0, 1);
      """, database: ledger.address.database)
    let report = try await store.verify()
    #expect(
      report.disagreements.map { String($0.en.prefix { $0 != "." }) } == [
        "商务局 郑某, 2021-03, kind visit, has a kept tally that no trip accounts for",
        "商务局 郑某, 2022-07, kind visit, has no kept tally, though its trips make one",
      ])
    await store.close()
  }

  @Test("The bulletin's year to date is read from the kept tallies, not from the earlier months' trips")
  func bulletinReadsTheTallies() async throws {
    // Given July recorded, and August's bulletin with July in its year to date
    let ledger = try await StoreKind.postgresLedger()
    let store = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let rules = try MonthCycle.rules()
    try await StoreContractTests.addJuly(to: store, rules: rules)
    let august = try MonthCycle.month("2022-08")
    let before = try await store.bulletinStanding(month: august, rules: rules).bulletin(current: true)
    let july = try await store.bulletinStanding(month: PostgresStoreTests.july, rules: rules).bulletin(current: true)
    #expect(before.yearToDate.trips > 0)

    // When July's tallies are taken away behind the store's back
    try #require(ThrowawayPostgres.shared).superuserSQL(
      "DELETE FROM trip_month_tally WHERE month = '2022-07';", database: ledger.address.database)

    // Then August's year to date has no July trips, while July's own bulletin, read from its trips, is as before
    let after = try await store.bulletinStanding(month: august, rules: rules).bulletin(current: true)
    #expect(after.yearToDate.trips == 0)
    let julyAfter = try await store.bulletinStanding(month: PostgresStoreTests.july, rules: rules)
    #expect(try julyAfter.bulletin(current: true).rows == july.rows)
    await store.close()
  }
}
