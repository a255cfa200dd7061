import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The ledger's schema version: the number of named migrations, mirrored in `PRAGMA user_version`.
public enum SchemaVersion {
  /// The version this zhaoshang writes.
  public static var current: Int { Schema.migrator.migrations.count }

  /// How a database file stands against the migrations a zhaoshang knows.
  enum Standing: Equatable {
    /// Every known migration applied, and nothing else.
    case current
    /// No migration applied: a new file.
    case fresh
    /// The first `version` migrations applied, later ones missing: made by an older zhaoshang.
    case older(version: Int)
    /// Applied migrations this zhaoshang does not know, or a higher `user_version`: made by a newer zhaoshang.
    case newer(version: Int)
  }

  static func standing(of db: Database, migrator: DatabaseMigrator) throws -> Standing {
    let known = migrator.migrations
    let applied = try migrator.appliedIdentifiers(db)
    let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    let unknown = applied.subtracting(known)
    if !unknown.isEmpty || userVersion > known.count {
      // A newer zhaoshang applied at least one more migration than we know, even when its user_version is unset.
      return .newer(version: max(userVersion, applied.count, known.count + 1))
    }
    if applied.isEmpty { return .fresh }
    let completed = try migrator.completedMigrations(db).count
    return completed == known.count ? .current : .older(version: completed)
  }

  static func refusal(newer version: Int, known: Int, path: String) -> ZhaoshangError {
    .refused(
      Localized(
        "台账 \(path) 由更新版本的 zhaoshang 创建（数据库结构版本 \(version)）；本程序只认识到版本 \(known)：请升级 zhaoshang",
        "the ledger \(path) was made by a newer zhaoshang (schema version \(version)); this zhaoshang knows version \(known): upgrade zhaoshang"
      ))
  }

  /// Brings the file's schema to the migrator's last migration, or refuses a file made by a newer zhaoshang.
  ///
  /// GRDB runs each migration in a transaction of its own and cannot nest them in one, so an upgrade of several
  /// migrations is made all-or-nothing by a copy instead: the file is first backed up beside itself; if any
  /// migration fails, the pool is closed and the copy is written back over the file. A crash between two
  /// migrations leaves the file at an intermediate version that the next open carries on from.
  ///
  /// - Returns: the upgrade made, or nil when the file was current or new.
  static func prepare(
    _ pool: DatabasePool, path: String, migrator: DatabaseMigrator, create: Bool = true, now: Date = Date(),
    restore: (_ backup: String, _ path: String) throws -> Void = Ledger.copyDatabase(at:over:)
  ) throws -> SchemaUpgrade? {
    let known = migrator.migrations.count
    let first = try pool.read { try standing(of: $0, migrator: migrator) }
    switch first {
    case .current:
      try finishTallies(pool, migrator: migrator)
      try stampUserVersion(pool, known: known)
      return nil
    case .newer(let version):
      throw refusal(newer: version, known: known, path: path)
    case .fresh where !create:
      // Checked before the pool opened it (LedgerFileCheck); kept here so no path ever migrates a file that
      // `init` is not creating.
      throw ZhaoshangError.refused(
        Localized(
          "\(path) 不是 zhaoshang 台账（没有 zhaoshang 的数据库结构记录）；请检查 --db，或用 zhaoshang init 新建台账",
          "\(path) is not a zhaoshang ledger (it has no record of zhaoshang's migrations); check --db, or start one with `zhaoshang init`"
        ))
    case .fresh, .older:
      break
    }
    // One process migrates at a time: two clerks opening an old ledger together must not both migrate it, nor
    // one put the backup back over the other's finished upgrade. The lock is keyed on the file itself, not on the
    // name it was opened by, so a symbolic link and the real path wait for each other.
    let lock = try MigrationLock(beside: LedgerFileCheck.realPath(path))
    defer { lock.release() }
    switch try pool.read({ try standing(of: $0, migrator: migrator) }) {
    case .current:
      try finishTallies(pool, migrator: migrator)
      try stampUserVersion(pool, known: known)
      return nil
    case .newer(let version):
      throw refusal(newer: version, known: known, path: path)
    case .fresh:
      try migrator.migrate(pool)
      try finishTallies(pool, migrator: migrator)
      try stampUserVersion(pool, known: known)
      return nil
    case .older(let version):
      // Beside the file itself: opened through a symbolic link, the copy would otherwise land beside the link.
      let backup = try backupPath(for: LedgerFileCheck.besideItself(path), version: known, now: now)
      // Written whole or not at all (Ledger.writeCopy): a copy cut short by a full disk or a kill must never
      // lie beside the ledger looking like a backup.
      do {
        try pool.read { db in try Ledger.writeCopy(from: db, to: backup) }
      } catch {
        throw ZhaoshangError.storage(
          Localized(
            "台账 \(path) 需要从结构版本 \(version) 升级到 \(known)，但升级前的备份 \(backup) 没能写出（\(reason(error).zh)）；台账未改动。请检查磁盘空间和目录权限后重试",
            "the ledger \(path) needs upgrading from schema version \(version) to \(known), but the copy to keep from before, \(backup), could not be written (\(reason(error).en)); the ledger is unchanged. Check the disk's free space and the folder's permissions, then try again"
          ))
      }
      do {
        try migrator.migrate(pool)
        try finishTallies(pool, migrator: migrator)
        try stampUserVersion(pool, known: known)
      } catch {
        try? pool.close()
        do {
          try restore(backup, path)
        } catch let restoring {
          throw ZhaoshangError.storage(
            Localized(
              "台账 \(path) 从结构版本 \(version) 升级到 \(known) 失败（\(reason(error).zh)），且未能用升级前的备份恢复（\(reason(restoring).zh)）；台账可能只升级了一半：请运行 zhaoshang restore \(backup) --db \(path) --force 恢复",
              "upgrading the ledger \(path) from schema version \(version) to \(known) failed (\(reason(error).en)), and putting back the copy taken before failed too (\(reason(restoring).en)); the ledger may be half upgraded: run `zhaoshang restore \(backup) --db \(path) --force`"
            ))
        }
        throw ZhaoshangError.storage(
          Localized(
            "台账 \(path) 从结构版本 \(version) 升级到 \(known) 失败（\(reason(error).zh)）；已用升级前的备份 \(backup) 恢复原状，台账未改动。请把这条信息告知 zhaoshang 的维护者",
            "upgrading the ledger \(path) from schema version \(version) to \(known) failed (\(reason(error).en)); it was put back from the copy taken before, \(backup), so it is unchanged. Tell whoever maintains zhaoshang"
          ))
      }
      return SchemaUpgrade(from: version, to: known, backup: backup)
    }
  }

