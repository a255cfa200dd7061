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

  /// Refuses a file made by a newer zhaoshang before the ledger's pool opens it: opening a pool writes to the file
  /// (GRDB switches it to WAL mode and makes sure the log exists), and such a file must be left as it was.
  ///
  /// Looks through a read-only connection; when that cannot read the file, says nothing and leaves it to `prepare`.
  static func refuseNewer(path: String, migrator: DatabaseMigrator) throws(ZhaoshangError) {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(10)
    guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return }
    defer { try? queue.close() }
    if case .newer(let version) = try? queue.read({ try standing(of: $0, migrator: migrator) }) {
      throw refusal(newer: version, known: migrator.migrations.count, path: path)
    }
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
    _ pool: DatabasePool, path: String, migrator: DatabaseMigrator, now: Date = Date(),
    restore: (_ backup: String, _ path: String) throws -> Void = Ledger.copyDatabase(at:over:)
  ) throws -> SchemaUpgrade? {
    let known = migrator.migrations.count
    let first = try pool.read { try standing(of: $0, migrator: migrator) }
    switch first {
    case .current:
      try stampUserVersion(pool, known: known)
      return nil
    case .newer(let version):
      throw refusal(newer: version, known: known, path: path)
    case .fresh, .older:
      break
    }
    // One process migrates at a time: two clerks opening an old ledger together must not both migrate it, nor
    // one put the backup back over the other's finished upgrade.
    let lock = try MigrationLock(beside: path)
    defer { lock.release() }
    switch try pool.read({ try standing(of: $0, migrator: migrator) }) {
    case .current:
      try stampUserVersion(pool, known: known)
      return nil
    case .newer(let version):
      throw refusal(newer: version, known: known, path: path)
    case .fresh:
      try migrator.migrate(pool)
      try stampUserVersion(pool, known: known)
      return nil
    case .older(let version):
      let backup = try backupPath(for: path, version: known, now: now)
      try pool.read { db in try Ledger.copyDatabase(from: db, to: backup) }
      do {
        try migrator.migrate(pool)
        try stampUserVersion(pool, known: known)
      } catch {
        try? pool.close()
        do {
          try restore(backup, path)
        } catch let restoring {
          throw ZhaoshangError.storage(
            Localized(
              "台账 \(path) 从结构版本 \(version) 升级到 \(known) 失败（\(error)），且未能用升级前的备份恢复（\(restoring)）；台账可能只升级了一半：请运行 zhaoshang restore \(backup) --db \(path) --force 恢复",
              "upgrading the ledger \(path) from schema version \(version) to \(known) failed (\(error)), and putting back the copy taken before failed too (\(restoring)); the ledger may be half upgraded: run `zhaoshang restore \(backup) --db \(path) --force`"
            ))
        }
        throw ZhaoshangError.storage(
          Localized(
            "台账 \(path) 从结构版本 \(version) 升级到 \(known) 失败（\(error)）；已用升级前的备份 \(backup) 恢复原状，台账未改动。请把这条信息告知 zhaoshang 的维护者",
            "upgrading the ledger \(path) from schema version \(version) to \(known) failed (\(error)); it was put back from the copy taken before, \(backup), so it is unchanged. Tell whoever maintains zhaoshang"
          ))
      }
      return SchemaUpgrade(from: version, to: known, backup: backup)
    }
  }

  /// Migrates a ledger that lives in memory: there is nothing older to keep.
  static func prepare(inMemory writer: any DatabaseWriter, migrator: DatabaseMigrator) throws {
    try migrator.migrate(writer)
    try stampUserVersion(writer, known: migrator.migrations.count)
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
