import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A ledger file as read without changing it: its schema version and how much it holds.
public struct LedgerFile: Sendable, Equatable {
  public let path: String
  public let schemaVersion: Int
  public let posts: Int
  public let trips: Int
  public let leave: Int
  public let explanations: Int
  /// The latest time a post or trip was recorded, as stamped; nil for an empty ledger.
  public let lastRecordedAt: String?

  /// "3 posts, 120 trips, 2 leave records, 1 explanation", for messages.
  public func contents(_ language: Language) -> String {
    language.pick(
      "\(posts) 条任职记录、\(trips) 条外出记录、\(leave) 条请假记录、\(explanations) 份情况说明",
      "\(posts) posts, \(trips) trips, \(leave) leave records, \(explanations) explanations")
  }
}

extension Ledger {
  // MARK: Backup and restore

  /// Writes a consistent copy of the ledger to `file` with SQLite's online backup: other commands may keep
  /// writing meanwhile; the copy is the ledger as it stood when the copy began.
  ///
  /// - Parameter force: replace `file` when it exists; without it an existing file is refused.
  /// - Returns: the copy, read back and checked.
  @discardableResult
  public func backup(to file: String, force: Bool = false) throws(ZhaoshangError) -> LedgerFile {
    try backup(to: file, force: force, copy: Self.copyDatabase(from:to:))
  }

  /// `backup` with the copying step: tests make it fail as a full disk would.
  ///
  /// The copy is written under a temporary name in the target's folder, synced, checked, and only then renamed
  /// to `file`: a full disk or a killed backup leaves no file under that name to block the retry, and never
  /// touches a previous backup `--force` would replace.
  func backup(to file: String, force: Bool, copy: (Database, String) throws -> Void) throws(ZhaoshangError)
    -> LedgerFile
  {
    guard !Self.sameFile(file, path) else {
      throw .refused(
        Localized(
          "备份文件 \(file) 就是台账本身；请另选一个文件名",
          "\(file) is the ledger itself; name another file for the backup"))
    }
    if FileManager.default.fileExists(atPath: file) && !force {
      throw .refused(
        Problem(
          .fileExists,
          Localized(
            "备份文件 \(file) 已存在，未覆盖；请另选文件名，", "\(file) already exists and was left as it is; name another file, "),
          remedy: Remedy(Localized("或{action} 覆盖它", "or {action} to replace it"), .insist)))
    }
    try read { db in
      do {
        try Self.writeCopy(from: db, to: file, copy: copy)
      } catch let error as ZhaoshangError {
        throw error
      } catch {
        throw ZhaoshangError.storage(
          Self.isDiskError(error)
            ? Localized(
              "写入备份文件 \(file) 时磁盘出错（空间已满或读写失败），未写出备份，原有文件未动；请检查磁盘后重试",
              "a disk error while writing the backup \(file) (full or failing): no backup was written and any file already there is as it was; check the disk and try again"
            )
            : Localized(
              "无法写入备份文件 \(file)；请检查目录是否存在、是否可写",
              "cannot write the backup \(file); check that its folder exists and is writable"))
      }
    }
    return try Self.inspect(file: file)
  }

  /// Puts the ledger file `file` (a backup) in place of the ledger at `path`, then opens it, upgrading an older
  /// schema as `open` does.
  ///
  /// `file` must be a zhaoshang ledger that passes SQLite's integrity check and that this zhaoshang can read. An
  /// existing ledger at `path` is replaced only with `force`; without it the refusal says what it holds.
  ///
  /// - Returns: what was restored, and the ledger as opened afterwards.
  public static func restore(from file: String, to path: String, force: Bool = false) throws(ZhaoshangError)
    -> (restored: LedgerFile, ledger: Ledger)
  {
    guard !sameFile(file, path) else {
      throw .refused(
        Localized(
          "\(file) 就是台账本身，无需恢复；请指定备份文件", "\(file) is the ledger itself; name the backup file to restore from"))
    }
    let restored = try inspect(file: file)
    if FileManager.default.fileExists(atPath: path) && !force {
      let held: Localized
      if let current = try? inspect(file: path) {
        let zhLast = current.lastRecordedAt.map { "，最后一次登记于 \($0)" } ?? ""
        let enLast = current.lastRecordedAt.map { ", last recorded \($0)" } ?? ""
        held = Localized(
          "现有台账有 \(current.contents(.zh))\(zhLast)", "it holds \(current.contents(.en))\(enLast)")
      } else {
        held = Localized("现有台账无法读取", "it cannot be read")
      }
      throw .refused(
        Problem(
          .fileExists,
          Localized(
            "台账 \(path) 已存在（\(held.zh)），恢复将用 \(file)（\(restored.contents(.zh))）整体替换它，现有内容全部丢失；未做改动。如确要替换，请先用 zhaoshang backup 另存一份，",
            "the ledger \(path) exists (\(held.en)); restoring \(file) (\(restored.contents(.en))) would replace all of it, and that would be lost; nothing was changed. To replace it, keep a copy with `zhaoshang backup` first, "
          ),
          remedy: Remedy(Localized("再{action}", "then {action}"), .insist)))
    }
    do {
      try copyDatabase(at: file, over: path)
    } catch {
      throw .storage(
        isDiskError(error)
          ? Localized(
            "把 \(file) 恢复到台账 \(path) 时磁盘出错（空间已满或读写失败）；请检查磁盘后重试",
            "a disk error while restoring \(file) into the ledger \(path) (full or failing); check the disk and try again"
          )
          : Localized(
            "无法把 \(file) 恢复到台账 \(path)；请检查路径和文件权限",
            "cannot restore \(file) into the ledger \(path); check the path and its permissions"))
    }
    return (restored, try open(at: path))
  }

