import Foundation
import Testing
import ZhaoshangTestSupport

@testable import ZhaoshangKit
@testable import ZhaoshangPostgres

/// PostgreSQL's bulletin takes SQLite's paths through the same decisions (`MonthsPlan`, `ShortRunsWalk`,
/// `MonthSpanBuckets`): the runs and the year to date read from the bulletin the month before published when every
/// earlier month is closed in order, and runs followed back unit by unit. These tests copy SQLite's bulletin
/// fixtures to PostgreSQL and hold each path there to the walk it replaces, to SQLite's bulletin and to the
/// definition's.
@Suite(
  "The bulletin on PostgreSQL",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct BulletinOnPostgresTests {
  /// `ledger` copied, row for row, into a fresh PostgreSQL ledger, and a store open on it.
  static func onPostgres(_ ledger: Ledger) async throws -> PostgresStore {
    let folder = try LedgerCopyTests.Folder()
    let file = folder.path("ledger.sqlite")
    _ = try ledger.backup(to: file)
    let database = try await StoreKind.postgresLedger()
    _ = try await LedgerCopy.run(
      from: .sqlite(path: file), to: .postgres(database.address), environment: database.environment)
    return try await PostgresStore.open(database.address, environment: database.environment)
  }

  /// The runs ending with `month` and the year to date before the month after it, as PostgreSQL's months read
  /// them with the published chain allowed or not and runs followed unit by unit at `share`, and which frozen
  /// months they read in full.
  static func runs(
    _ store: PostgresStore, rules: RuleBook, endingAt month: Month, chain: Bool, share: Double
  ) async throws -> ([String: Int], YearToDate?, Set<Month>) {
    try await store.read { link throws(ZhaoshangError) in
      var months = try await PostgresMonths(rules: rules, link: link)
      months.readsPublishedChain = chain
      months.unitByUnitShare = share
      let runs = try await months.shortRuns(endingAt: month)
      let year = try await months.yearBefore(month.next)
      return (runs, year, Set(months.frozen.keys))
    }
  }

  /// Each month's bulletin on PostgreSQL, today's, is SQLite's and the definition's.
  static func expectBulletinsAgree(
    _ months: [Month], ledger: Ledger, store: PostgresStore, rules: RuleBook,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    for month in months {
      let onPostgres = try await store.bulletinStanding(month: month, rules: rules).bulletin(current: true)
      let onSQLite = try ledger.bulletinStanding(month: month, rules: rules).bulletin(current: true)
      #expect(onPostgres == onSQLite, "\(month.iso)", sourceLocation: sourceLocation)
      #expect(
        onPostgres == (try BulletinFastPathTests.definition(month, ledger: ledger, rules: rules)), "\(month.iso)",
        sourceLocation: sourceLocation)
    }
  }

  @Test("Every month before closed in order: PostgreSQL reads the publication, as the walk and SQLite find it")
  func closedInOrderReadsThePublication() async throws {
    // Given the half year closed from January to April, each before April, copied to PostgreSQL
    let (ledger, rules) = try BulletinPublishedChainTests.closedThroughApril()
    let store = try await Self.onPostgres(ledger)
    let april = try m("2022-04")

    // When April's runs and May's year to date are read with the shortcut, walking whole and walking unit by unit
    let chained = try await Self.runs(store, rules: rules, endingAt: april, chain: true, share: 0)
    let whole = try await Self.runs(store, rules: rules, endingAt: april, chain: false, share: 0)
    let alone = try await Self.runs(store, rules: rules, endingAt: april, chain: false, share: 1)

    // Then all three agree, 乙镇 four months running, and only the walks read frozen months in full
    #expect(chained.0 == whole.0 && chained.0 == alone.0)
    #expect(chained.1 == whole.1 && chained.1 == alone.1)
    #expect(chained.0["乙镇"] == 4)
    #expect(chained.2.isEmpty)
    #expect(whole.2.count == 4)
    // And every month's bulletin on PostgreSQL is SQLite's and the definition's, May's run of five included
    try await Self.expectBulletinsAgree(
      try ["2022-04", "2022-05", "2022-06", "2022-07"].map { try m($0) }, ledger: ledger, store: store, rules: rules)
    let may = try await store.bulletinStanding(month: m("2022-05"), rules: rules).bulletin(current: true)
    #expect(may.shortUnits.first { $0.unit == "乙镇" }?.shortRun == 5)
    await store.close()
  }

  @Test("A month reopened after the last close breaks the chain on PostgreSQL too: the walk decides")
  func reopenedMonthBreaksTheChain() async throws {
    // Given the months closed through April, then March reopened, 乙镇's heads' trips added and March closed again
    let (ledger, rules) = try BulletinPublishedChainTests.closedThroughApril()
    let march = try m("2022-03")
    _ = try ledger.reopen(month: march, reason: "补录三月外出", stamp: MonthCycle.stamp)
    try ledger.recordTrips(
      [
        Located(try MonthCycle.trip("乙镇", "孙某", "2022-03-01", "2022-03-18", "杭州")),
        Located(try MonthCycle.trip("乙镇", "李某", "2022-03-01", "2022-03-18", "杭州")),
      ], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)
    _ = try ledger.close(month: march, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)
    let store = try await Self.onPostgres(ledger)

    // When April's runs are read with the shortcut allowed and walking
    let april = try m("2022-04")
    let chained = try await Self.runs(store, rules: rules, endingAt: april, chain: true, share: 0)
    let walked = try await Self.runs(store, rules: rules, endingAt: april, chain: false, share: 0)

    // Then the shortcut stood aside, and 乙镇's run starts in April, as on SQLite
    #expect(chained.0 == walked.0 && chained.1 == walked.1 && chained.2 == walked.2)
    #expect(chained.0["乙镇"] == 1)
    try await Self.expectBulletinsAgree([try m("2022-05")], ledger: ledger, store: store, rules: rules)
    await store.close()
  }

  @Test("Runs followed back unit by unit on PostgreSQL are the whole months' runs, on both fixtures")
  func unitByUnitIsTheWhole() async throws {
    let halfYear = try BulletinHalfYearTests.ledger()
    let generated = try BulletinFastPathTests.generatedLedger()
    let fixtures = [
      (halfYear.0, halfYear.1, ["2022-02", "2022-04", "2022-05", "2022-07"]),
      (generated.0, generated.1, ["2022-06", "2022-07", "2022-08", "2022-09"]),
    ]
    for (ledger, rules, months) in fixtures {
      // Given the fixture copied to PostgreSQL
      let store = try await Self.onPostgres(ledger)
      let months = try months.map { try m($0) }

      // When each month's runs are read computing whole months and unit by unit
      for month in months {
        let whole = try await Self.runs(store, rules: rules, endingAt: month, chain: true, share: 0)
        let alone = try await Self.runs(store, rules: rules, endingAt: month, chain: true, share: 1)

        // Then they agree, and are SQLite's
        #expect(whole.0 == alone.0, "\(month.iso)")
        let onSQLite = try ledger.read { db in
          var results = try MonthResults(db: db, rules: rules)
          return try results.shortRuns(endingAt: month)
        }
        #expect(alone.0 == onSQLite, "\(month.iso)")
      }
      // And each month's bulletin is SQLite's and the definition's
      try await Self.expectBulletinsAgree(months, ledger: ledger, store: store, rules: rules)
      await store.close()
    }
  }
}
