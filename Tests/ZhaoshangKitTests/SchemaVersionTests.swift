import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

@Suite("Schema versions and upgrades")
struct SchemaVersionTests {
  /// The rows every fixture holds, read back through the ledger.
  private func expectFixtureData(in ledger: Ledger, schema: Int) throws {
    let posts = try ledger.posts()
    #expect(posts.map(\.name) == ["王某", "刘某", "郭某"])
    #expect(posts.map { $0.from?.iso } == ["2021-09-01", nil, "2020-01-01"])
    #expect(posts.map { $0.to?.iso } == [nil, nil, "2022-07-15"])
    let trips = try ledger.trips()
    #expect(trips.map(\.destination) == ["深圳", "上海", "线上", "南京", "杭州"])
    #expect(trips.first { $0.destination == "上海" }?.companies == ["甲公司", "乙公司"])
    #expect(trips.filter(\.isVoid).map(\.destination) == ["杭州"])
    #expect(try ledger.leaves().map(\.reason) == (schema >= 2 ? ["党校学习"] : []))
    #expect(try ledger.explanations().map(\.unit) == (schema >= 3 ? ["朱坝街道"] : []))

    // July's check: 王某 2 + 5 days out (less 2 on leave where leave exists), 刘某 only a video call, 郭某 3 days in
    // 15 days in post (required ceil(2 × 10 × 15 / 31) / 2 = 5).
    let report = try ledger.check(month: try m("2022-07"), rules: try TestRules.book())
    let counted = Dictionary(uniqueKeysWithValues: report.people.map { ($0.name, $0.counted) })
    #expect(counted == ["王某": DayCount(days: schema >= 2 ? 5 : 7), "刘某": .zero, "郭某": DayCount(days: 3)])
    #expect(report.people.first { $0.name == "郭某" }?.required == DayCount(days: 5))
    #expect(report.shortUnits.map(\.unit).sorted() == ["共和镇", "朱坝街道"])
  }

