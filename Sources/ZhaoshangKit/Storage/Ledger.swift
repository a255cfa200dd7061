import Foundation
import GRDB

/// The office's ledger: roster and trips in one SQLite database, written only through invariant-keeping methods.
public final class Ledger: Sendable {
  let writer: any DatabaseWriter
  /// The database file, or `:memory:`.
  public let path: String
  /// The schema upgrade made when the ledger was opened, with the copy kept from before; nil when none was needed.
  public let upgrade: SchemaUpgrade?

  private init(writer: any DatabaseWriter, path: String, upgrade: SchemaUpgrade? = nil) {
    self.writer = writer
    self.path = path
    self.upgrade = upgrade
  }

  /// Closes the ledger's connections now rather than when its last reference goes, which may be on another thread
  /// after the command has ended (a store handed to async work): the file is left as SQLite leaves it closed,
  /// without -wal or -shm beside it. Nothing may use the ledger afterwards.
  public func close() {
    // The read-only connections first: the last connection to close ends the write-ahead log only if it can
    // write, so the writer must be the last.
    (writer as? DatabasePool)?.invalidateReadOnlyConnections()
    try? writer.close()
  }

  /// Opens the ledger at `path`; creates it only when `create` is true, so a mistyped path is not a new empty ledger.
  ///
  /// A file that is not a ledger (another SQLite database, an empty file, anything else) or that has a second
  /// name (a hard link) is refused and left untouched. A ledger made by an older zhaoshang is upgraded after a
  /// copy is written beside it; one made by a newer zhaoshang is refused (see `SchemaVersion`).
  ///
  /// - Parameter readOnly: the command only reads: a current ledger that cannot be written (a read-only file,
  ///   folder or mount) is opened through a read-only connection instead of failing.
  public static func open(at path: String, create: Bool = false, readOnly: Bool = false) throws(ZhaoshangError)
    -> Ledger
  {
    try open(at: path, create: create, readOnly: readOnly, migrator: Schema.migrator)
  }

  /// `open` with the migrations to bring the file to: tests add a failing one.
  static func open(at path: String, create: Bool, readOnly: Bool = false, migrator: DatabaseMigrator)
    throws(ZhaoshangError) -> Ledger
  {
    let exists = FileManager.default.fileExists(atPath: path)
    guard exists || create else {
      throw .refused(
        Localized(
          "找不到台账数据库 \(path)；请先运行 zhaoshang init 创建，或用 --db 指定已有的数据库",
          "no ledger at \(path); run `zhaoshang init` to create one, or pass --db with an existing ledger"))
    }
    if exists, let probe = try LedgerFileCheck.admit(path: path, migrator: migrator) {
      // Only where the ledger cannot be written: a read-only connection cannot end the write-ahead log, and would
      // leave its -wal and -shm beside a ledger that closes cleanly when opened the ordinary way.
      let writable = LedgerFileCheck.isWritable(path) && LedgerFileCheck.isWritable(LedgerFileCheck.folderOf(path))
      if readOnly && !writable && probe.standing == .current { return Ledger(writer: probe.queue, path: path) }
      try? probe.queue.close()
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(busyTimeout)
    configuration.foreignKeysEnabled = true
    // Statement journals (which undo one statement inside a transaction) stay in memory: an import otherwise
    // writes pages to a temporary file for every row. Set before any transaction begins, as SQLite requires;
    // durability is unaffected. Every commit is synced to the disk before a command reports it (FULL), whether it
    // went through the write-ahead log or a rollback journal (`ImportJournal`): said, not left to how the
    // machine's SQLite was built, whose default this is on Debian's.
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      let pool = try openPool(path: path, configuration: configuration)
      let upgrade = try SchemaVersion.prepare(pool, path: path, migrator: migrator, create: create || !exists)
      return Ledger(writer: pool, path: path, upgrade: upgrade)
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw translate(error, path: path)
    }
  }

