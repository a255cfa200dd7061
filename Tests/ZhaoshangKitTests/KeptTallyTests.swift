import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// A SQLite ledger keeps each head's months tallied beside its trips (`trip_month_tally`), for the bulletin to read
/// instead of the trips. These tests hold every write to keeping them equal to a count from the rows, an upgrade
/// to counting them, and `verify` to noticing when they are not.
@Suite("Kept month tallies on SQLite")
struct KeptTallyTests {
  static let zhuba = BulletinFastPathTests.zhuba
  static let office = BulletinFastPathTests.office
  static let stamp = ImportEquivalenceTests.Case.stamp
  static let today = ImportEquivalenceTests.Case.today

  /// The kept tallies are what the trips make, after `step`.
  static func expectKept(
    _ ledger: Ledger, after step: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let kept = try ledger.keptTallies()
    let counted = try ledger.talliesCountedFromTrips()
    let differing = Set(kept.keys).union(counted.keys).filter { kept[$0] != counted[$0] }.sorted()
    #expect(differing.isEmpty, "after \(step): \(differing.prefix(5))", sourceLocation: sourceLocation)
  }

  /// The generated ledger of June to August 2022 (overlapping trips, two kinds, three units), imported, no month
  /// closed.
  static func importedLedger() throws -> (Ledger, RuleBook) {
    let generated = try ImportEquivalenceTests.Case()
    let path = try generated.write()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ledger = try generated.ledger()
    _ = try ledger.importTrips(rules: generated.rules, today: today, stamp: stamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
    return (ledger, generated.rules)
  }

  /// A trip of 朱坝街道's 王某 sent by the unit, waiting for review; its id.
  static func submit(_ ledger: Ledger, _ rules: RuleBook, _ start: String, _ end: String) throws -> Int64 {
    let outcome = try ledger.recordTrips(
      [Located(try trip("朱坝街道", "王某", start, end, destination: "待审城市"))], rules: rules, today: today,
      stamp: stamp.by(zhuba))
    return try #require(outcome.added.first?.id)
  }

  @Test("Import, add, every review step, void and its undoing each leave the tallies a count of the rows gives")
  func everyWriteKeepsThem() throws {
    // Given the imported ledger
    let (ledger, rules) = try Self.importedLedger()
    try Self.expectKept(ledger, after: "the import")
    #expect(try ledger.keptTallies().count > 20)

    // When the office adds trips, one across a month's end, and a void one on arrival
    try ledger.recordTrips(
      [
        Located(try trip("商务局", "王某", "2022-06-29", "2022-07-02", pm: true)),
        Located(try trip("残联", "李某", "2022-08-10", "2022-08-10", am: true, kind: "video")),
        Located(try trip("残联", "张某", "2022-08-20", "2022-08-22", voided: true)),
      ], rules: rules, today: Self.today, stamp: Self.stamp)
    // Then
    try Self.expectKept(ledger, after: "the office's trips")

    // When the unit sends trips, which wait, and the office and unit take every review step
    let waiting = try Self.submit(ledger, rules, "2022-07-20", "2022-07-29")
    try Self.expectKept(ledger, after: "a submission")
    #expect(try ledger.keptTallies().values.contains { $0.pending != 0 })
    let returned = try Self.submit(ledger, rules, "2022-08-01", "2022-08-12")
    _ = try ledger.returnTrip(id: returned, reason: "缺少附件", stamp: Self.stamp.by(Self.office))
    try Self.expectKept(ledger, after: "a return")
    _ = try ledger.resubmitTrip(id: returned, stamp: Self.stamp.by(Self.zhuba))
    try Self.expectKept(ledger, after: "a resubmission")
    _ = try ledger.approveTrips(ids: [waiting, returned], stamp: Self.stamp.by(Self.office))
    try Self.expectKept(ledger, after: "an approval")
    let withdrawn = try Self.submit(ledger, rules, "2022-06-30", "2022-08-02")
    _ = try ledger.withdrawTrip(id: withdrawn, stamp: Self.stamp.by(Self.zhuba))
    try Self.expectKept(ledger, after: "a withdrawal")
    let corrected = try Self.submit(ledger, rules, "2022-06-01", "2022-06-05")
    _ = try ledger.returnTrip(id: corrected, reason: "日期有误", stamp: Self.stamp.by(Self.office))
    _ = try ledger.correctTrip(
      id: corrected, with: [Located(try trip("朱坝街道", "王某", "2022-06-02", "2022-06-06"))], rules: rules,
      today: Self.today, stamp: Self.stamp.by(Self.zhuba))
    try Self.expectKept(ledger, after: "a correction")

    // When a counted trip is voided, and the void undone
    let counted = try #require(try ledger.trips().first { $0.isCounted && $0.kind == "visit" }?.id)
    try ledger.voidTrip(id: counted, reason: "核查", stamp: Self.stamp)
    try Self.expectKept(ledger, after: "a void")
    _ = try ledger.unvoidTrip(id: counted, reason: "误作废", stamp: Self.stamp)
    try Self.expectKept(ledger, after: "the void undone")

    // Then a dry run changes nothing, and verify is clean
    let before = try ledger.keptTallies()
    _ = try ledger.recordTrips(
      [Located(try trip("商务局", "李某", "2022-08-15", "2022-08-19"))], rules: rules, today: Self.today,
      stamp: Self.stamp, dryRun: true)
    #expect(try ledger.keptTallies() == before)
    #expect(try ledger.verify().isClean)
  }

  @Test("Tallies merged in parts, by an import or a rebuild, are those merged at once")
  func mergedInParts() throws {
    // Given the generated trips in a file, and a ledger with their roster
    let generated = try ImportEquivalenceTests.Case()
    let path = try generated.write()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ledger = try generated.ledger()

    // When they are imported holding three tallies at most before each merge
    _ = try DeferredIndexesTests.importing(
      path, into: ledger, deferAfter: .max, rules: generated.rules, today: Self.today,
      limits: FootprintLimits(talliesBeforeMerge: 3))

    // Then the tallies are those the rows make
    try Self.expectKept(ledger, after: "an import merged in parts")
    // And a rebuild in parts of two gives them again
    let kept = try ledger.keptTallies()
    try ledger.write { db in try KeptTallies.rebuild(in: db, held: 2) }
    #expect(try ledger.keptTallies() == kept && kept.count > 20)
  }

  @Test("Tallies the inserting thread merges between its batches, a statement's worth and one by one, are the rows'")
  func mergedByTheInsertingThread() throws {
    // Given six heads' trips of three kinds, a day every other day from January to September 2022, head by head:
    // 27 tallies a head, and more than a batch of rows before the 130th tally
    let generated = try ImportEquivalenceTests.Case()
    var rows = ["unit,name,start,end,destination,purpose,companies,kind,void_reason"]
    let first = try #require(CivilDate(iso: "2022-01-01")).ordinal
    for unit in ["朱坝街道", "商务局", "残联"] {
      for name in ["王某", "李某"] {
        for (index, day) in stride(from: first, to: first + 272, by: 2).enumerated() {
          let date = CivilDate(ordinal: day).iso
          rows.append("\(unit),\(name),\(date),\(date),上海,拜访企业,,\(["visit", "video", "online"][index % 3]),")
        }
      }
    }
    let ledger = try generated.ledger()

    // When they are imported holding 130 tallies before each merge: the first 130 go to the inserting thread (a
    // whole statement of 128, then two alone), the last 32 are merged once it has stopped
    let imported = try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("tallies.csv").path
      try Data(rows.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: path))
      return try DeferredIndexesTests.importing(
        path, into: ledger, deferAfter: .max, rules: generated.rules, today: Self.today,
        limits: FootprintLimits(talliesBeforeMerge: 130))
    }