  /// Why a step of an upgrade failed, in a clerk's words: a full or failing disk, a permission, or, for errors
  /// that are not SQLite's (a migration's own), their description. SQLite's raw text never reaches a clerk.
  static func reason(_ error: any Error) -> Localized {
    if let error = error as? ZhaoshangError { return Localized(error.text(.zh), error.text(.en)) }
    if Ledger.isDiskError(error) { return Localized("磁盘已满或读写失败", "the disk is full or failing") }
    if let error = error as? DatabaseError {
      switch error.resultCode {
      case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
        return Localized("文件或目录不可写", "the file or its folder cannot be written")
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        return Localized("台账正被其他程序占用", "another program holds the ledger")
      default:
        return Localized("数据库出错", "a database error")
      }
    }
    return Localized("\(error)", "\(error)")
  }

  /// Migrates a ledger that lives in memory: there is nothing older to keep.
  static func prepare(inMemory writer: any DatabaseWriter, migrator: DatabaseMigrator) throws {
    try migrator.migrate(writer)
    try stampUserVersion(writer, known: migrator.migrations.count)
  }

  /// Counts the kept tallies (`trip_month_tally`) from the trips when the file's `user_version` is from before the
  /// migration that made the table: the tallies are derived, and the table is empty when made. The version is
  /// stamped only after this, so an upgrade killed between the migration's commit and the count's finds the
  /// version still old at the next open, which counts again: no read ever finds the table behind the trips.
  private static func finishTallies(_ writer: any DatabaseWriter, migrator: DatabaseMigrator) throws {
    guard let index = migrator.migrations.firstIndex(of: Schema.talliesMigration) else { return }
    let stamped = try writer.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    guard stamped <= index else { return }
    try writer.write { try KeptTallies.rebuild(in: $0) }
  }

  /// Mirrors the version in `user_version`, where sqlite3 and other tools can read it; written only when it differs.
  private static func stampUserVersion(_ writer: any DatabaseWriter, known: Int) throws {
    let stamped = try writer.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    guard stamped != known else { return }
    try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(known)") }
  }

  /// `<db>.before-v<new>-<yyyyMMdd-HHmmss>.sqlite`, with `-2`, `-3`, ... when that name is taken.
  static func backupPath(for path: String, version: Int, now: Date) throws -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = .current
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let stem = "\(path).before-v\(version)-\(formatter.string(from: now))"
    var candidate = stem + ".sqlite"
    var number = 1
    while FileManager.default.fileExists(atPath: candidate) {
      number += 1
      candidate = "\(stem)-\(number).sqlite"
    }
    return candidate
  }
}

/// An upgrade made when a ledger was opened: from which schema version, to which, and the copy kept from before.
public struct SchemaUpgrade: Sendable, Equatable {
  public let from: Int
  public let to: Int
  /// The copy of the ledger as it was before the upgrade, beside it.
  public let backup: String
}

/// An exclusive lock held by one process while it migrates a ledger: `flock` on `<db>.migrating`.
///
/// The database file itself is not locked this way: closing any descriptor of it would drop SQLite's own locks.
final class MigrationLock {
  private let descriptor: Int32
  private let path: String

  init(beside databasePath: String) throws(ZhaoshangError) {
    path = databasePath + ".migrating"
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw Self.failure(path: path) }
      var locked = flock(descriptor, LOCK_EX)
      while locked != 0 && errno == EINTR { locked = flock(descriptor, LOCK_EX) }
      guard locked == 0 else {
        close(descriptor)
        throw Self.failure(path: path)
      }
      // The holder before us removes the file when done; a lock on a removed file guards nothing, so lock again.
      var held = stat()
      var named = stat()
      if fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino,
        held.st_dev == named.st_dev
      {
        self.descriptor = descriptor
        return
      }
      close(descriptor)
    }
  }

  /// Removes the file, then unlocks: a process waiting on it sees the file gone and locks a new one.
  func release() {
    unlink(path)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  private static func failure(path: String) -> ZhaoshangError {
    let reason = String(cString: strerror(errno))
    return .storage(
      Localized(
        "无法创建升级台账所需的锁文件 \(path)（\(reason)）；请检查台账所在目录是否可写",
        "cannot create the lock file \(path) needed to upgrade the ledger (\(reason)); check that the ledger's folder is writable"
      ))
  }
}
