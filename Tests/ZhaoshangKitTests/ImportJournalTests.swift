import Foundation
import GRDB
import Synchronization
import Testing

@testable import ZhaoshangKit

/// An import of a trips file is written through a rollback journal when nothing else has the ledger open, and
/// through the write-ahead log otherwise; the ledger is in WAL mode again afterwards, whatever became of the import.
@Suite("The journal an import is written through")
struct ImportJournalTests {
  /// A ledger file with the test roster, opened by zhaoshang, in a fresh folder.
  static func withLedgerFile<T>(_ body: (Ledger, String, RuleBook) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("台账.sqlite").path
      let ledger = try Ledger.open(at: path, create: true)
      defer { ledger.close() }
      let rules = try TestRules.book()
      try ledger.addPosts(
        [
          located(try post("朱坝街道", "王某", from: "2021-09-01"), line: 2, file: "roster.csv"),
          located(try post("朱坝街道", "刘某", role: "办事处主任"), line: 3, file: "roster.csv"),
        ], rules: rules, stamp: testStamp)
      return try body(ledger, path, rules)
    }
  }

  /// Imports the two-trip fixture; `during` runs inside the import, before the file is read.
  static func importTwoTrips(
    into ledger: Ledger, rules: RuleBook, file: String = Fixture.path("csv/trips-two-heads.csv"),
    dryRun: Bool = false, during: () throws -> Void = {}
  ) throws -> ImportReport {
    try ledger.importTrips(rules: rules, today: today, stamp: testStamp, dryRun: dryRun) {
      sink throws(ZhaoshangError) in
      do { try during() } catch { throw .storage(Localized("\(error)", "\(error)")) }
      try TripImporter.stream(path: file, into: sink)
    }
  }

  static func journalMode(_ ledger: Ledger) throws -> String? {
    try ledger.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
  }

  static func walExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path + "-wal") }

  @Test("With nothing else on the ledger, the import writes no log, and the ledger is in WAL mode afterwards")
  func aloneWritesOnce() throws {
    try Self.withLedgerFile { ledger, path, rules in
      // Given a ledger that the roster's write left in WAL mode, with nothing else open on it
      #expect(try Self.journalMode(ledger) == "wal")

      // When a file is imported, looking at the ledger's folder while it is read
      var walDuringImport: Bool?
      let report = try Self.importTwoTrips(into: ledger, rules: rules) { walDuringImport = Self.walExists(path) }

      // Then no write-ahead log was there while it wrote, the trips are stored, and the ledger is in WAL mode
      #expect(walDuringImport == false)
      #expect(report.added == 2)
      #expect(try ledger.trips().map(\.name) == ["王某", "刘某"])
      #expect(try Self.journalMode(ledger) == "wal")
      #expect(try ledger.verify().isClean)
    }
  }

  @Test("With another connection on the ledger, the import stays in WAL mode, and that connection reads throughout")
  func anotherConnectionKeepsTheLog() throws {
    try Self.withLedgerFile { ledger, path, rules in
      // Given another program's read-only connection on the ledger, which never waits
      var configuration = Configuration()
      configuration.readonly = true
      let other = try DatabaseQueue(path: path, configuration: configuration)
      defer { try? other.close() }
      #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM trip") } == 0)

      // When a file is imported, the other connection reading the ledger while it is read
      var walDuringImport: Bool?
      var readDuringImport: Int?
      let report = try Self.importTwoTrips(into: ledger, rules: rules) {
        walDuringImport = Self.walExists(path)
        readDuringImport = try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM head") }
      }

      // Then the import went through the log, the other connection read the ledger as it was, and it sees the
      // trips once the import is over
      #expect(walDuringImport == true)
      #expect(readDuringImport == 2)
      #expect(report.added == 2)
      #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM trip") } == 2)
      #expect(try Self.journalMode(ledger) == "wal")
    }
  }

  @Test("A program opening the ledger while such an import writes waits for it, then reads all of it")
  func openingDuringTheImportWaits() throws {
    try Self.withLedgerFile { ledger, path, rules in
      // Given an import that has the ledger alone
      let seen = Mutex<Result<Int, ZhaoshangError>?>(nil)
      let done = DispatchSemaphore(value: 0)

      // When another program opens the ledger while the import writes, and counts its trips
      let report = try Self.importTwoTrips(into: ledger, rules: rules) {
        #expect(!Self.walExists(path))
        DispatchQueue.global().async {
          let counted = Result { () throws(ZhaoshangError) -> Int in
            let other = try Ledger.open(at: path)
            defer { other.close() }
            return try other.trips().count
          }
          seen.withLock { $0 = counted }
          done.signal()
        }
        // Long enough for the other program to reach the ledger before the import goes on.
        Thread.sleep(forTimeInterval: 0.3)
      }

      // Then it was not refused: it opened the ledger once the import was in, and counted every trip of it
      #expect(done.wait(timeout: .now() + 30) == .success)
      #expect(report.added == 2)
      #expect(try seen.withLock { try $0?.get() } == 2)
      #expect(try Self.journalMode(ledger) == "wal")
    }
  }

  @Test("A refused import and a dry run leave the ledger as it was, in WAL mode")
  func refusedAndDryRunLeaveNothing() throws {
    try Self.withLedgerFile { ledger, path, rules in
      // Given a file whose second row names a head not on the roster
      let bad = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("外出.csv")
      try Data(
        """
        unit,name,start,end,destination,purpose
        朱坝街道,王某,2022-07-04,2022-07-06,上海,拜访企业
        朱坝街道,不在名册,2022-07-11,2022-07-12,南京,洽谈项目

        """.utf8
      ).write(to: bad)

      // When it is imported, and the good file is checked with a dry run
      #expect(throws: ZhaoshangError.self) { try Self.importTwoTrips(into: ledger, rules: rules, file: bad.path) }
      let dry = try Self.importTwoTrips(into: ledger, rules: rules, dryRun: true)

      // Then nothing was stored, no journal is left beside the ledger, and it is in WAL mode
      #expect(dry.added == 2)
      #expect(try ledger.trips().isEmpty)
      #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
      #expect(try Self.journalMode(ledger) == "wal")
      #expect(try ledger.verify().isClean)
    }
  }
}