    // Then every trip is in, and the tallies are those the rows make
    #expect(imported.report.added == rows.count - 1)
    #expect(try ledger.keptTallies().count == 6 * 9 * 3)
    try Self.expectKept(ledger, after: "an import whose tallies the inserting thread merged")
  }

  @Test("A ledger of schema 9 with trips gets its tallies counted when it is upgraded")
  func anUpgradeCountsThem() throws {
    try withTemporaryFolder { folder in
      // Given a ledger with imported, reviewed and voided trips, taken back to schema 9
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let (built, rules) = try Self.importedLedger()
      let file = try Ledger.open(at: path, create: true)
      try file.addPosts(try built.posts().map { Located($0) }, rules: rules, stamp: Self.stamp)
      try file.recordTrips(
        try built.trips().map { trip in
          var entered = trip
          entered.id = nil
          return Located(entered)
        }, rules: rules, today: Self.today, stamp: Self.stamp)
      _ = try Self.submit(file, rules, "2022-07-20", "2022-07-29")
      let voided = try #require(try file.trips().first { $0.isCounted }?.id)
      try file.voidTrip(id: voided, reason: "核查", stamp: Self.stamp)
      let expected = try file.talliesCountedFromTrips()
      file.close()
      let queue = try DatabaseQueue(path: path)
      try queue.write { db in
        try db.execute(sql: "DROP TABLE trip_month_tally")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.talliesMigration])
        try db.execute(sql: "PRAGMA user_version = 9")
      }
      try queue.close()

      // When it is opened
      let upgraded = try Ledger.open(at: path)

      // Then it was upgraded from 9, and its tallies are those its trips make, pending ones included
      #expect(upgraded.upgrade?.from == 9)
      #expect(try upgraded.keptTallies() == expected)
      #expect(expected.values.contains { $0.pending != 0 } && expected.count > 20)
      #expect(try upgraded.verify().isClean)
    }
  }

  @Test("An upgrade killed after the migration committed and before the tallies were counted counts them next time")
  func anInterruptedUpgradeCountsThemAtTheNextOpen() throws {
    try withTemporaryFolder { folder in
      // Given a ledger with trips left as a kill between the two steps leaves it: every migration recorded, the
      // table empty, and the version still the one before the tallies
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let (ledger, _) = try Self.importedLedger()
      _ = try ledger.backup(to: path)
      let expected = try ledger.talliesCountedFromTrips()
      let queue = try DatabaseQueue(path: path)
      try queue.write { db in
        try db.execute(sql: "DELETE FROM trip_month_tally")
        try db.execute(sql: "PRAGMA user_version = 9")
      }
      try queue.close()

      // When it is opened
      let reopened = try Ledger.open(at: path)

      // Then the tallies are counted, and the version stamped after them
      #expect(try reopened.keptTallies() == expected)
      #expect(!expected.isEmpty)
      #expect(try reopened.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == SchemaVersion.current)
      #expect(try reopened.verify().isClean)
    }
  }

  @Test("A released fixture's trips are tallied once it is upgraded")
  func aReleasedFixtureIsCounted() throws {
    try withTemporaryFolder { folder in
      // Given the last released fixture, with trips and a void
      let path = try SchemaFixtures.copy(try #require(SchemaFixtures.released.last), into: folder)

      // When it is opened, and so upgraded
      let ledger = try Ledger.open(at: path)

      // Then its tallies are its trips'
      #expect(try !ledger.keptTallies().isEmpty)
      try Self.expectKept(ledger, after: "the upgrade")
    }
  }

  @Test("verify names a tally changed, removed or added behind zhaoshang's back, and is clean otherwise")
  func verifyNamesATamperedTally() throws {
    // Given the imported ledger, verifying clean
    let (ledger, _) = try Self.importedLedger()
    #expect(try ledger.verify().isClean)
    let first = "(SELECT month FROM trip_month_tally ORDER BY month, head_id, kind LIMIT 1)"
    let tampering = [
      "UPDATE trip_month_tally SET counted_halves = counted_halves + 1 WHERE month = \(first)",
      "UPDATE trip_month_tally SET counted_trips_ending = counted_trips_ending + 1 WHERE month = \(first)",
      "DELETE FROM trip_month_tally WHERE month = \(first)",
      "INSERT INTO trip_month_tally (month, head_id, kind, counted_halves) VALUES ('2021-01', 1, 'visit', 3)",
    ]
    for change in tampering {
      // When a tally is changed with SQL
      let kept = try ledger.keptTallies()
      try ledger.write { db in try db.execute(sql: change) }

      // Then verify fails, saying so in both languages and what to do
      let report = try ledger.verify()
      #expect(!report.isClean, "\(change)")
      let said = report.disagreements.first { $0.en.contains("month tallies") }
      #expect(said?.zh.contains("外出汇总") == true && said?.en.contains("restore the ledger") == true, "\(change)")
      #expect(said?.en.contains("(such as ") == true && said?.en.contains("SQL") == false, "\(change)")

      // And once the tallies are counted again, it is clean
      try ledger.write { db in try KeptTallies.rebuild(in: db) }
      #expect(try ledger.keptTallies() == kept)
      #expect(try ledger.verify().isClean)
    }
  }

  @Test("A never-closed ledger's bulletins are the definition's, before and after a void changes the year to date")
  func neverClosedBulletins() throws {
    // Given the imported ledger, with trips in every review status and leave, no month closed
    let (ledger, rules) = try Self.importedLedger()
    try ledger.addLeave(
      [Located(Leave(unit: "商务局", name: "王某", from: try d("2022-07-04"), to: try d("2022-07-15"), reason: "病假"))],
      rules: rules, stamp: Self.stamp)
    _ = try Self.submit(ledger, rules, "2022-07-20", "2022-07-29")
    let approved = try Self.submit(ledger, rules, "2022-07-31", "2022-08-03")
    _ = try ledger.approveTrips(ids: [approved], stamp: Self.stamp.by(Self.office))
    let months = try [m("2022-06"), m("2022-07"), m("2022-08"), m("2022-09")]
    func bulletins() throws -> [Bulletin] {
      try months.map { try ledger.bulletinStanding(month: $0, rules: rules).bulletin() }
    }
    let before = try bulletins()
    for (month, bulletin) in zip(months, before) {
      #expect(bulletin == (try BulletinFastPathTests.definition(month, ledger: ledger, rules: rules)), "\(month.iso)")
    }

    // When June's trips of one head are voided
    let june = try ledger.trips(in: months[0]).filter {
      $0.isCounted && $0.unit == "朱坝街道" && $0.name == "李某" && Month(containing: $0.end) == months[0]
    }
    #expect(!june.isEmpty)
    for trip in june { try ledger.voidTrip(id: try #require(trip.id), reason: "核查", stamp: Self.stamp) }

    // Then September's year to date lost them, and every bulletin is still the definition's
    let after = try bulletins()
    #expect(after[3].yearToDate.trips == before[3].yearToDate.trips - june.filter { $0.kind == "visit" }.count)
    #expect(after[3].yearToDate != before[3].yearToDate)
    for (month, bulletin) in zip(months, after) {
      #expect(bulletin == (try BulletinFastPathTests.definition(month, ledger: ledger, rules: rules)), "\(month.iso)")
    }
  }

  @Test("A few heads' tallies found by the key are those the month's range gives them, and no other head's")
  func someHeadsByTheKeyOrByTheRange() throws {
    // Given the imported ledger and two of its heads
    let (ledger, _) = try Self.importedLedger()
    let kept = try ledger.keptTallies()
    let heads = Array(Set(kept.keys.map(\.head)).sorted().prefix(2))
    let months = try [m("2022-06"), m("2022-07"), m("2022-08")]
    func dealt(mostSought: Int) throws -> [Month: MonthTallyQuery.MonthHalves] {
      try ledger.read { db in
        var found: [Month: MonthTallyQuery.MonthHalves] = [:]
        try MonthTallyQuery.forEach(
          months: months, kinds: ["visit", "video"], heads: heads, mostSought: mostSought, in: db
        ) { found[$0] = $1 }
        return found
      }
    }

    // When they are read each by the key, and from the months' ranges
    let sought = try dealt(mostSought: 10)
    let ranged = try dealt(mostSought: 0)

    // Then both give the two heads' halves and trips, and nothing of any other head
    for month in months {
      let one = try #require(sought[month])
      let other = try #require(ranged[month])
      #expect(one.counted == other.counted && one.pending == other.pending && one.ending == other.ending)
      #expect(Set(one.counted.keys).isSubset(of: Set(heads)) && Set(one.ending.keys).isSubset(of: Set(heads)))
    }
    #expect(months.contains { !(sought[$0]?.counted.isEmpty ?? true) })
  }
}
