import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

@Suite("Backup and restore")
struct BackupTests {
  /// A ledger file in `folder` with one head in post and `trips` one-day trips in July 2022.
  private func makeLedger(in folder: URL, name: String = "ledger.sqlite", trips: Int = 3) throws -> Ledger {
    let ledger = try Ledger.open(at: folder.appendingPathComponent(name).path, create: true)
    let rules = try TestRules.book()
    try ledger.addPosts([located(try post("朱坝街道", "王某", from: "2021-09-01"), line: 2)], rules: rules, stamp: testStamp)
    try ledger.recordTrips(
      try (1...trips).map { located(try trip("朱坝街道", "王某", "2022-07-\(10 + $0)", destination: "城\($0)"), line: $0) },
      rules: rules, today: try d("2022-08-01"), stamp: testStamp)
    return ledger
  }

  private func header(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path))[18...19])
  }

  // MARK: Backup

  @Test func aBackupIsOneFileThatReadsBackAsTheLedger() throws {
    try withTemporaryFolder { folder in
      // Given a ledger with a roster and trips
      let ledger = try makeLedger(in: folder)
      let copy = folder.appendingPathComponent("copy.sqlite").path

      // When it is backed up
      let written = try ledger.backup(to: copy)

      // Then the copy holds the same, at the current version
      #expect(written.posts == 1)
      #expect(written.trips == 3)
      #expect(written.schemaVersion == SchemaVersion.current)
      #expect(written.lastRecordedAt == testStamp.at)
      // and it is one file with a rollback journal, not the ledger's write-ahead log
      #expect(try header(copy) == [1, 1])
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("copy") } == [
          "copy.sqlite"
        ])
      let reopened = try Ledger.open(at: copy)
      #expect(try reopened.trips() == ledger.trips())
      #expect(try reopened.posts() == ledger.posts())
    }
  }

  @Test func aBackupTakenWhileAnotherWriterWritesIsConsistent() throws {
    try withTemporaryFolder { folder in
      // Given a ledger and a second connection writing trips to it one by one
      let ledger = try makeLedger(in: folder, trips: 1)
      let writer = try Ledger.open(at: ledger.path)
      let rules = try TestRules.book()
      let writing = DispatchGroup()
      DispatchQueue.global().async(group: writing) {
        for day in 1...200 {
          let date = String(format: "2022-%02d-%02d", (day - 1) / 28 + 1, (day - 1) % 28 + 1)
          guard let start = CivilDate(iso: date) else { continue }
          _ = try? writer.recordTrips(
            [Located(Trip(unit: "朱坝街道", name: "王某", start: start, end: start, destination: "写\(day)"))],
            rules: rules, today: start, stamp: testStamp)
        }
      }

      // When backups are taken meanwhile
      var counts: [Int] = []
      for number in 1...10 {
        counts.append(try ledger.backup(to: folder.appendingPathComponent("copy-\(number).sqlite").path).trips)
      }
      writing.wait()

      // Then every copy passed the integrity check (inspect checks it) and holds whole trips only, never fewer
      // than an earlier copy
      #expect(counts == counts.sorted())
      #expect(counts.allSatisfy { (1...201).contains($0) })
      #expect(try ledger.trips().count == 201)
    }
  }

  @Test func anExistingFileIsNotOverwrittenWithoutForce() throws {
    try withTemporaryFolder { folder in
      // Given a ledger and a file where the backup should go
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("taken.sqlite").path
      try Data("keep me".utf8).write(to: URL(fileURLWithPath: file))

      // When the ledger is backed up there without --force
      let error = #expect(throws: ZhaoshangError.self) { try ledger.backup(to: file) }

      // Then it is refused and the file is as it was
      #expect(
        error?.text(.en)
          == "\(file) already exists and was left as it is; name another file, or confirm and submit again to replace it"
      )
      #expect(error?.text(.zh) == "备份文件 \(file) 已存在，未覆盖；请另选文件名，或确认后重新提交 覆盖它")
      #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("keep me".utf8))
    }
  }

  @Test func forceReplacesAnExistingFileEvenOneThatIsNoDatabase() throws {
    try withTemporaryFolder { folder in
      // Given a ledger, a text file and an older backup
      let ledger = try makeLedger(in: folder)
      let text = folder.appendingPathComponent("text.sqlite").path
      try Data("not a database".utf8).write(to: URL(fileURLWithPath: text))
      let older = folder.appendingPathComponent("older.sqlite").path
      try ledger.backup(to: older)
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王某", "2022-07-30"), line: 9)], rules: try TestRules.book(),
        today: try d("2022-08-01"), stamp: testStamp)

      // When the ledger is backed up over both with force
      let overText = try ledger.backup(to: text, force: true)
      let overOlder = try ledger.backup(to: older, force: true)

      // Then both hold the ledger as it is now
      #expect(overText.trips == 4)
      #expect(overOlder.trips == 4)
    }
  }

  @Test func aBackupThatFailsOnAFullDiskLeavesThePreviousBackupAndNothingElse() throws {
    try withTemporaryFolder { folder in
      // Given a ledger, a good backup of it, and a disk that fills up half way through the next copy
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("backup.sqlite").path
      try ledger.backup(to: file)
      let good = try Data(contentsOf: URL(fileURLWithPath: file))
      let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      let fullDisk: (Database, String) throws -> Void = { _, target in
        try Data(repeating: 0, count: 4096).write(to: URL(fileURLWithPath: target))
        throw DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")
      }

      // When the backup is taken again over it with --force
      let error = #expect(throws: ZhaoshangError.self) { try ledger.backup(to: file, force: true, copy: fullDisk) }

      // Then the failure says the disk is full in a clerk's words, the good backup is intact, nothing is left over
      #expect(
        error?.text(.en)
          == "a disk error while writing the backup \(file) (full or failing): no backup was written and any file already there is as it was; check the disk and try again"
      )
      #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == good)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == entries)
      // and a retry without --force is refused only because the good backup is there, as it should be
      #expect(try Ledger.inspect(file: file).trips == 3)
    }
  }

  @Test func aBackupCutShortLeavesNoFileUnderItsNameSoTheRetryWorks() throws {
    try withTemporaryFolder { folder in
      // Given a ledger, and a backup that dies after writing part of the copy
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("backup.sqlite").path
      struct Killed: Error {}
      #expect(throws: ZhaoshangError.self) {
        try ledger.backup(to: file, force: false) { _, target in
          try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: target))
          try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: target + "-journal"))
          throw Killed()
        }
      }
      // Then nothing is under the backup's name, and the retry (without --force) writes it
      #expect(!FileManager.default.fileExists(atPath: file))
      #expect(!FileManager.default.fileExists(atPath: file + "-journal"))
      // and a temporary copy that a killed backup left (its process gone) is cleared away by the retry
      let abandoned = folder.appendingPathComponent(".backup.sqlite.partial-999999999").path
      try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: abandoned))
      #expect(try ledger.backup(to: file).trips == 3)
      #expect(!FileManager.default.fileExists(atPath: abandoned))
    }
  }

  @Test func aCopyLeftWithItsJournalIsRefusedByItsOwnName() throws {
    try withTemporaryFolder { folder in
      // Given a copy cut short while being written: the file and its rollback journal beside it
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("cut.sqlite").path
      try ledger.backup(to: file)
      try Data(repeating: 0xD9, count: 512).write(to: URL(fileURLWithPath: file + "-journal"))
      let target = folder.appendingPathComponent("restored.sqlite").path

      // When it is restored
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: file, to: target) }

      // Then the refusal names the copy and its journal, and no ledger appears
      #expect(
        error?.text(.en)
          == "\(file) is a copy that was never finished (its journal \(file)-journal lies beside it), not a whole backup; use another backup"
      )
      #expect(!FileManager.default.fileExists(atPath: target))
    }
  }

  @Test func theLedgerCannotBeBackedUpOverItself() throws {
    try withTemporaryFolder { folder in
      // Given a ledger
      let ledger = try makeLedger(in: folder)

      // When it is backed up to its own path, spelled differently
      let path = folder.appendingPathComponent("./ledger.sqlite").path
      let error = #expect(throws: ZhaoshangError.self) { try ledger.backup(to: path, force: true) }

      // Then it is refused
      #expect(error?.text(.en) == "\(path) is the ledger itself; name another file for the backup")
      #expect(error?.text(.zh) == "备份文件 \(path) 就是台账本身；请另选一个文件名")
      #expect(try ledger.trips().count == 3)
    }
  }

  @Test func aBackupIntoAMissingFolderSaysWhatToCheck() throws {
    try withTemporaryFolder { folder in
      // Given a ledger
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("missing/copy.sqlite").path

      // When it is backed up into a folder that does not exist
      let error = #expect(throws: ZhaoshangError.self) { try ledger.backup(to: file) }

      // Then the message names the file and what to check
      // in words, without SQLite's own message
      #expect(error?.text(.en) == "cannot write the backup \(file); check that its folder exists and is writable")
      #expect(error?.text(.zh) == "无法写入备份文件 \(file)；请检查目录是否存在、是否可写")
      guard case .storage = error else {
        Issue.record("a file that cannot be written is a storage failure (exit 74)")
        return
      }
    }
  }

  // MARK: Restore

  @Test func aBackupRestoresWhereThereIsNoLedger() throws {
    try withTemporaryFolder { folder in
      // Given a backup and no ledger at the target path
      let ledger = try makeLedger(in: folder)
      let copy = folder.appendingPathComponent("copy.sqlite").path
      try ledger.backup(to: copy)
      let target = folder.appendingPathComponent("restored.sqlite").path

      // When it is restored there
      let (restored, opened) = try Ledger.restore(from: copy, to: target)

      // Then the new ledger holds what the backup held
      #expect(restored.trips == 3)
      #expect(opened.upgrade == nil)
      #expect(try opened.trips() == ledger.trips())
    }
  }

  @Test func anExistingLedgerIsNotReplacedWithoutForceAndTheRefusalSaysWhatItHolds() throws {
    try withTemporaryFolder { folder in
      // Given a backup of 3 trips and a ledger that has 5 by now
      let ledger = try makeLedger(in: folder)
      let copy = folder.appendingPathComponent("copy.sqlite").path
      try ledger.backup(to: copy)
      try ledger.recordTrips(
        [
          located(try trip("朱坝街道", "王某", "2022-07-28"), line: 8),
          located(try trip("朱坝街道", "王某", "2022-07-29"), line: 9),
        ],
        rules: try TestRules.book(), today: try d("2022-08-01"), stamp: testStamp)

      // When the backup is restored over it without force
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: copy, to: ledger.path) }

      // Then it is refused, saying what the ledger holds and would lose
      #expect(
        error?.text(.en)
          == "the ledger \(ledger.path) exists (it holds 1 posts, 5 trips, 0 leave records, 0 explanations, last recorded \(testStamp.at)); restoring \(copy) (1 posts, 3 trips, 0 leave records, 0 explanations) would replace all of it, and that would be lost; nothing was changed. To replace it, keep a copy with `zhaoshang backup` first, then confirm and submit again"
      )
      #expect(
        error?.text(.zh)
          == "台账 \(ledger.path) 已存在（现有台账有 1 条任职记录、5 条外出记录、0 条请假记录、0 份情况说明，最后一次登记于 \(testStamp.at)），恢复将用 \(copy)（1 条任职记录、3 条外出记录、0 条请假记录、0 份情况说明）整体替换它，现有内容全部丢失；未做改动。如确要替换，请先用 zhaoshang backup 另存一份，再确认后重新提交"
      )
      #expect(try ledger.trips().count == 5)
    }
  }

  @Test func aLedgerThatCannotBeReadIsSaidToBeSo() throws {
    try withTemporaryFolder { folder in
      // Given a backup and, at the ledger's path, a file that is no database
      let ledger = try makeLedger(in: folder)
      let copy = folder.appendingPathComponent("copy.sqlite").path
      try ledger.backup(to: copy)
      let target = folder.appendingPathComponent("broken.sqlite").path
      try Data("garbage".utf8).write(to: URL(fileURLWithPath: target))

      // When the backup is restored there without force
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: copy, to: target) }

      // Then the refusal says the existing file cannot be read
      #expect(error?.text(.en).hasPrefix("the ledger \(target) exists (it cannot be read); restoring") == true)
      #expect(error?.text(.zh).hasPrefix("台账 \(target) 已存在（现有台账无法读取）") == true)
    }
  }

  @Test func forceReplacesTheLedgerWhileItIsOpen() throws {
    try withTemporaryFolder { folder in
      // Given a backup of 3 trips and a ledger, still open, that has 4 by now
      let ledger = try makeLedger(in: folder)
      let copy = folder.appendingPathComponent("copy.sqlite").path
      try ledger.backup(to: copy)
      try ledger.recordTrips(
        [located(try trip("朱坝街道", "王某", "2022-07-28"), line: 8)], rules: try TestRules.book(),
        today: try d("2022-08-01"), stamp: testStamp)

      // When the backup is restored over it with force
      let (restored, opened) = try Ledger.restore(from: copy, to: ledger.path, force: true)

      // Then the ledger holds the backup's trips, seen by the open connection too, and stays in WAL mode
      #expect(restored.trips == 3)
      #expect(try opened.trips().count == 3)
      #expect(try ledger.trips().count == 3)
      #expect(try ledger.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }
  }

  @Test func anOlderBackupIsUpgradedOnceRestored() throws {
    try withTemporaryFolder { folder in
      // Given the schema-1 fixture as a backup
      let target = folder.appendingPathComponent("ledger.sqlite").path

      // When it is restored
      let (restored, opened) = try Ledger.restore(from: SchemaFixtures.url(1).path, to: target)

      // Then it is restored at version 1, then upgraded behind a copy, and the fixture itself is untouched
      #expect(restored.schemaVersion == 1)
      #expect(opened.upgrade?.from == 1)
      #expect(opened.upgrade?.to == SchemaVersion.current)
      #expect(try opened.trips().count == 5)
      #expect(try Ledger.inspect(file: SchemaFixtures.url(1).path).schemaVersion == 1)
    }
  }

  @Test func aMissingBackupIsRefused() throws {
    try withTemporaryFolder { folder in
      let file = folder.appendingPathComponent("nope.sqlite").path
      let target = folder.appendingPathComponent("ledger.sqlite").path

      // When a file that does not exist is restored
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: file, to: target) }

      // Then it is refused and no ledger appears
      #expect(error?.text(.en) == "there is no file \(file); check the path")
      #expect(error?.text(.zh) == "找不到文件 \(file)；请检查路径")
      #expect(!FileManager.default.fileExists(atPath: target))
    }
  }

  @Test(arguments: ["text", "other database"])
  func aFileThatIsNoLedgerIsRefused(kind: String) throws {
    try withTemporaryFolder { folder in
      // Given a text file, or an SQLite database that zhaoshang did not make
      let file = folder.appendingPathComponent("other.sqlite").path
      if kind == "text" {
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: file))
      } else {
        let queue = try DatabaseQueue(path: file)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        try queue.close()
      }
      let target = folder.appendingPathComponent("ledger.sqlite").path

      // When it is restored
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: file, to: target) }

      // Then it is refused
      #expect(
        error?.text(.en)
          == "\(file) is not a zhaoshang ledger (it has no record of zhaoshang's schema); name a file written by `zhaoshang backup` or a ledger"
      )
      #expect(error?.text(.zh) == "\(file) 不是 zhaoshang 台账（没有 zhaoshang 的数据库结构记录）；请指定 zhaoshang backup 写出的文件或台账数据库")
      #expect(!FileManager.default.fileExists(atPath: target))
    }
  }

  @Test func aDamagedBackupIsRefused() throws {
    try withTemporaryFolder { folder in
      // Given a backup whose index lost its entry in the schema, leaving its page unused
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("damaged.sqlite").path
      try ledger.backup(to: file)
      let queue = try DatabaseQueue(path: file)
      try queue.writeWithoutTransaction { db in
        try db.execute(
          sql: """
            PRAGMA writable_schema = ON;
            DELETE FROM sqlite_schema WHERE name = 'trip_by_head';
            PRAGMA writable_schema = OFF;
            """)
      }
      try queue.close()
      let target = folder.appendingPathComponent("restored.sqlite").path

      // When it is restored
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: file, to: target) }

      // Then it is refused with what the integrity check found
      #expect(error?.text(.en).hasPrefix("\(file) is damaged: SQLite's integrity check reports \"") == true)
      #expect(error?.text(.en).hasSuffix("\"; use another backup") == true)
      #expect(error?.text(.zh).hasPrefix("\(file) 已损坏：SQLite 完整性检查报告「") == true)
      #expect(!FileManager.default.fileExists(atPath: target))
    }
  }

  @Test func aBackupFromANewerZhaoshangIsRefused() throws {
    try withTemporaryFolder { folder in
      // Given a backup that a newer zhaoshang made
      let ledger = try makeLedger(in: folder)
      let file = folder.appendingPathComponent("newer.sqlite").path
      try ledger.backup(to: file)
      let queue = try DatabaseQueue(path: file)
      let newer = SchemaVersion.current + 1
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(newer)") }
      try queue.close()

      // When it is restored
      let error = #expect(throws: ZhaoshangError.self) {
        try Ledger.restore(from: file, to: folder.appendingPathComponent("other.sqlite").path)
      }

      // Then it is refused, naming both versions
      #expect(
        error?.text(.en)
          == "the ledger \(file) was made by a newer zhaoshang (schema version \(newer)); this zhaoshang knows version \(SchemaVersion.current): upgrade zhaoshang"
      )
    }
  }

  @Test func theLedgerCannotBeRestoredFromItself() throws {
    try withTemporaryFolder { folder in
      let ledger = try makeLedger(in: folder)

      // When the ledger is named as its own backup
      let error = #expect(throws: ZhaoshangError.self) {
        try Ledger.restore(from: ledger.path, to: ledger.path, force: true)
      }

      // Then it is refused
      #expect(error?.text(.en) == "\(ledger.path) is the ledger itself; name the backup file to restore from")
      #expect(error?.text(.zh) == "\(ledger.path) 就是台账本身，无需恢复；请指定备份文件")
    }
  }

  @Test func aRestoreIntoAMissingFolderSaysWhatToCheck() throws {
    try withTemporaryFolder { folder in
      // Given a backup
      let ledger = try makeLedger(in: folder)
      let copy = folder.appendingPathComponent("copy.sqlite").path
      try ledger.backup(to: copy)
      let target = folder.appendingPathComponent("missing/ledger.sqlite").path

      // When it is restored into a folder that does not exist
      let error = #expect(throws: ZhaoshangError.self) { try Ledger.restore(from: copy, to: target) }

      // Then the message names both and what to check
      // in words, without SQLite's own message
      #expect(
        error?.text(.en) == "cannot restore \(copy) into the ledger \(target); check the path and its permissions")
      #expect(error?.text(.zh) == "无法把 \(copy) 恢复到台账 \(target)；请检查路径和文件权限")
    }
  }

  @Test func aLiveLedgerCanBeInspectedWithoutChangingIt() throws {
    try withTemporaryFolder { folder in
      // Given a ledger open in write-ahead-log mode
      let ledger = try makeLedger(in: folder)

      // When its file is inspected
      let file = try Ledger.inspect(file: ledger.path)

      // Then what it holds is read
      #expect(file.trips == 3)
      #expect(file.posts == 1)
      #expect(file.contents(.en) == "1 posts, 3 trips, 0 leave records, 0 explanations")
      #expect(file.contents(.zh) == "1 条任职记录、3 条外出记录、0 条请假记录、0 份情况说明")
    }
  }
}
