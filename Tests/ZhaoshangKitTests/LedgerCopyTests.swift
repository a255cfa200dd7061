import Foundation
import GRDB
import Testing
import ZhaoshangPostgres
import ZhaoshangTestSupport

@testable import ZhaoshangKit

/// `zhaoshang copy`: a whole ledger moved between SQLite and PostgreSQL, row for row, its chain the same chain.
@Suite(
  "Copying a ledger between engines",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct LedgerCopyTests {
  /// A folder of the test's own, removed when it ends.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-copy-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
  }

  /// A ledger in a file holding a row of every kind: the store's day of work (the roster, trips, review steps, a
  /// void, a month report, a close, an amendment, a reopening, an account), a trip whose purpose and companies hold
  /// backslashes, quotes and COPY's `\\N`, an explanation with an uploaded document, a token, and a void undone,
  /// the restored trip voided again and undone once more.
  ///
  /// Not the shipped example (`Demo.load`): its roster holds 文旅局's 冯某 as MonthCycle's does, and the day of work
  /// is MonthCycle's. The example's own trips go to PostgreSQL and back in `CopyCommandTests`.
  static func exampleLedger(at path: String) async throws -> Ledger {
    let ledger = try Ledger.open(at: path, create: true)
    let store = SQLiteStore(ledger)
    _ = try await PostgresStoreTests.work(on: store)
    let rules = try MonthCycle.rules()
    let awkward = Trip(
      unit: "丙街道", name: "周某", start: try MonthCycle.date("2022-07-11"), startsAfternoon: true,
      end: try MonthCycle.date("2022-07-12"), endsMorning: true, destination: "上海\\浦东",
      purpose: "洽谈\\t项目 \\N", companies: ["某某\"精密\"机械", "反斜杠\\公司", "\\N"])
    _ = try await store.recordTrips(
      [Located(awkward)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp,
      amendment: nil)
    let bytes = Data("%PDF-1.4\n情况说明\t\\\n".utf8)
    _ = try await store.recordExplanation(
      Explanation(
        unit: "文旅局", month: PostgresStoreTests.july, received: try MonthCycle.date("2022-08-02"),
        document: ExplanationDocument(data: bytes, name: "情况说明.pdf")),
      rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, storing: try #require(StoredDocument(data: bytes))
    )
    _ = try await store.issueToken(login: "jiazhen", stamp: MonthCycle.stamp)
    let voided = try #require(try ledger.trips().first { $0.voiding != nil }?.id)
    let restored = try #require(
      try ledger.unvoidTrip(id: voided, reason: "误作废", stamp: MonthCycle.stamp).restored.id)
    _ = try ledger.voidTrip(id: restored, reason: "再次核查未外出", stamp: MonthCycle.stamp)
    _ = try ledger.unvoidTrip(id: restored, reason: "核实确已外出", stamp: MonthCycle.stamp)
    return ledger
  }

  /// Every copied table's rows, as canonical text, in key order.
  static func rows(of ledger: Ledger) throws -> [String: [[String?]]] {
    let snapshot = try ledger.snapshot()
    var rows: [String: [[String?]]] = [:]
    for table in CopiedTable.copiedInOrder {
      rows[table.name] = try snapshot.rows(of: table, after: nil, limit: 1_000_000)
    }
    return rows
  }

  static func refusal(_ body: () async throws -> Void) async -> String? {
    do {
      try await body()
      return nil
    } catch ZhaoshangError.refused(let problem) {
      return problem.message.en
    } catch {
      return "not a refusal: \(error)"
    }
  }

  @Test("SQLite to PostgreSQL and back gives the same rows, the same chain and a clean verify on all three")
  func roundTrip() async throws {
    // Given the example ledger in a file, verifying clean, and an empty PostgreSQL ledger
    let folder = try Folder()
    let original = try await Self.exampleLedger(at: folder.path("original.sqlite"))
    let originalReport = try original.verify()
    #expect(originalReport.isClean, "\(originalReport.text(.en))")
    let database = try await StoreKind.postgresLedger()
    let postgres = LedgerAddress.postgres(database.address)

    // When it is copied to PostgreSQL, and from there into a new SQLite file
    let there = try await LedgerCopy.run(
      from: .sqlite(path: original.path), to: postgres, environment: database.environment)
    let back = try await LedgerCopy.run(
      from: postgres, to: .sqlite(path: folder.path("back.sqlite")), environment: database.environment)

    // Then every table came back row for row, ids, dates, JSON, booleans and bytes alike
    let returned = try Ledger.open(at: folder.path("back.sqlite"))
    let before = try Self.rows(of: original)
    let after = try Self.rows(of: returned)
    for table in CopiedTable.copiedInOrder {
      #expect(after[table.name] == before[table.name], "\(table.name)")
    }
    #expect(there.rows(of: "trip") == before["trip"]?.count && there.rows(of: "trip_restoration") == 2)
    #expect(there.rows(of: "document") == 1 && there.rows(of: "api_token") == 1 && there.rows(of: "trip_review") > 2)
    #expect(back.counts == there.counts)
    // And each side's last hash is the original's, and verify is clean on all three
    #expect(there.sourceHash == originalReport.lastHash && there.targetHash == originalReport.lastHash)
    #expect(back.sourceHash == originalReport.lastHash && back.targetHash == originalReport.lastHash)
    let store = try await PostgresStore.open(database.address, environment: database.environment)
    let postgresReport = try await store.verify()
    #expect(postgresReport.isClean && postgresReport.lastHash == originalReport.lastHash)
    #expect(try returned.verify().isClean)
    // and the copy's month tallies, written as its rows came, are the original's
    #expect(try returned.keptTallies() == original.keptTallies() && !returned.keptTallies().isEmpty)
    #expect(there.sentence.en.contains("zhaoshang verify passes on both"))
    #expect(there.sentence.zh.contains("外出 \(there.rows(of: "trip")) 条"))
    await store.close()
  }

  @Test("After a copy to PostgreSQL, a trip written there gets a new id and the chain still verifies")
  func writingAfterTheCopy() async throws {
    // Given the example ledger copied to PostgreSQL
    let folder = try Folder()
    let original = try await Self.exampleLedger(at: folder.path("original.sqlite"))
    let database = try await StoreKind.postgresLedger()
    _ = try await LedgerCopy.run(
      from: .sqlite(path: original.path), to: .postgres(database.address), environment: database.environment)
    let largest = try #require(try original.trips().compactMap(\.id).max())

    // When a trip is recorded through PostgreSQL's store
    let store = try await PostgresStore.open(database.address, environment: database.environment)
    let trip = Trip(
      unit: "乙镇", name: "孙某", start: try MonthCycle.date("2022-09-05"), end: try MonthCycle.date("2022-09-06"),
      destination: "无锡")
    let written = try await store.recordTrips(
      [Located(trip)], rules: try MonthCycle.rules(), today: MonthCycle.today, stamp: MonthCycle.stamp,
      amendment: nil)

    // Then it has the next id after the copied ones, and verify passes
    #expect(written.added.first?.id == largest + 1)
    let report = try await store.verify()
    #expect(report.isClean, "\(report.text(.en))")
    await store.close()
  }

  @Test("A target that is not empty is refused and left as it was")
  func nonEmptyTargetsAreRefused() async throws {
    // Given a ledger already copied into PostgreSQL, and an existing SQLite file
    let folder = try Folder()
    let original = try await Self.exampleLedger(at: folder.path("original.sqlite"))
    let database = try await StoreKind.postgresLedger()
    let postgres = LedgerAddress.postgres(database.address)
    _ = try await LedgerCopy.run(from: .sqlite(path: original.path), to: postgres, environment: database.environment)
    let store = try await PostgresStore.open(database.address, environment: database.environment)
    let hashBefore = try await store.verify().lastHash
    let existing = folder.path("existing.sqlite")
    try Data("someone's file".utf8).write(to: URL(fileURLWithPath: existing))

    // When the ledger is copied into each again
    let intoPostgres = await Self.refusal {
      _ = try await LedgerCopy.run(from: .sqlite(path: original.path), to: postgres, environment: database.environment)
    }
    let intoFile = await Self.refusal {
      _ = try await LedgerCopy.run(from: postgres, to: .sqlite(path: existing), environment: database.environment)
    }

    // Then both are refused with a sentence saying why and what to do, and neither changed
    #expect(intoPostgres?.contains("already holds rows (heads, posts, trips") == true, "\(intoPostgres ?? "")")
    #expect(intoPostgres?.contains("run `zhaoshang init --db") == true)
    #expect(intoFile?.contains("the target file \(existing) already exists") == true, "\(intoFile ?? "")")
    #expect(try await store.verify().lastHash == hashBefore)
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data("someone's file".utf8))
    await store.close()
  }

  @Test("A source that fails verify is refused, naming what verify found, and the target stays empty")
  func aDamagedSourceIsRefused() async throws {
    // Given the example ledger with a trip's destination changed behind the tool's back
    let folder = try Folder()
    let path = folder.path("original.sqlite")
    let counting = try #require(try await Self.exampleLedger(at: path).trips().first { $0.voiding == nil }?.id)
    let queue = try DatabaseQueue(path: path)
    try await queue.write { db in
      try db.execute(sql: "UPDATE trip SET destination = '北京' WHERE id = ?", arguments: [counting])
    }
    try queue.close()
    let database = try await StoreKind.postgresLedger()

    // When it is copied to PostgreSQL
    let refused = await Self.refusal {
      _ = try await LedgerCopy.run(
        from: .sqlite(path: path), to: .postgres(database.address), environment: database.environment)
    }

    // Then the copy is refused with verify's finding, and the PostgreSQL ledger holds nothing
    #expect(refused?.contains("does not pass zhaoshang verify, so nothing was copied") == true, "\(refused ?? "")")
    #expect(refused?.contains("trip \(counting) differs") == true, "\(refused ?? "")")
    let store = try await PostgresStore.open(database.address, environment: database.environment)
    #expect(try await store.verify().events == 0)
    await store.close()
  }
}