  /// The ledger's pool, waiting as long as the busy timeout while another program holds the file. Opening a
  /// ledger not in write-ahead-log mode (a new file, a restored backup, an older zhaoshang's, one whose import
  /// was cut short while it had the ledger alone, see `ImportJournal`) switches it to that mode, which takes the
  /// file for a moment; SQLite answers another program opening it meanwhile at once, without waiting as it waits
  /// for a write, and that clerk would be told the ledger was held too long.
  static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
    let deadline = Date().addingTimeInterval(busyTimeout)
    while true {
      do {
        return try DatabasePool(path: path, configuration: configuration)
      } catch let error as DatabaseError
        where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline
      {
        Thread.sleep(forTimeInterval: 0.02)
      }
    }
  }

  /// How long a command waits for another program that holds the ledger, in seconds.
  static let busyTimeout: TimeInterval = 10

  /// A ledger that lives in memory only: for tests and the demo.
  public static func inMemory() throws(ZhaoshangError) -> Ledger {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    do {
      let queue = try DatabaseQueue(configuration: configuration)
      try SchemaVersion.prepare(inMemory: queue, migrator: Schema.migrator)
      return Ledger(writer: queue, path: ":memory:")
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw translate(error, path: ":memory:")
    }
  }

  // MARK: Roster

  /// Adds roster entries in one transaction: all are written, or none when any breaks a rule.
  ///
  /// - Parameters:
  ///   - carrying: problems already found in the entries' file, reported with the ledger's own.
  ///   - dryRun: check everything and report what would be added, but write nothing.
  ///   - amendment: leave to change closed months the new posts overlap; without it such entries are refused.
  @discardableResult
  public func addPosts(
    _ entries: [Located<Post>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem] = [], dryRun: Bool = false,
    amendment: Amendment? = nil, source: FileSource? = nil
  ) throws(ZhaoshangError) -> WriteOutcome<Post> {
    try write(dryRun: dryRun) { db in
      let existing = try PostWithHead.all(in: db)
      var outcome = WriteOutcome<Post>()
      var fresh: [Located<Post>] = []
      for entry in entries {
        if existing.contains(where: { $0.sameEntry(as: entry.value) }) {
          outcome.alreadyPresent.append(entry)
        } else {
          fresh.append(entry)
        }
      }
      let problems = earlier + RosterValidation.problems(adding: fresh, existing: existing, rules: rules)
      guard problems.isEmpty else { throw ZhaoshangError.invalidInput(problems.sortedByLine()) }
      let posts = fresh.map(\.value)
      try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { month in
        posts.contains { $0.daysInPost(during: month) != nil }
      }
      outcome.added = try fresh.map { entry in
        let post = entry.value
        let head = try HeadRecord.findOrInsert(unit: post.unit, name: post.name, in: db)
        var record = PostRecord(
          id: nil, headId: head.id ?? 0, role: post.role, fromDate: post.from?.iso, toDate: post.to?.iso,
          recordedBy: stamp.by, recordedAt: stamp.at)
        try record.insert(db)
        return record.post(of: head)
      }
      let added = outcome.added
      try AuditTrail.recordCreated(
        .postsAdded, table: .post, range: Self.idRange(added.compactMap(\.id)),
        subject: AuditTrail.Subject(heads: added.map { HeadKey(unit: $0.unit, name: $0.name) }), stamp: stamp,
        file: source.map { ($0.path, $0.sha256) },
        summary: added.count == 1 ? added.first.map { "\($0.unit) \($0.name) \($0.role) \($0.tenure(.en))" } : nil,
        db: db)
      return outcome
    }
  }

  /// The smallest range of ids holding all of them; nil for none.
  static func idRange(_ ids: [Int64]) -> ClosedRange<Int64>? {
    guard let low = ids.min(), let high = ids.max() else { return nil }
    return low...high
  }

  /// Ends the head's open post on `date` (the last day in post).
  ///
  /// Ending a post removes the days after `date` from the head's time in post, so it changes every closed month
  /// the post reached past that date; those need an `amendment`.
  @discardableResult
  public func endPost(
    unit: String, name: String, on date: CivilDate, stamp: Stamp = Stamp.now(), amendment: Amendment? = nil
  ) throws(ZhaoshangError) -> Post {
    try write { db in
      let post = try PostEnding.post(toEnd: unit, name: name, on: date, posts: try PostWithHead.all(in: db))
      guard let id = post.id, var record = try PostRecord.fetchOne(db, id: id) else {
        throw ZhaoshangError.storage(
          Localized("任职记录已损坏，台账未作改动", "the post's record is damaged; the ledger is unchanged"))
      }
      try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { month in
        PostEnding.changes(month, ending: post, on: date)
      }
      record.toDate = date.iso
      try record.update(db)
      try AuditTrail.recordChanged(
        .postEnded, table: .post, id: id, before: ["to_date": ""], after: ["to_date": date.iso],
        subject: AuditTrail.Subject(heads: [HeadKey(unit: unit, name: name)]), stamp: stamp, db: db)
      var ended = post
      ended.to = date
      return ended
    }
  }

  /// The roster, optionally of one unit and of those in post on one date.
  public func posts(unit: String? = nil, on date: CivilDate? = nil) throws(ZhaoshangError) -> [Post] {
    try read { db in
      try PostWithHead.all(in: db).filter { post in
        (unit.map { post.unit == $0 } ?? true) && (date.map { post.covers($0) } ?? true)
      }
    }
  }

  // MARK: Trips

  /// Records trips in one transaction: all are written, or none when any breaks a rule.
  ///
  /// A trip identical to one already recorded (same head, dates, halves, kind and destination) is skipped, so
  /// importing a file twice adds nothing; one that overlaps another trip of the same head is a warning.
  /// A trip covering a day of a closed month is refused unless the write comes with an `amendment`.
  @discardableResult
  public func recordTrips(
    _ entries: [Located<Trip>], rules: RuleBook, today: CivilDate, stamp: Stamp, carrying earlier: [Problem] = [],
    dryRun: Bool = false, amendment: Amendment? = nil
  ) throws(ZhaoshangError) -> WriteOutcome<Trip> {
    // Before any validation, so a unit's account learns nothing of another unit's roster from the problems.
    try Self.requireReach(stamp.actor, units: Set(entries.map(\.value.unit)))
    return try writeTrips(
      rules: rules, today: today, stamp: stamp, dryRun: dryRun, keepAdded: true, amendment: amendment
    ) {
      (writer: TripWriter) throws(ZhaoshangError) in
      for problem in earlier { writer.reject(problem) }
      for entry in entries { try writer.add(entry) }
    }.outcome
  }

  /// Imports trips fed row by row (e.g. by `TripImporter.stream`) in one transaction: all or none.
  ///
  /// Only counts and the first problems are kept, so a file of any size imports in flat memory.
  public func importTrips(
    rules: RuleBook, today: CivilDate, stamp: Stamp, dryRun: Bool = false, amendment: Amendment? = nil,
    feed: (any ImportSink<Trip>) throws(ZhaoshangError) -> Void
  ) throws(ZhaoshangError) -> ImportReport {
    try writeTrips(
      rules: rules, today: today, stamp: stamp, dryRun: dryRun, keepAdded: false, amendment: amendment, importing: true,
      feed: feed
    ).report
  }

  ///
  /// - Parameter finishing: more to do in the same transaction once the trips are written, given what was added
  ///   (a correction withdraws the trip it replaces); what it throws rolls everything back.
  /// - Parameter fewestRowsToDeferIndexes: how large an import must grow before the trip indexes are set aside
  ///   and built again after its rows (`TripWriter`); tests make it small.
  /// - Parameter footprintLimits: how much of the trips met the import keeps in memory (`TripWriter`); tests make
  ///   them small.
  /// - Parameter importing: the trips come from a file, and may be many (see `ImportJournal`).
  func writeTrips(
    rules: RuleBook, today: CivilDate, stamp: Stamp, dryRun: Bool, keepAdded: Bool, amendment: Amendment?,
    importing: Bool = false,
    fewestRowsToDeferIndexes: Int = TripWriter.fewestRowsToDeferIndexes,
    footprintLimits: FootprintLimits = .standard,
    finishing: ((Database, WriteOutcome<Trip>) throws -> Void)? = nil,
    feed: (TripWriter) throws(ZhaoshangError) -> Void
  ) throws(ZhaoshangError) -> (outcome: WriteOutcome<Trip>, report: ImportReport) {
    try Self.requireWriter(stamp.actor)
    return try write(dryRun: dryRun, importing: importing) { db in
      let validator = TripValidator(posts: try PostWithHead.all(in: db), rules: rules, today: today)
      // The writer takes the connection: from here on it is reached only through `writer.exclusive`, which waits
      // for the rows the writer's second thread is inserting.
      let writer = TripWriter(
        db: db, validator: validator, stamp: stamp, keepAdded: keepAdded,
        fewestRowsToDeferIndexes: fewestRowsToDeferIndexes, footprintLimits: footprintLimits)
      // An import inserts on a second thread, which must stop before the transaction ends, whatever happens.
      defer { writer.close() }
      try feed(writer)
      try writer.finishInserting()
      guard writer.problems.isEmpty else { throw ZhaoshangError.invalidInput(writer.problems.listed) }
      // `db` here is the writer's connection, lent once every row is inserted.
      return try writer.exclusive { db in
        // Rows were inserted as they streamed; a refusal here rolls the whole transaction back.
        try Self.requireReach(stamp.actor, units: Set(writer.heads.map(\.unit)))
        let touched = writer.monthsTouched
        try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { touched.contains($0) }
        try AuditTrail.recordCreated(
          .tripsAdded, table: .trip, range: writer.addedIDs,
          subject: AuditTrail.Subject(
            heads: Array(writer.heads), tripID: writer.addedCount == 1 ? writer.addedIDs?.lowerBound : nil,
            months: touched.min().flatMap { low in touched.max().map { low...$0 } }),
          stamp: stamp, file: writer.source.map { ($0.path, $0.sha256) }, computed: writer.insertedPayload, db: db)
        // A unit's trips wait for the office's review; the office's own count at once.
        var added = writer.added
        if stamp.actor.role == .unit, let ids = writer.addedIDs {
          try Self.submitForReview(ids, stamp: stamp, db: db)
          for index in added.indices { added[index].review = .submitted }
        }
        let outcome = WriteOutcome(
          added: added, alreadyPresent: writer.alreadyPresent, warnings: writer.warnings.listed)
        let report = ImportReport(
          added: writer.addedCount, alreadyPresent: writer.alreadyPresentCount,
          firstAlreadyPresent: writer.alreadyPresent.compactMap(\.location), warnings: writer.warnings.listed,
          dryRun: dryRun)
        try finishing?(db, outcome)
        return (outcome, report)
      }
    }
  }

  // MARK: Leave

  /// Records leave in one transaction: all or none; an identical record already there is skipped.
  @discardableResult
  public func addLeave(
    _ entries: [Located<Leave>], rules: RuleBook, stamp: Stamp, carrying earlier: [Problem] = [], dryRun: Bool = false,
    amendment: Amendment? = nil, source: FileSource? = nil
  ) throws(ZhaoshangError) -> WriteOutcome<Leave> {
    try write(dryRun: dryRun) { db in
      let posts = try PostWithHead.all(in: db)
      let existing = try Self.leaves(in: db, request: LeaveRecord.all())
      let (fresh, alreadyPresent) = try LeaveAdmission.admit(
        entries, existing: existing, posts: posts, rules: rules, carrying: earlier)
      var outcome = WriteOutcome<Leave>()
      outcome.alreadyPresent = alreadyPresent
      outcome.warnings = try Self.tripsUnder(fresh, db: db)
      let leaves = fresh.map(\.value)
      try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { month in
        leaves.contains { $0.touches(month) }
      }
      outcome.added = try fresh.map { entry in
        let head = try HeadRecord.findOrInsert(unit: entry.value.unit, name: entry.value.name, in: db)
        var record = LeaveRecord(
          id: nil, headId: head.id ?? 0, fromDate: entry.value.from.iso, toDate: entry.value.to.iso,
          reason: entry.value.reason, recordedBy: stamp.by, recordedAt: stamp.at)
        try record.insert(db)
        return try record.leave(of: head)
      }
      let added = outcome.added
      let event = LeaveAdmission.event(of: added)
      try AuditTrail.recordCreated(
        .leaveAdded, table: .leave, range: Self.idRange(added.compactMap(\.id)), subject: event.subject,
        stamp: stamp, file: source.map { ($0.path, $0.sha256) }, summary: event.summary, db: db)
      return outcome
    }
  }

  /// The warnings of `LeaveAdmission.tripsUnder`, from one query for the whole batch over the dates it spans.
  static func tripsUnder(_ entries: [Located<Leave>], db: Database) throws -> [Problem] {
    guard let span = LeaveAdmission.span(of: entries) else { return [] }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT trip.id, head.unit, head.name, trip.start_date, trip.end_date, trip.destination
        FROM trip JOIN head ON head.id = trip.head_id
        WHERE trip.void_reason IS NULL AND trip.end_date >= ? AND trip.start_date <= ?
        ORDER BY trip.start_date, trip.id
        """, arguments: [span.first.iso, span.last.iso])
    return LeaveAdmission.tripsUnder(
      entries,
      trips: rows.map { row in
        LeaveAdmission.RecordedTrip(
          id: row[0], unit: row[1], name: row[2], start: row[3], end: row[4], destination: row[5])
      })
  }

  /// Leave records, optionally those touching a month, of a unit, of a person.
  public func leaves(in month: Month? = nil, unit: String? = nil, name: String? = nil) throws(ZhaoshangError)
    -> [Leave]
  {
    try read { db in
      var request = LeaveRecord.all()
      if let month { request = request.covering(from: month.firstDay, to: month.lastDay) }
      // The person goes into the WHERE, by their head rows (head's unique key on unit and name serves it).
      var heads: [String] = []
      var arguments: [String] = []
      if let unit {
        heads.append("unit = ?")
        arguments.append(unit)
      }
      if let name {
        heads.append("name = ?")
        arguments.append(name)
      }
      if !heads.isEmpty {
        request = request.filter(
          sql: "head_id IN (SELECT id FROM head WHERE \(heads.joined(separator: " AND ")))",
          arguments: StatementArguments(arguments))
      }
      return try Self.leaves(in: db, request: request)
    }
  }

  static func leaves(in db: Database, request: QueryInterfaceRequest<LeaveRecord>) throws -> [Leave] {
    try request.including(required: LeaveRecord.head).order(LeaveRecord.Columns.fromDate)
      .asRequest(of: LeaveWithHead.self).fetchAll(db).map { try $0.value() }
  }

  /// Withdraws a trip: it stays on record, marked void with the reason, and no longer counts.
  ///
  /// A trip covering a day of a closed month can only be voided with an `amendment`.
  @discardableResult
  public func voidTrip(id: Int64, reason: String, stamp: Stamp, amendment: Amendment? = nil) throws(ZhaoshangError)
    -> Trip
  {
    try Self.requireOffice(stamp.actor)
    let reason = try ReviewRule.voidReason(reason)
    return try write { db in
      guard var record = try TripRecord.fetchOne(db, id: id),
        let head = try HeadRecord.fetchOne(db, id: record.headId)
      else {
        throw ZhaoshangError.refused(Problem.noSuchTrip(id, code: .refused))
      }
      if let earlier = record.voidReason {
        throw ReviewRule.alreadyVoided(
          id, Voiding(reason: earlier, by: record.voidedBy ?? "", at: record.voidedAt ?? ""), clock: stamp.clock)
      }
      let trip = try record.trip(of: head)
      try ClosedMonthGuard.admit(amendment: amendment, stamp: stamp, in: db) { trip.touches($0) }
      record.voidReason = reason
      record.voidedBy = stamp.by
      record.voidedAt = stamp.at
      try record.update(db)
      try KeptTallies.recount(trips: [id], in: db)
      let voided = try record.trip(of: head)
      try AuditTrail.recordChanged(
        .tripVoided, table: .trip, id: id, before: ["void_reason": "", "voided_by": "", "voided_at": ""],
        after: ["void_reason": reason, "voided_by": stamp.by, "voided_at": stamp.at],
        subject: AuditTrail.Subject(
          heads: [HeadKey(unit: head.unit, name: head.name)], tripID: id,
          months: Month(containing: voided.start)...Month(containing: voided.end)),
        stamp: stamp, reason: reason, db: db)
      return voided
    }
  }

  /// Trips, void ones included, optionally those touching a month, of a unit, of a person.
  public func trips(in month: Month? = nil, unit: String? = nil, name: String? = nil) throws(ZhaoshangError) -> [Trip] {
    try read { db in try Self.trips(in: month, unit: unit, name: name, db: db) }
  }

  static func trips(in month: Month?, unit: String? = nil, name: String? = nil, db: Database) throws -> [Trip] {
    let trips = try tripsRequest(in: month, unit: unit, name: name).fetchAll(db).map { try $0.value() }
    return try withReview(trips, db: db)
  }

  /// What `trips(in:unit:name:)` lists, in its order: one request for the listing and its streamed form.
  static func tripsRequest(in month: Month?, unit: String?, name: String?) -> QueryInterfaceRequest<TripWithHead> {
    var request = TripRecord.all()
    if let month { request = request.covering(from: month.firstDay, to: month.lastDay) }
    var head = TripRecord.head
    if let unit { head = head.filter(HeadRecord.Columns.unit == unit) }
    if let name { head = head.filter(HeadRecord.Columns.name == name) }
    return request.orderedByStart().including(required: head).asRequest(of: TripWithHead.self)
  }

  // MARK: Plumbing

  /// Runs `block` in one transaction that takes the write lock as it begins (`BEGIN IMMEDIATE`), and commits it,
  /// or rolls it back for a dry run or when `block` throws.
  ///
  /// - Parameter importing: the write is an import of a file, written through a rollback journal when nothing else
  ///   has the ledger open (see `ImportJournal`).
  func write<T>(dryRun: Bool = false, importing: Bool = false, _ block: (Database) throws -> T) throws(ZhaoshangError)
    -> T
  {
    do {
      // This process's own idle readers would hold the ledger too, and keep the import in WAL mode.
      if importing { (writer as? DatabasePool)?.invalidateReadOnlyConnections() }
      return try writer.writeWithoutTransaction { db in
        let journal = importing ? ImportJournal.enter(db) : nil
        defer { journal?.leave(db) }
        var result: T?
        try db.inTransaction(.immediate) {
          result = try block(db)
          return dryRun ? .rollback : .commit
        }
        guard let result else { throw ZhaoshangError.storage(Localized("写入未完成", "the write did not finish")) }
        return result
      }
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw Ledger.translate(error, path: path)
    }
  }

  func read<T>(_ block: (Database) throws -> T) throws(ZhaoshangError) -> T {
    do {
      return try writer.read(block)
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw Ledger.translate(error, path: path)
    }
  }

  /// Turns SQLite's and the file system's errors into sentences a clerk can act on.
  static func translate(_ error: any Error, path: String) -> ZhaoshangError {
    if let error = error as? ZhaoshangError { return error }
    guard let database = error as? DatabaseError else {
      return .storage(
        Problem(
          .storage,
          Localized(
            "无法访问台账数据库 \(path)；请检查文件是否存在、可读，稍后重试",
            "cannot use the ledger at \(path); check that the file is there and readable, and try again"),
          arguments: ["detail": String(describing: error)]))
    }
    switch database.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return .storage(
        Localized(
          "台账 \(path) 正被其他程序长时间占用（例如正在导入大批外出记录）；请等它结束后重试",
          "the ledger \(path) is held by another program for too long (a large import, say); try again once it has finished"
        ))
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
      return .storage(
        Localized(
          "无法打开或写入台账 \(path)；请检查路径和文件权限",
          "cannot open or write the ledger at \(path); check the path and its permissions"))
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return .storage(
        Localized(
          "\(path) 不是 zhaoshang 台账数据库，或文件已损坏；请检查 --db 指向的文件，或从备份恢复",
          "\(path) is not a zhaoshang ledger or is damaged; check the file --db names, or restore a backup"))
    case .SQLITE_FULL, .SQLITE_IOERR:
      return .storage(
        Localized(
          "写入台账 \(path) 时磁盘出错（空间已满或读写失败）；请检查磁盘后重试",
          "a disk error while writing \(path) (full or failing); check the disk and try again"))
    case .SQLITE_ERROR where Self.isMissingSchemaObject(database.message):
      // An index, table or column zhaoshang made is gone: the file was changed behind its back.
      return .storage(
        Localized(
          "台账 \(path) 的数据库结构被改动过（zhaoshang 建立的索引、数据表或列不见了），无法读取；请运行 zhaoshang verify 查看改动，并从最近一份完好的备份恢复",
          "the ledger \(path) had its structure changed behind zhaoshang's back (an index, table or column it made is missing), so it cannot be read; run `zhaoshang verify` to see what changed, and restore the last good backup"
        ))
    case .SQLITE_CONSTRAINT:
      return .refused(
        Problem(
          .refused,
          Localized(
            "台账拒绝了这次修改：它与已记录的内容冲突；未写入任何内容，请核对后重试",
            "the ledger refused the change: it clashes with what is recorded; nothing was written, check and try again"),
          arguments: ["detail": database.description]))
    default:
      // SQLite's own words name tables and SQL: they stay in `arguments` for a log, never in the message.
      return .storage(
        Problem(
          .storage,
          Localized(
            "台账 \(path) 读写出错，未写入任何内容；请重试，如仍出错，请检查台账是否完好或从备份恢复",
            "reading or writing the ledger at \(path) failed and nothing was written; try again, and if it fails again check the ledger or restore a backup"
          ),
          arguments: ["detail": database.description]))
    }
  }
}

extension Ledger {
  /// Whether SQLite failed because an object the migrations made is gone (`no such index: trip_by_dates`).
  static func isMissingSchemaObject(_ message: String?) -> Bool {
    guard let message else { return false }
    return ["no such index", "no such table", "no such column"].contains { message.hasPrefix($0) }
  }
}

extension PostWithHead {
  /// The roster in the order posts were recorded, as `PostRecord.post(of:)` reads each post.
  ///
  /// Read column by column rather than decoded as joined records: a province's roster holds thousands of posts,
  /// and decoding each through `Codable` cost more than the rest of a month's check.
  static func all(in db: Database, unit: String? = nil) throws -> [Post] {
    try withHeadIDs(in: db, unit: unit).posts
  }

  /// `all`, with each post's head id beside it (`headIDs[i]` the head of `posts[i]`): the key a month's check
  /// finds each head's trips by, as `CheckQuery` reads them.
  static func withHeadIDs(in db: Database, unit: String? = nil) throws -> (posts: [Post], headIDs: [Int64]) {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT post.id, head.unit, head.name, post.role, post.from_date, post.to_date, post.head_id
        FROM post JOIN head ON head.id = post.head_id \(unit == nil ? "" : "WHERE head.unit = ?") ORDER BY post.id
        """, arguments: StatementArguments(unit.map { [$0] } ?? []))
    var posts: [Post] = []
    var headIDs: [Int64] = []
    // A unit's posts share one copy of its name: the checks that follow compare each head's unit with the one
    // before, and the same copy compares equal at once, where two copies of Chinese text compare scalar by scalar.
    var lastUnit: String?
    while let row = try rows.next() {
      let from: String? = try row.decode(atIndex: 4)
      let to: String? = try row.decode(atIndex: 5)
      var unit: String = try row.decode(atIndex: 1)
      if let lastUnit, lastUnit == unit { unit = lastUnit }
      lastUnit = unit
      posts.append(
        Post(
          id: try row.decode(atIndex: 0), unit: unit, name: try row.decode(atIndex: 2),
          role: try row.decode(atIndex: 3), from: from.flatMap(CivilDate.init(iso:)),
          to: to.flatMap(CivilDate.init(iso:))))
      headIDs.append(try row.decode(atIndex: 6))
    }
    return (posts, headIDs)
  }
}

extension Ledger {
  /// The month's check: the rule file in force, the roster and the trips touching the month; with a `unit`, that
  /// unit's alone (its standing and heads, no warnings), reading nothing of the other units.
  public func check(month: Month, rules: RuleBook, unit: String? = nil) throws(ZhaoshangError) -> CheckReport {
    let ruleSet = try rules.ruleSet(for: month)
    // One read: the roster, the month's leave, and the month's counted trips as half-day ranges straight from
    // an index (see CheckQuery); the check itself is MonthlyCheck's, as for any other caller.
    return try read { db in
      let roster = try PostWithHead.withHeadIDs(in: db, unit: unit)
      return try CheckQuery.run(
        month: month, rules: ruleSet, posts: roster.posts, headIDs: roster.headIDs, unit: unit, in: db)
    }
  }
}
