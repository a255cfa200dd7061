import Foundation
import Testing
import ZhaoshangPostgres
import ZhaoshangTestSupport

@testable import ZhaoshangKit

/// What PostgreSQL's store must do beyond the contract every store passes: give the same audit trail as SQLite's
/// for the same changes, and keep writers from several stores (servers) on one database from losing anything.
@Suite(
  "The PostgreSQL store",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct PostgresStoreTests {
  static let july = Month(year: 2022, month: 7) ?? Month(containing: CivilDate(ordinal: 0))
  static let unit = ActingUser(login: "jiazhen", role: .unit, unit: "甲镇")

  /// A day of July's work, through the store's protocols: the roster, the office's trips, a unit's submission
  /// returned, resubmitted and approved, a void, a month report, the close, an amendment, the reopening and an
  /// account. Returns the outcome of a batch holding a repeat, an overlap and a repeat of a voided trip.
  static func work(on store: any LedgerStore) async throws -> WriteOutcome<Trip> {
    let rules = try MonthCycle.rules()
    let stamp = MonthCycle.stamp
    let start = try MonthCycle.date("2022-01-01")
    _ = try await store.addPosts(
      MonthCycle.roster.map { Located(Post(unit: $0.0, name: $0.1, role: $0.2, from: start)) }, rules: rules,
      stamp: stamp, amendment: nil)
    let recorded = try await store.recordTrips(
      try MonthCycle.julyTrips().map { Located($0) }, rules: rules, today: MonthCycle.today, stamp: stamp,
      amendment: nil)
    let hefei = try #require(recorded.added.first { $0.destination == "合肥" }?.id)
    _ = try await store.voidTrip(id: hefei, reason: "经核查未外出", stamp: stamp, amendment: nil)
    let batch = try await store.recordTrips(
      [
        Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-04", "2022-07-08", "上海"), location: "batch.csv:2"),
        Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-06 PM", "2022-07-07", "南京"), location: "batch.csv:3"),
        Located(try MonthCycle.trip("乙镇", "李某", "2022-07-25", "2022-07-31", "合肥"), location: "batch.csv:4"),
      ], rules: rules, today: MonthCycle.today, stamp: stamp, amendment: nil)
    let submitted = try await store.recordTrips(
      [Located(try MonthCycle.trip("甲镇", "钱某", "2022-07-28", "2022-07-29", "扬州"))], rules: rules,
      today: MonthCycle.today, stamp: stamp.by(unit), amendment: nil)
    let id = try #require(submitted.added.first?.id)
    _ = try await store.returnTrip(id: id, reason: "请附邀请函", stamp: stamp)
    _ = try await store.resubmitTrip(id: id, stamp: stamp.by(unit))
    _ = try await store.approveTrips(ids: [id], stamp: stamp)
    _ = try await store.reportMonth(
      unit: "甲镇", month: Self.july, nothingToReport: false, rules: rules, today: try MonthCycle.date("2022-08-01"),
      stamp: stamp.by(unit), amendment: nil)
    _ = try await store.close(month: Self.july, rules: rules, today: MonthCycle.today, force: false, stamp: stamp)
    _ = try await store.recordTrips(
      [Located(try MonthCycle.trip("商务局", "郑某", "2022-07-20", "2022-07-22", "成都"))], rules: rules,
      today: MonthCycle.today, stamp: stamp, amendment: Amendment(reason: "补登漏报的外出", command: "add trip"))
    _ = try await store.reopen(month: Self.july, reason: "重新核对", stamp: stamp)
    _ = try await store.addAccount(
      login: "jiazhen", role: .unit, unit: "甲镇", passwordHash: "hashed", rules: rules, stamp: stamp)
    return batch
  }

  /// After `work`, the clerk's changes beside the web application's: leave from a file (one over a trip), a post
  /// ended, the void undone, a roster file, and the account's password and disabling.
  static func clerkWork(on store: any LedgerStore) async throws {
    let rules = try MonthCycle.rules()
    let stamp = MonthCycle.stamp
    let start = try MonthCycle.date("2022-01-01")
    let hefei = try #require(
      try await store.trips(in: Self.july, unit: "乙镇", name: "李某").first { $0.voiding != nil }?.id)
    _ = try await store.addLeave(
      [
        Located(
          Leave(
            unit: "甲镇", name: "赵某", from: try MonthCycle.date("2022-07-05"), to: try MonthCycle.date("2022-07-06"),
            reason: "病假"), location: "leave.csv:2"),
        Located(
          Leave(
            unit: "乙镇", name: "孙某", from: try MonthCycle.date("2022-08-01"), to: try MonthCycle.date("2022-08-02"),
            reason: "党校学习"), location: "leave.csv:3"),
      ], rules: rules, stamp: stamp, carrying: [], dryRun: false, amendment: nil,
      source: FileSource(path: "leave.csv", sha256: String(repeating: "c", count: 64)))
    _ = try await store.endPost(
      unit: "文旅局", name: "冯某", on: try MonthCycle.date("2022-08-31"), stamp: stamp, amendment: nil)
    _ = try await store.unvoidTrip(id: hefei, reason: "误作废", stamp: stamp, amendment: nil)
    _ = try await store.addPosts(
      [Located(Post(unit: "统计局", name: "陈某", role: "局长", from: start), location: "roster.csv:2")], rules: rules,
      stamp: stamp, carrying: [], dryRun: false, amendment: nil,
      source: FileSource(path: "roster.csv", sha256: String(repeating: "d", count: 64)))
    // (no token: each is drawn at random, so its row's digest, and every hash after it, differs between stores)
    try await store.changePassword(login: "jiazhen", passwordHash: "rehashed", stamp: stamp)
    _ = try await store.disableAccount(login: "jiazhen", stamp: stamp)
  }

  @Test("The same changes through SQLite's store and PostgreSQL's give the same events, hash for hash")
  func sameEventsOnBothEngines() async throws {
    // Given the same day's work, and the clerk's changes after it, done through each store
    let sqlite = SQLiteStore(try Ledger.inMemory())
    let postgres = try await StoreKind.openPostgres()
    let onSQLite = try await Self.work(on: sqlite)
    let onPostgres = try await Self.work(on: postgres)
    try await Self.clerkWork(on: sqlite)
    try await Self.clerkWork(on: postgres)

    // Then the batch's repeat, overlap and repeat of a voided trip are judged alike, in the same words
    #expect(onPostgres.added.map(\.destination) == onSQLite.added.map(\.destination))
    #expect(onPostgres.alreadyPresent.map(\.location) == onSQLite.alreadyPresent.map(\.location))
    #expect(onPostgres.warnings.map { $0.text(.en) } == onSQLite.warnings.map { $0.text(.en) })
    #expect(onSQLite.warnings.count == 2)

    // And the trails are the same, event for event: every row's canonical text, every payload and every hash
    let sqliteTrail = try await sqlite.history(unit: nil, name: nil, trip: nil, month: nil)
    let postgresTrail = try await postgres.history(unit: nil, name: nil, trip: nil, month: nil)
    #expect(sqliteTrail.count > 10)
    #expect(postgresTrail.map(\.action) == sqliteTrail.map(\.action))
    #expect(postgresTrail.map(\.detail) == sqliteTrail.map(\.detail))
    #expect(postgresTrail.map(\.hash) == sqliteTrail.map(\.hash))
    // And both verify, to the same last hash
    let sqliteReport = try await sqlite.verify()
    let postgresReport = try await postgres.verify()
    #expect(postgresReport.isClean, "\(postgresReport.text(.en))")
    #expect(postgresReport.lastHash == sqliteReport.lastHash && postgresReport.rowsChecked == sqliteReport.rowsChecked)
    // And reading the rows a few at a time finds the same
    #expect(try await postgres.verify(pageSize: 3) == postgresReport)
    // And a history scoped to a unit and a trip lists the same events
    #expect(
      try await postgres.history(unit: "甲镇", name: nil, trip: nil, month: Self.july).map(\.id)
        == (try await sqlite.history(unit: "甲镇", name: nil, trip: nil, month: Self.july).map(\.id)))
    await postgres.close()
  }

  @Test("An import of more rows than one COPY carries, backslashes in its text, gives SQLite's trips and events")
  func largeImportOnBothEngines() async throws {
    // Given a file of 11,000 trips, more than two of PostgreSQL's chunks and a page of the digest, whose
    // destinations hold a backslash and the text of COPY's NULL
    let rules = try MonthCycle.rules()
    let july = try MonthCycle.julyTrips()
    let rows = (0..<11_000).map { index in
      var trip = july[index % july.count]
      trip.destination += #"\N\\#(index)"#
      trip.purpose = #"C:\招商\"#
      return Located(trip, location: "big.csv:\(index + 2)")
    }
    let sqlite = SQLiteStore(try Ledger.inMemory())
    let postgres = try await StoreKind.openPostgres()
    var reports: [ImportReport] = []
    for store in [sqlite, postgres] as [any LedgerStore] {
      try await StoreContractTests.addRoster(to: store, rules: rules)

      // When it is imported into each store
      reports.append(
        try await store.importTrips(
          rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, dryRun: false, amendment: nil
        ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
          for row in rows { try sink.add(row) }
        })
    }

    // Then both add every row, with the same warnings
    #expect(reports.map(\.added) == [rows.count, rows.count])
    #expect(reports[1].warnings.map { $0.text(.en) } == reports[0].warnings.map { $0.text(.en) })
    // And read back the same trips, text and all
    let sqliteTrips = try await sqlite.trips(in: nil, unit: nil, name: nil)
    let postgresTrips = try await postgres.trips(in: nil, unit: nil, name: nil)
    #expect(postgresTrips.map(\.destination) == sqliteTrips.map(\.destination))
    #expect(postgresTrips.map(\.purpose) == sqliteTrips.map(\.purpose))
    // And the same trail, hash for hash, which verifies
    let sqliteTrail = try await sqlite.history(unit: nil, name: nil, trip: nil, month: nil)
    let postgresTrail = try await postgres.history(unit: nil, name: nil, trip: nil, month: nil)
    #expect(postgresTrail.map(\.hash) == sqliteTrail.map(\.hash))
    let report = try await postgres.verify()
    #expect(report.isClean, "\(report.text(.en))")
    await postgres.close()
  }

  @Test("Writers in two stores on one database at once lose nothing, close without write skew, and verify")
  func writersInTwoStores() async throws {
    // Given two stores on one database, as two servers would hold it, and the roster
    let ledger = try await StoreKind.postgresLedger()
    let first = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let second = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let rules = try MonthCycle.rules()
    let start = try MonthCycle.date("2022-01-01")
    _ = try await first.addPosts(
      MonthCycle.roster.map { Located(Post(unit: $0.0, name: $0.1, role: $0.2, from: start)) }, rules: rules,
      stamp: MonthCycle.stamp, amendment: nil)

    // When sixteen writers, half through each store, record a July trip each while July is closed at once
    let outcomes = try await withThrowingTaskGroup(of: Bool?.self) { group in
      for day in 1...16 {
        group.addTask {
          let store = day.isMultiple(of: 2) ? first : second
          let date = try #require(CivilDate(year: 2022, month: 7, day: day))
          let trip = Trip(unit: "乙镇", name: "孙某", start: date, end: date, destination: "第\(day)站")
          do {
            _ = try await store.recordTrips(
              [Located(trip)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil)
            return true
          } catch let error as ZhaoshangError where error.code == .monthClosed {
            return false
          }
        }
      }
      group.addTask {
        _ = try await second.close(
          month: Self.july, rules: rules, today: MonthCycle.today, force: false, stamp: MonthCycle.stamp)
        return nil
      }
      return try await group.reduce(into: [Bool?]()) { $0.append($1) }
    }

    // Then every trip was either written or refused for the close, and each written one is there once
    let written = outcomes.compactMap { $0 }.filter { $0 }.count
    #expect(outcomes.compactMap { $0 }.count == 16)
    let trips = try await first.trips(in: Self.july, unit: "乙镇", name: "孙某")
    #expect(trips.count == written && Set(trips.map(\.destination)).count == written)
    // And the close froze exactly what stands: no trip slipped in beside it unamended
    let closed = try #require(try await second.closes(month: Self.july).first)
    let today = try await first.check(month: Self.july, rules: rules, unit: nil)
    #expect(closed.report.people.map(\.counted) == today.people.map(\.counted))
    // And the chain written by both stores verifies from either
    let report = try await second.verify()
    #expect(report.isClean, "\(report.text(.en))")
    #expect(report.events == 2 + written)
    await first.close()
    await second.close()
  }

  @Test("A row changed with psql behind the store's back is named by verify")
  func tamperingIsCaught() async throws {
    // Given July recorded through the store, verifying clean
    let ledger = try await StoreKind.postgresLedger()
    let store = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let rules = try MonthCycle.rules()
    try await StoreContractTests.addJuly(to: store, rules: rules)
    #expect(try await store.verify().isClean)
    let id = try #require(try await store.trips(in: Self.july, unit: "商务局", name: nil).first?.id)

    // When a trip's destination is changed with psql, as the database's superuser
    try #require(ThrowawayPostgres.shared).superuserSQL(
      "UPDATE trip SET destination = '北京' WHERE id = \(id);", database: ledger.address.database)

    // Then verify names that trip as changed
    let report = try await store.verify()
    #expect(!report.isClean)
    #expect(
      report.disagreements.map { $0.text(.en) } == ["trip \(id) differs from what event 2 recorded: it was changed"])
    #expect(try await store.verify(pageSize: 2) == report)

    // When another trip is deleted, with the triggers off, then verify names it too, however it pages
    let deleted = try #require(try await store.trips(in: Self.july, unit: "乙镇", name: nil).first?.id)
    try #require(ThrowawayPostgres.shared).superuserSQL(
      "SET session_replication_role = replica; DELETE FROM trip WHERE id = \(deleted);",
      database: ledger.address.database)
    let afterDeletion = try await store.verify(pageSize: 2)
    #expect(
      afterDeletion.disagreements.contains {
        $0.text(.en) == "trip \(deleted), recorded by event 2, is missing: it was deleted"
      })
    #expect(try await store.verify() == afterDeletion)
    await store.close()
  }

  @Test("An uploaded document's bytes changed behind the store's back, with its triggers off, are named by verify")
  func documentTamperingIsCaught() async throws {
    // Given July recorded and 文旅局's explanation filed with an uploaded document
    let ledger = try await StoreKind.postgresLedger()
    let store = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let rules = try MonthCycle.rules()
    try await StoreContractTests.addJuly(to: store, rules: rules)
    let bytes = Data("%PDF-1.4\n情况说明\n".utf8)
    let stored = try #require(StoredDocument(data: bytes))
    _ = try await store.recordExplanation(
      Explanation(
        unit: "文旅局", month: Self.july, received: try MonthCycle.date("2022-08-02"),
        document: ExplanationDocument(data: bytes, name: "情况说明.pdf")),
      rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, storing: stored)
    #expect(try await store.verify().isClean)

    // When its bytes are rewritten by the superuser, who first turns the triggers off
    try #require(ThrowawayPostgres.shared).superuserSQL(
      "SET session_replication_role = replica; UPDATE document SET bytes = 'forged', size = 6;",
      database: ledger.address.database)

    // Then verify names the document
    let report = try await store.verify()
    #expect(
      report.disagreements.map { $0.text(.en) }
        == ["the uploaded document \(stored.sha256.prefix(12)) no longer matches its recorded hash (it was changed)"])
    await store.close()
  }

  @Test("Two stores reporting the same unit's month at once record it once")
  func oneMonthReportFromTwoStores() async throws {
    // Given two stores on one database and July's trips
    let ledger = try await StoreKind.postgresLedger()
    let first = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let second = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    let rules = try MonthCycle.rules()
    try await StoreContractTests.addJuly(to: first, rules: rules)

    // When each reports 甲镇's July four times at once
    let recorded = try await withThrowingTaskGroup(of: Bool.self) { group in
      for attempt in 0..<8 {
        group.addTask {
          do {
            _ = try await (attempt.isMultiple(of: 2) ? first : second).reportMonth(
              unit: "甲镇", month: Self.july, nothingToReport: false, rules: rules,
              today: try MonthCycle.date("2022-08-01"), stamp: MonthCycle.stamp, amendment: nil)
            return true
          } catch let error as ZhaoshangError {
            if case .conflict = error { return false }
            throw error
          }
        }
      }
      return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
    }

    // Then one report was recorded, the others refused as already reported, and the trail verifies
    #expect(recorded == 1)
    #expect(try await second.monthReports(month: Self.july, unit: nil).count == 1)
    #expect(try await first.verify().isClean)
    await first.close()
    await second.close()
  }

  @Test("Opening a ledger says at once why it cannot: no server, a refused password, no schema yet")
  func openingFailuresAreSentences() async throws {
    // Given a port nobody listens on, and a database of the server without the ledger's schema
    let nobody = PostgresAddress(
      user: "clerk", host: "127.0.0.1", port: try ThrowawayPostgres.freePort(), database: "ledger")
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let empty = PostgresAddress(user: database.user, host: "127.0.0.1", port: database.port, database: database.name)
    func refusal(_ address: PostgresAddress, _ environment: [String: String]) async -> String {
      do {
        _ = try await PostgresStore.open(address, environment: environment)
        return "opened"
      } catch {
        return error.problems.first?.message.text(.en) ?? ""
      }
    }

    // When each is opened, then each refusal says what is wrong (a pool alone retries quietly for a minute, and then
    // says it cannot reach the server, even of a refused password)
    #expect(await refusal(nobody, ["PGPASSWORD": "x"]).hasPrefix("cannot reach the PostgreSQL server"))
    #expect(await refusal(empty, ["PGPASSWORD": "wrong"]).contains("refused the password"))
    #expect(await refusal(empty, database.environment).contains("run `zhaoshang init --db"))
  }

  @Test("A trigger dropped or disabled with psql is named by verify")
  func droppedTriggersAreNamed() async throws {
    // Given a ledger with July recorded, verifying clean
    let ledger = try await StoreKind.postgresLedger()
    let store = try await PostgresStore.open(ledger.address, environment: ledger.environment)
    try await StoreContractTests.addJuly(to: store, rules: try MonthCycle.rules())
    #expect(try await store.verify().damage.isEmpty)

    // When one trigger is dropped and another disabled by the superuser
    try #require(ThrowawayPostgres.shared).superuserSQL(
      """
      DROP TRIGGER trip_never_deleted ON trip;
      ALTER TABLE event DISABLE TRIGGER event_never_changed;
      """, database: ledger.address.database)

    // Then verify names both, and fails
    let report = try await store.verify()
    #expect(!report.isClean)
    #expect(report.damage.count == 2)
    #expect(report.damage.contains { $0.text(.en).hasPrefix("the trigger trip_never_deleted that zhaoshang made") })
    #expect(
      report.damage.contains {
        $0.text(.en).hasPrefix("the trigger event_never_changed on the table event was disabled")
      })
    await store.close()
  }

  @Test("A file imported twice is counted as repeats whole on both stores, the first ten named")
  func importedTwice() async throws {
    for kind in StoreKind.available {
      try await kind.withStore { store in
        // Given the roster and July's trips imported from a file
        let rules = try MonthCycle.rules()
        try await StoreContractTests.addRoster(to: store, rules: rules)
        let rows = try MonthCycle.julyTrips().enumerated().map {
          Located($0.element, location: "july.csv:\($0.offset + 2)")
        }
        func importAll() async throws -> ImportReport {
          try await store.importTrips(
            rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, dryRun: false, amendment: nil
          ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
            for row in rows { try sink.add(row) }
          }
        }
        #expect(try await importAll().added == rows.count)

        // When it is imported again, then every row is a repeat, and the first ten are named
        let again = try await importAll()
        #expect(again.added == 0 && again.alreadyPresent == rows.count, "\(kind)")
        #expect(again.firstAlreadyPresent == rows.prefix(10).compactMap(\.location), "\(kind)")
      }
    }
  }
}