  /// Whether copying failed on a full or failing disk; any other failure is told in the clerk's words as a path
  /// to check, never in SQLite's.
  static func isDiskError(_ error: any Error) -> Bool {
    if let failure = error as? CopyFailure { return failure.isDisk }
    let code = (error as? DatabaseError)?.resultCode
    return code == .SQLITE_FULL || code == .SQLITE_IOERR
  }

  /// Reads a ledger file without changing it: refuses a file that is not a zhaoshang ledger, fails SQLite's
  /// integrity check, or was made by a newer zhaoshang.
  public static func inspect(file: String) throws(ZhaoshangError) -> LedgerFile {
    guard FileManager.default.fileExists(atPath: file) else {
      throw .refused(Localized("找不到文件 \(file)；请检查路径", "there is no file \(file); check the path"))
    }
    // A copy whose rollback journal lies beside it was cut short while being written (by an older zhaoshang's
    // backup, or another program): it is not a backup, and reading it read-only cannot finish or undo it.
    if (LedgerFileCheck.fileSize(file + "-journal") ?? 0) > 0 {
      throw .refused(
        Localized(
          "\(file) 是没有写完的副本（旁边留有日志文件 \(file)-journal），不是完整的备份；请换一份备份",
          "\(file) is a copy that was never finished (its journal \(file)-journal lies beside it), not a whole backup; use another backup"
        ))
    }
    let notALedger = ZhaoshangError.refused(
      Localized(
        "\(file) 不是 zhaoshang 台账（没有 zhaoshang 的数据库结构记录）；请指定 zhaoshang backup 写出的文件或台账数据库",
        "\(file) is not a zhaoshang ledger (it has no record of zhaoshang's schema); name a file written by `zhaoshang backup` or a ledger"
      ))
    func damaged(_ report: String) -> ZhaoshangError {
      .refused(
        Localized(
          "\(file) 已损坏：SQLite 完整性检查报告「\(report)」；请换一个备份",
          "\(file) is damaged: SQLite's integrity check reports \"\(report)\"; use another backup"))
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(10)
    let migrator = Schema.migrator
    do {
      let queue = try DatabaseQueue(path: file, configuration: configuration)
      defer { try? queue.close() }
      return try queue.read { db in
        let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard problems == ["ok"] else { throw damaged(problems.first ?? "") }
        let version: Int
        switch try SchemaVersion.standing(of: db, migrator: migrator) {
        case .fresh: throw notALedger
        case .newer(let newer): throw SchemaVersion.refusal(newer: newer, known: migrator.migrations.count, path: file)
        case .older(let older): version = older
        case .current: version = migrator.migrations.count
        }
        func count(_ table: String) throws -> Int {
          try db.tableExists(table) ? Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 : 0
        }
        let last = try String.fetchOne(
          db,
          sql:
            "SELECT max(at) FROM (SELECT max(recorded_at) AS at FROM trip UNION ALL SELECT max(recorded_at) FROM post)")
        return LedgerFile(
          path: file, schemaVersion: version, posts: try count("post"), trips: try count("trip"),
          leave: try count("leave"), explanations: try count("explanation"), lastRecordedAt: last)
      }
    } catch let error as ZhaoshangError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
      throw damaged(error.message ?? "\(error)")
    } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_ERROR].contains(error.resultCode) {
      // Not SQLite at all, or SQLite without the tables a ledger has.
      throw notALedger
    } catch {
      throw translate(error, path: file)
    }
  }

  // MARK: Plumbing

  /// Writes a copy of the database `db` reads to `path` whole or not at all: to a temporary name in the same
  /// folder, synced to the disk, checked with SQLite's integrity check, then renamed over `path`. On any failure
  /// the temporary file and its journal are removed and `path` is left as it was.
  static func writeCopy(
    from db: Database, to path: String, copy: (Database, String) throws -> Void = copyDatabase(from:to:)
  ) throws {
    let folder = LedgerFileCheck.folderOf(path)
    let name = (path as NSString).lastPathComponent
    let temporary = (folder as NSString).appendingPathComponent(".\(name).partial-\(getpid())")
    let suffixes = ["", "-journal", "-wal", "-shm"]
    for suffix in suffixes { unlink(temporary + suffix) }
    removeAbandonedCopies(of: name, in: folder)
    do {
      try copy(db, temporary)
      try LedgerFileCheck.sync(temporary)
      try checkCopy(temporary, for: path)
      guard rename(temporary, path) == 0 else { throw CopyFailure(code: errno) }
      try? LedgerFileCheck.sync(folder)
    } catch {
      for suffix in suffixes { unlink(temporary + suffix) }
      throw error
    }
  }

  /// Removes temporary copies to the same name left by copies that were killed: their process is gone.
  static func removeAbandonedCopies(of name: String, in folder: String) {
    let prefix = ".\(name).partial-"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      let digits = entry.dropFirst(prefix.count).prefix { $0.isNumber }
      guard let pid = Int32(digits), kill(pid, 0) != 0, errno == ESRCH else { continue }
      unlink((folder as NSString).appendingPathComponent(entry))
    }
  }

  /// A failure of the file system while a copy is finished (syncing, renaming), as errno reports it.
  struct CopyFailure: Error {
    let code: Int32
    /// Whether the disk is full or failing rather than a path to check.
    var isDisk: Bool { [ENOSPC, EIO, EDQUOT].contains(code) }
  }

  /// Refuses a copy that does not read back whole.
  static func checkCopy(_ temporary: String, for path: String) throws {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: temporary, configuration: configuration)
    defer { try? queue.close() }
    let problems = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    guard problems == ["ok"] else {
      throw ZhaoshangError.storage(
        Localized(
          "写出的副本 \(path) 未通过 SQLite 完整性检查，已删除；台账本身可能已损坏：请运行 zhaoshang verify 检查",
          "the copy written to \(path) failed SQLite's integrity check and was removed; the ledger itself may be damaged: run `zhaoshang verify`"
        ))
    }
  }

  /// Copies the database `db` reads into the file at `path` (created, or overwritten in one transaction).
  static func copyDatabase(from db: Database, to path: String) throws {
    let destination = try DatabaseQueue(path: path)
    try destination.writeWithoutTransaction { try db.backup(to: $0) }
    try destination.close()
    // The copy's header still marks the ledger's write-ahead log; a backup is one file on its own, so switch it
    // to a rollback journal. Only a new connection sees the mark, and only it can switch.
    let reopened = try DatabaseQueue(path: path)
    try reopened.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
    try reopened.close()
  }

  /// Writes the database file at `source` over the one at `path` through SQLite, so processes that have `path`
  /// open see either the old database or the copy, and its write-ahead log stays right.
  static func copyDatabase(at source: String, over path: String) throws {
    var readOnly = Configuration()
    readOnly.readonly = true
    let from = try DatabaseQueue(path: source, configuration: readOnly)
    var waiting = Configuration()
    waiting.busyMode = .timeout(10)
    let to = try DatabaseQueue(path: path, configuration: waiting)
    try from.backup(to: to)
    try to.close()
    try from.close()
  }

  /// Whether two paths name the same file, through links and relative paths.
  static func sameFile(_ one: String, _ other: String) -> Bool {
    if let first = try? FileManager.default.attributesOfItem(atPath: one),
      let second = try? FileManager.default.attributesOfItem(atPath: other),
      let firstNumber = first[.systemFileNumber] as? Int, let secondNumber = second[.systemFileNumber] as? Int,
      let firstDevice = first[.systemNumber] as? Int, let secondDevice = second[.systemNumber] as? Int
    {
      return firstNumber == secondNumber && firstDevice == secondDevice
    }
    return URL(fileURLWithPath: one).standardizedFileURL.resolvingSymlinksInPath().path
      == URL(fileURLWithPath: other).standardizedFileURL.resolvingSymlinksInPath().path
  }
}