  private func migrationRows(_ path: String) throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
  }

  private func userVersion(_ path: String) throws -> Int {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
  }

  private func entries(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  // MARK: The fixtures

  @Test(arguments: SchemaFixtures.released)
  func eachReleasedFixtureHoldsItsMigrationsAndNoMore(schema: Int) throws {
    // Given the fixture of a released schema
    let path = SchemaFixtures.url(schema).path

    // When its migrations are read
    let applied = try migrationRows(path)

    // Then they are the first `schema` migrations zhaoshang knows, by name
    #expect(applied == Array(Schema.migrator.migrations.prefix(schema)))
  }

  @Test(arguments: SchemaFixtures.released)
  func eachReleasedFixtureUpgradesBehindABackupAndReadsBack(schema: Int) throws {
    try withTemporaryFolder { folder in
      // Given a copy of the fixture of a released schema
      let path = try SchemaFixtures.copy(schema, into: folder)

      // When it is opened
      let ledger = try Ledger.open(at: path)

      // Then it is at the current version, in its migrations and user_version
      let upgrade = try #require(ledger.upgrade)
      #expect(upgrade.from == schema)
      #expect(upgrade.to == SchemaVersion.current)
      #expect(try migrationRows(path) == Schema.migrator.migrations)
      #expect(try userVersion(path) == SchemaVersion.current)
      // and a copy of it as it was lies beside it, named after the new version
      let backupName = URL(fileURLWithPath: upgrade.backup).lastPathComponent
      #expect(backupName.hasPrefix("ledger.sqlite.before-v\(SchemaVersion.current)-"))
      #expect(backupName.hasSuffix(".sqlite"))
      #expect(try entries(folder).contains(backupName))
      #expect(try migrationRows(upgrade.backup) == Array(Schema.migrator.migrations.prefix(schema)))
      #expect(try Ledger.inspect(file: upgrade.backup).trips == 5)
      // and its data reads back, checked as before
      try expectFixtureData(in: ledger, schema: schema)
      // and the audit trail adopted the rows it found
      #expect(try ledger.verify().isClean)
    }
  }

  @Test(arguments: SchemaFixtures.released)
  func anUpgradedFixtureOpensAgainWithoutAnotherBackup(schema: Int) throws {
    try withTemporaryFolder { folder in
      // Given a fixture upgraded once
      let path = try SchemaFixtures.copy(schema, into: folder)
      _ = try Ledger.open(at: path)
      let files = try entries(folder).filter { $0.contains(".before-") }

      // When it is opened again
      let again = try Ledger.open(at: path)

      // Then nothing is upgraded and no second backup appears
      #expect(again.upgrade == nil)
      #expect(try entries(folder).filter { $0.contains(".before-") } == files)
      try expectFixtureData(in: again, schema: schema)
    }
  }

  // MARK: New and current ledgers

  @Test func aNewLedgerIsMigratedWithoutABackupAndStampedWithTheVersion() throws {
    try withTemporaryFolder { folder in
      // Given no file
      let path = folder.appendingPathComponent("new.sqlite").path

      // When a ledger is created there
      let ledger = try Ledger.open(at: path, create: true)

      // Then it carries every migration and the version, and no backup was made
      #expect(ledger.upgrade == nil)
      #expect(try migrationRows(path) == Schema.migrator.migrations)
      #expect(try userVersion(path) == SchemaVersion.current)
      #expect(try entries(folder).allSatisfy { !$0.contains(".before-") && !$0.hasSuffix(".migrating") })
    }
  }

  @Test func aCurrentLedgerWithoutUserVersionIsStampedWithoutABackup() throws {
    try withTemporaryFolder { folder in
      // Given a current ledger whose user_version is unset, as zhaoshang left it before versions were written
      let path = folder.appendingPathComponent("ledger.sqlite").path
      _ = try Ledger.open(at: path, create: true)
      let queue = try DatabaseQueue(path: path)
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 0") }
      try queue.close()

      // When it is opened
      let ledger = try Ledger.open(at: path)

      // Then the version is written, and nothing else happens
      #expect(ledger.upgrade == nil)
      #expect(try userVersion(path) == SchemaVersion.current)
      #expect(try entries(folder).allSatisfy { !$0.contains(".before-") })
    }
  }

  @Test func anInMemoryLedgerIsAtTheCurrentVersion() throws {
    // Given / When a ledger in memory
    let ledger = try Ledger.inMemory()

    // Then it needed no upgrade and is at the current version
    #expect(ledger.upgrade == nil)
    #expect(try ledger.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == SchemaVersion.current)
  }

  @Test func theVersionIsTheNumberOfMigrations() {
    #expect(SchemaVersion.current == Schema.migrator.migrations.count)
    #expect(SchemaVersion.current >= SchemaFixtures.released.max() ?? 0)
  }

  // MARK: Newer ledgers

  @Test func aLedgerWithAMigrationThisZhaoshangDoesNotKnowIsRefusedAndLeftAlone() throws {
    try withTemporaryFolder { folder in
      // Given a current ledger to which a newer zhaoshang added a migration
      let path = try SchemaFixtures.copy(3, into: folder)
      _ = try Ledger.open(at: path)
      let queue = try DatabaseQueue(path: path)
      try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
      try queue.close()
      let before = try Data(contentsOf: URL(fileURLWithPath: path))
      let files = try entries(folder)

      // When it is opened
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.open(at: path) }

      // Then it is refused, naming both versions
      let newer = SchemaVersion.current + 1
      #expect(
        error?.text(.en)
          == "the ledger \(path) was made by a newer zhaoshang (schema version \(newer)); this zhaoshang knows version \(SchemaVersion.current): upgrade zhaoshang"
      )
      #expect(
        error?.text(.zh)
          == "台账 \(path) 由更新版本的 zhaoshang 创建（数据库结构版本 \(newer)）；本程序只认识到版本 \(SchemaVersion.current)：请升级 zhaoshang"
      )
      // and the file is left as it was, with no backup beside it (a read-only look at a WAL-mode file may leave
      // SQLite's empty -wal and -shm files)
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
      let sqliteFiles: (String) -> Bool = { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") }
      #expect(try entries(folder).filter { !sqliteFiles($0) } == files.filter { !sqliteFiles($0) })
      #expect(try migrationRows(path).last == "v99: from the future")
    }
  }

  @Test func aLedgerWithAHigherUserVersionIsRefusedAndLeftAlone() throws {
    try withTemporaryFolder { folder in
      // Given a ledger whose user_version a newer zhaoshang set to 99 (it may have merged its migrations)
      let path = try SchemaFixtures.copy(2, into: folder)
      let queue = try DatabaseQueue(path: path)
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 99") }
      try queue.close()
      let before = try Data(contentsOf: URL(fileURLWithPath: path))

      // When it is opened
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.open(at: path) }

      // Then it is refused, naming both versions, and not upgraded
      #expect(
        error?.text(.en).contains("(schema version 99); this zhaoshang knows version \(SchemaVersion.current)") == true)
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
      #expect(try migrationRows(path) == Array(Schema.migrator.migrations.prefix(2)))
      #expect(try entries(folder) == ["ledger.sqlite"])
    }
  }

  // MARK: A failed upgrade

  /// Today's migrations, then one that fails halfway through.
  private var failingMigrator: DatabaseMigrator {
    var migrator = Schema.migrator
    migrator.registerMigration("v99: fails") { db in
      try db.execute(sql: "CREATE TABLE half_done (x)")
      throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the migration broke")
    }
    return migrator
  }

  @Test func anUpgradeThatFailsPartWayIsUndoneFromTheBackup() throws {
    try withTemporaryFolder { folder in
      // Given the schema-1 fixture, and migrations of which every one succeeds but the last
      let path = try SchemaFixtures.copy(1, into: folder)

      // When it is opened with them
      let error = #expect(throws: ZhaoshangError.self) {
        try Ledger.open(at: path, create: false, migrator: failingMigrator)
      }

      // Then the failure names the versions and the backup, and says the ledger is unchanged
      let backup = try #require(try entries(folder).first { $0.hasPrefix("ledger.sqlite.before-v") })
      let backupPath = folder.appendingPathComponent(backup).path
      let total = failingMigrator.migrations.count
      let text = try #require(error?.text(.en))
      #expect(text.hasPrefix("upgrading the ledger \(path) from schema version 1 to \(total) failed ("))
      // in a clerk's words, never SQLite's own text
      #expect(text.contains("failed (a database error)"))
      #expect(!text.contains("the migration broke"))
      #expect(
        text.hasSuffix(
          "; it was put back from the copy taken before, \(backupPath), so it is unchanged. Tell whoever maintains zhaoshang"
        ))
      #expect(error?.text(.zh).contains("升级到 \(total) 失败") == true)
      #expect(error?.text(.zh).contains("已用升级前的备份 \(backupPath) 恢复原状，台账未改动") == true)
      guard case .storage = error else {
        Issue.record("a failed upgrade is a storage failure (exit 74)")
        return
      }
      // and the ledger is back at schema 1: the migrations that succeeded are gone too
      #expect(try migrationRows(path) == [Schema.migrator.migrations[0]])
      let queue = try DatabaseQueue(path: path)
      let tables = try queue.read { db in
        (
          try db.tableExists("leave"), try db.tableExists("half_done"),
          try Int.fetchOne(db, sql: "SELECT count(*) FROM trip")
        )
      }
      try queue.close()
      #expect(tables.0 == false)
      #expect(tables.1 == false)
      #expect(tables.2 == 5)
      // and with today's migrations it upgrades as usual
      try expectFixtureData(in: try Ledger.open(at: path), schema: 1)
    }
  }

  @Test func anUpgradeWhoseUndoFailsTooSaysHowToRestore() throws {
    try withTemporaryFolder { folder in
      // Given the schema-2 fixture, a failing migration, and putting the backup back failing as well
      let path = try SchemaFixtures.copy(2, into: folder)
      var configuration = Configuration()
      configuration.busyMode = .timeout(10)
      let pool = try DatabasePool(path: path, configuration: configuration)
      struct Refused: Error, CustomStringConvertible { var description: String { "disk gone" } }

      // When the upgrade is tried
      let error = #expect(throws: ZhaoshangError.self) {
        try SchemaVersion.prepare(pool, path: path, migrator: failingMigrator) { _, _ in throw Refused() }
      }

      // Then the message says the ledger may be half upgraded and gives the command that puts the copy back
      let backup = try #require(try entries(folder).first { $0.hasPrefix("ledger.sqlite.before-v") })
      let backupPath = folder.appendingPathComponent(backup).path
      let text = try #require(error?.text(.en))
      #expect(text.contains("putting back the copy taken before failed too (disk gone)"))
      #expect(
        text.hasSuffix(
          "the ledger may be half upgraded: run `zhaoshang restore \(backupPath) --db \(path) --force`"))
      #expect(error?.text(.zh).contains("台账可能只升级了一半：请运行 zhaoshang restore \(backupPath) --db \(path) --force") == true)
    }
  }

  // MARK: Several processes

  @Test func ledgersOpenedTogetherUpgradeOnceBehindOneBackup() throws {
    try withTemporaryFolder { folder in
      // Given the schema-1 fixture
      let path = try SchemaFixtures.copy(1, into: folder)

      // When four connections open it at once
      let results = Collected<Result<SchemaUpgrade?, any Error>>()
      DispatchQueue.concurrentPerform(iterations: 4) { _ in
        results.append(Result { try Ledger.open(at: path).upgrade })
      }

      // Then all succeed, one of them upgraded it, and there is one backup
      let upgrades = try results.values.map { try $0.get() }
      #expect(upgrades.count == 4)
      #expect(upgrades.compactMap { $0 }.count == 1)
      #expect(try entries(folder).filter { $0.contains(".before-") }.count == 1)
      #expect(try entries(folder).allSatisfy { !$0.hasSuffix(".migrating") })
    }
  }

  @Test func aSymbolicLinkAndTheRealPathUpgradeOnceBehindOneLockAndOneBackup() throws {
    try withTemporaryFolder { folder in
      // Given the schema-1 fixture in a folder of its own, and a symbolic link to it from another folder
      let real = folder.appendingPathComponent("real")
      try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
      let path = try SchemaFixtures.copy(1, into: real)
      let link = folder.appendingPathComponent("link.sqlite").path
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)

      // When it is opened through both names at once, several times each
      let results = Collected<Result<SchemaUpgrade?, any Error>>()
      DispatchQueue.concurrentPerform(iterations: 6) { index in
        results.append(Result { try Ledger.open(at: index % 2 == 0 ? link : path).upgrade })
      }

      // Then all succeed, one upgraded it, behind one copy kept beside the real file, and no lock is left
      let upgrades = try results.values.map { try $0.get() }
      #expect(upgrades.compactMap { $0 }.count == 1)
      #expect(try entries(real).filter { $0.contains(".before-") }.count == 1)
      #expect(try entries(folder).filter { $0.contains(".before-") || $0.hasSuffix(".migrating") }.isEmpty)
      #expect(try entries(real).allSatisfy { !$0.hasSuffix(".migrating") })
    }
  }

  @Test("A ledger out of write-ahead-log mode, written by another program as it is opened, opens once let go")
  func aLedgerHeldWhileItsLogModeIsSetOpensAfterTheWait() throws {
    try withTemporaryFolder { folder in
      // Given a current ledger in rollback-journal mode, as a backup is written, with its roster
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let source = try Ledger.inMemory()
      try source.write { db in
        try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('朱坝街道', '王某')")
      }
      _ = try source.backup(to: path)
      #expect(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")

      // When another connection is writing to it while the ledger is opened, and lets it go a moment later
      // (it waits for the lock as zhaoshang's own connections do, so its commit waits for the ledger's reads)
      var waiting = Configuration()
      waiting.busyMode = .timeout(10)
      let other = try DatabaseQueue(path: path, configuration: waiting)
      let writing = DispatchSemaphore(value: 0)
      let written = Collected<Result<Void, any Error>>()
      let done = DispatchSemaphore(value: 0)
      DispatchQueue.global().async {
        written.append(
          Result {
            try other.inTransaction(.immediate) { db in
              try db.execute(sql: "INSERT INTO head (unit, name) VALUES ('黄集街道', '陈某')")
              writing.signal()
              Thread.sleep(forTimeInterval: 0.3)
              return .commit
            }
          })
        done.signal()
      }
      writing.wait()
      let opened = Result { try Ledger.open(at: path) }
      done.wait()
      try #require(written.values.count == 1)
      try written.values[0].get()

      // Then it opened, in write-ahead-log mode, with its rows, instead of saying it was held too long
      let ledger = try opened.get()
      #expect(try ledger.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
      #expect(try ledger.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM head") } == 2)
    }
  }

  @Test func theLockFileThatCannotBeCreatedIsNamed() throws {
    // Given a ledger path in a folder that does not exist
    let path = "/nonexistent-\(UUID().uuidString)/ledger.sqlite"

    // When the migration lock is taken
    let error = #expect(throws: ZhaoshangError.self) { try MigrationLock(beside: path) }

    // Then the message names the lock file and what to check
    #expect(
      error?.text(.en).hasPrefix("cannot create the lock file \(path).migrating needed to upgrade the ledger (") == true
    )
    #expect(error?.text(.en).hasSuffix("); check that the ledger's folder is writable") == true)
    #expect(error?.text(.zh).hasPrefix("无法创建升级台账所需的锁文件 \(path).migrating（") == true)
  }

  @Test func backupNamesDoNotCollide() throws {
    try withTemporaryFolder { folder in
      // Given a backup name already taken
      let path = folder.appendingPathComponent("ledger.sqlite").path
      let now = Date(timeIntervalSince1970: 1_659_315_600)
      let first = try SchemaVersion.backupPath(for: path, version: 4, now: now)
      try Data().write(to: URL(fileURLWithPath: first))

      // When another backup is named in the same second
      let second = try SchemaVersion.backupPath(for: path, version: 4, now: now)

      // Then it gets a number
      #expect(first.hasPrefix(path + ".before-v4-20220"))
      #expect(second == first.dropLast(".sqlite".count) + "-2.sqlite")
    }
  }
}

/// Values appended from several threads.
private final class Collected<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [Value] = []

  func append(_ value: Value) { lock.withLock { collected.append(value) } }
  var values: [Value] { lock.withLock { collected } }
}
