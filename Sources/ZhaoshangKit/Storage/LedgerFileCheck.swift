import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a file must be before zhaoshang opens it as a ledger, looked at without writing to it.
///
/// Opening a pool writes (GRDB switches the file to WAL mode, the migrations add their tables), so a file that
/// is not a ledger must be refused before: another SQLite database, an empty file, a file that is not SQLite at
/// all, a ledger with a second name (a hard link: each name would get its own write-ahead log, and writes
/// through both would be lost), or one made by a newer zhaoshang.
enum LedgerFileCheck {
  /// The first 16 bytes of every SQLite database file.
  static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

  /// A look at the file through a read-only connection: its standing, and the connection for reading.
  struct Probe {
    let standing: SchemaVersion.Standing
    let queue: DatabaseQueue
  }

  /// Refuses a file that is not a ledger zhaoshang may open, and returns what a read-only look found; nil when
  /// a read-only connection cannot read it (the pool's own open then says why).
  static func admit(path: String, migrator: DatabaseMigrator) throws(ZhaoshangError) -> Probe? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw notAFile(path) }
    if info.st_nlink > 1 { throw secondName(path, links: Int(info.st_nlink)) }
    let walSize = fileSize(path + "-wal") ?? 0
    if info.st_size == 0 && walSize == 0 { throw empty(path) }
    if info.st_size > 0 {
      guard let header = firstBytes(path, count: sqliteHeader.count) else { return nil }
      guard header == sqliteHeader else { throw notSQLite(path) }
    }
    restoreSidecarPermissions(path, ledger: info)
    guard let queue = readOnlyQueue(path) else { return nil }
    let look: (isLedger: Bool, standing: SchemaVersion.Standing)
    do {
      look = try queue.read { db in
        (try db.tableExists("grdb_migrations"), try SchemaVersion.standing(of: db, migrator: migrator))
      }
    } catch {
      try? queue.close()
      if let error = error as? DatabaseError, error.resultCode == .SQLITE_NOTADB { throw notSQLite(path) }
      return nil
    }
    guard look.isLedger else {
      try? queue.close()
      throw foreign(path)
    }
    if case .newer(let version) = look.standing {
      try? queue.close()
      throw SchemaVersion.refusal(newer: version, known: migrator.migrations.count, path: path)
    }
    return Probe(standing: look.standing, queue: queue)
  }

  /// A read-only connection that has read the schema, or nil.
  ///
  /// On a read-only folder SQLite cannot make the write-ahead log's index (`-shm`) and refuses to open a WAL
  /// ledger; when there is no log holding unfinished changes, the file alone is the whole ledger and is read as
  /// immutable.
  static func readOnlyQueue(_ path: String) -> DatabaseQueue? {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(10)
    configuration.foreignKeysEnabled = true
    if let queue = try? DatabaseQueue(path: path, configuration: configuration),
      (try? queue.read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") })) != nil
    {
      return queue
    }
    guard (fileSize(path + "-wal") ?? 0) == 0, !isWritable(folderOf(path)),
      let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
    else { return nil }
    guard let queue = try? DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: configuration),
      (try? queue.read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") })) != nil
    else { return nil }
    return queue
  }

  /// Gives a `-shm` or `-wal` that lost its owner's write permission the ledger's own permissions back.
  ///
  /// SQLite creates them with the ledger's mode: a command run while the ledger was read-only leaves a read-only
  /// `-shm` behind, and once the ledger is writable again SQLite cannot use that `-shm`, so every command would
  /// fail until someone deleted it by hand. Only the mode changes, never the content, and only for files this
  /// user owns.
  static func restoreSidecarPermissions(_ path: String, ledger: stat) {
    let ledgerWritable = ledger.st_mode & S_IWUSR != 0
    guard ledgerWritable else { return }
    for suffix in ["-shm", "-wal"] {
      var sidecar = stat()
      guard stat(path + suffix, &sidecar) == 0, sidecar.st_uid == geteuid(), sidecar.st_mode & S_IWUSR == 0 else {
        continue
      }
      chmod(path + suffix, ledger.st_mode & 0o666)
    }
  }

  /// The path with symbolic links and `.`/`..` resolved, so that every name of one file keys one lock.
  static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The path to name files kept beside the ledger by: its real path when `path` is a symbolic link, else
  /// `path` as given (so messages name the ledger as the clerk typed it).
  static func besideItself(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
    return realPath(path)
  }

  /// Flushes a file (or a folder's entries) to the disk, so a rename never points at data still in memory.
  static func sync(_ path: String) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Ledger.CopyFailure(code: errno) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw Ledger.CopyFailure(code: errno) }
  }

  static func fileSize(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  static func folderOf(_ path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }

  static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

  private static func firstBytes(_ path: String, count: Int) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: count) else { return nil }
    return Array(data)
  }

  // MARK: Refusals

  private static func notAFile(_ path: String) -> ZhaoshangError {
    .refused(
      Localized(
        "\(path) 不是文件（可能是文件夹），不能作为台账；请用 --db 指定台账数据库文件",
        "\(path) is not a file (a folder, perhaps), so it cannot be a ledger; pass --db with the ledger's file"))
  }

  private static func secondName(_ path: String, links: Int) -> ZhaoshangError {
    .refused(
      Localized(
        "台账 \(path) 有 \(links) 个名字（硬链接）；通过不同名字同时写入会丢失记录、损坏台账，未做任何改动。请删去多余的名字（用 ls -li 按 inode 号查找），只保留一个",
        "the ledger \(path) has \(links) names (hard links); writing through two names at once loses records and damages the ledger, so nothing was done. Remove the other names (find them with `ls -li` by inode number) and keep one"
      ))
  }

  private static func empty(_ path: String) -> ZhaoshangError {
    .refused(
      Localized(
        "\(path) 是空文件，不是 zhaoshang 台账，未做任何改动；请检查 --db。若它是中断的 zhaoshang init 留下的，删除它后重新运行 zhaoshang init",
        "\(path) is an empty file, not a zhaoshang ledger, and was left untouched; check --db. If an interrupted `zhaoshang init` left it, delete it and run `zhaoshang init` again"
      ))
  }

  private static func notSQLite(_ path: String) -> ZhaoshangError {
    .refused(
      Localized(
        "\(path) 不是 zhaoshang 台账（根本不是数据库文件），未做任何改动；请检查 --db 指向的文件",
        "\(path) is not a zhaoshang ledger (it is not a database file at all) and was left untouched; check the file --db names"
      ))
  }

  private static func foreign(_ path: String) -> ZhaoshangError {
    .refused(
      Localized(
        "\(path) 是别的 SQLite 数据库，不是 zhaoshang 台账（没有 zhaoshang 的数据库结构记录），未做任何改动；请检查 --db，或用 zhaoshang init --db 新文件 新建台账",
        "\(path) is another SQLite database, not a zhaoshang ledger (it has no record of zhaoshang's migrations), and was left untouched; check --db, or start a ledger with `zhaoshang init --db NEW-FILE`"
      ))
  }
}
