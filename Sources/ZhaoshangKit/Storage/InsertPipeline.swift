import Foundation
import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// The connection of an import's transaction, owned for the import's lifetime, and the second thread that
/// inserts the import's trips while the first reads and checks the file, so the two halves of the work (parsing
/// and validating in Swift, storing in SQLite) run on two cores at once. The inserting thread also merges the
/// month tallies the reading thread hands it (`mergeTallies`), a part at a time between batches, so neither
/// thread stops for them.
///
/// GRDB opens connections without SQLite's own mutex, so the two threads must never use the connection at the
/// same time. The pipeline makes sure of it by being the only way to the connection: it keeps the `Database`
/// private and lends it to the reading thread only through `exclusive`, which first waits until every submitted
/// batch is inserted, and the inserting thread takes no batch while the connection is lent. The reading thread is
/// the one GRDB gave the connection to (GRDB's scheduling watchdog checks every use of the `Database` there); the
/// inserting thread never touches the `Database`, only SQLite's raw handles of two statements prepared before it
/// started. Everything stays in the import's one transaction: `finish()` (or `cancel()`) returns only once the
/// inserting thread has stopped.
final class InsertPipeline: @unchecked Sendable {
  // Why `@unchecked Sendable` is safe: the inserting thread reads `statement`, `multiple`, `connection`, `sql`,
  // `headQuery`, `tallyMerge`, `tallyMergeOne` and the stamp, all set before it starts and changed only by
  // `changeSchema`, inside `exclusive` (while the inserting thread holds no batch or tallies and takes none: the
  // lock orders the change before its next batch), and the batch it took, which the reading thread does not touch
  // until it is handed back. `digest`, `headColumns`, `verifiedHead`, `fingerprinter`, `fingerprint` and
  // `tallyBinding` belong to the inserting thread while it runs; the part of `pendingTallies` it merges is an
  // `ArraySlice` taken under the lock, holding its own reference to the array's storage, so the reading thread
  // handing over new tallies (only once every part is merged) never changes what it reads; `readerFingerprinter`
  // belongs to the reading thread, in `submit`, with the batch it has not handed over yet. The reading thread reads
  // `digest` only after `stop()` has seen it end, under the lock. `started`, `prepared` and `largestIDBeforeStart`
  // belong to the reading thread alone; every other variable is read and written only under `condition`. `db` is
  // used only on its own thread, through `exclusive` (and `start`, before the inserting thread exists), and only while
  // the inserting thread holds no batch and takes none; the lock orders each side's use of the connection after
  // the other's. From a step, SQLite calls back into GRDB only for its rollback hook (an error that ends the
  // transaction), on the inserting thread while it alone holds the connection; zhaoshang installs no observer, so
  // no update hook runs there, and no statement is recompiled there: the schema changes only through
  // `changeSchema`, which prepares the statements again on the reading thread before the inserting thread may
  // use them.
  static let batchRows = 256

  private let db: Database
  private let condition = NSCondition()
  /// A filled batch the inserting thread has not taken yet.
  private var ready: TripBatch?
  /// An inserted batch, cleared, for the reading thread to fill again.
  private var spare: TripBatch?
  private var inserting = false
  /// How many `exclusive` calls are running (they may nest): while any is, the inserting thread waits.
  private var lent = 0
  /// Tallies handed over by `mergeTallies`, in key order, and how many of them are merged: the inserting thread
  /// merges them a statement's worth at a time, between batches.
  private var pendingTallies: [(key: MonthTally.Key, tally: MonthTally)] = []
  private var talliesMerged = 0
  /// Whether the inserting thread is merging a part of `pendingTallies` (outside the lock).
  private var mergingTallies = false
  private var talliesWaiting: Bool { talliesMerged < pendingTallies.count }
  private var started = false
  private var closed = false
  private var stopped = false
  private var failure: DatabaseError?
  /// The largest trip id in the ledger when the inserting thread began: every row above it that exists when the
  /// thread is done was written in this transaction.
  private var largestIDBeforeStart: Int64 = 0

  /// How many fingerprints the reading thread computes before it looks again whether the inserting thread has
  /// taken the batch before.
  static let rowsFingerprintedBetweenLooks = 8

  /// Rows per multi-row INSERT, a whole batch: SQLite's work per statement (the AUTOINCREMENT counter, starting
  /// and halting the program, and above all its statement journal, which keeps a copy of every page the statement
  /// changes) is then paid once for this many rows. The pages of the indexes on the start date that a batch changes
  /// are mostly the same ones, so each is copied once instead of once for every 16 rows: 4,900 instructions a row
  /// fewer in `sqlite3_step` than with 16 rows (callgrind, 100,000 generated trips).
  static let rowsPerStatement = batchRows

  // Set by `start()` before the inserting thread exists, then only by `changeSchema` (see above).
  private var statement: SQLiteStatement?
  private var multiple: SQLiteStatement?
  private var connection: SQLiteConnection?
  private var sql = ""
  /// Reads a head's unit and name as stored, for the audit digest of its trips.
  private var headQuery: SQLiteStatement?
  /// The upserts of `KeptTallies.rowsPerMerge` tallies and of one.
  private var tallyMerge: SQLiteStatement?
  private var tallyMergeOne: SQLiteStatement?
  private var tallyBinding = TallyMergeBinding()
  /// The statements whose handles are above, kept here: GRDB finalizes the statements of its cache when the
  /// schema changes, and these must live as long as the inserting thread may run them.
  private var prepared: [Statement] = []

  // The audit digest of the rows inserted, kept by the inserting thread as it writes them, so the import's audit
  // event need not read a million rows back once they are in. Read by the reading thread only once the inserting
  // thread has stopped.
  private var digest: CreationDigest?
  /// Each head's first two canonical columns (`=unit`, 0x1F, `=name`), as stored.
  private var headColumns: [Int64: [UInt8]] = [:]
  /// The inserting thread's: for the rows whose fingerprint the reading thread did not compute, or computed from
  /// a head named otherwise than stored (`Cafe\u{301}` for a stored `Caf\u{E9}`).
  private var fingerprinter: TripFingerprinter
  private var fingerprint: [UInt8] = []
  /// The reading thread's: for the rows of the batch it is about to submit, while it waits for the inserting
  /// thread to take the one before, so the thread that would otherwise wait does that work.
  private var readerFingerprinter: TripFingerprinter
  /// Who recorded the rows and when: the same for every row, bound from here.
  private let stampBytes: [UInt8]
  private let stampSplit: Int
  /// Whether the stamp's two values hold no NUL of their own.
  private let stampTerminated: Bool

  /// Takes the connection of a transaction under way; nothing else may use `db` until the pipeline is done.
  init(db: Database, stamp: Stamp) {
    self.db = db
    // Each followed by a NUL, as the batches' cells are; the buffer then always has an address (else SQLite
    // reads NULL).
    stampBytes = Array(stamp.by.utf8) + [0] + Array(stamp.at.utf8) + [0]
    stampSplit = stamp.by.utf8.count
    stampTerminated = !stamp.by.utf8.contains(0) && !stamp.at.utf8.contains(0)
    fingerprinter = TripFingerprinter(stamp: stamp)
    readerFingerprinter = TripFingerprinter(stamp: stamp)
  }

  /// Runs `body` with the connection once every batch submitted so far is inserted and no part of the tallies is
  /// being merged; the inserting thread waits until `body` returns, then merges the tallies still waiting. Nothing
  /// reads the kept tallies during an import (those not handed over yet are in the writer's memory), so `body`
  /// need not wait for them. Throws the inserting thread's error, if it met one.
  func exclusive<T>(_ body: (Database) throws -> T) throws -> T {
    condition.lock()
    while (ready != nil || inserting || mergingTallies) && failure == nil { condition.wait() }
    if let failure {
      condition.unlock()
      throw failure
    }
    lent += 1
    condition.unlock()
    defer {
      condition.lock()
      lent -= 1
      condition.broadcast()
      condition.unlock()
    }
    return try body(db)
  }

  /// Runs `body`, which changes the schema (drops or creates indexes), with the connection as `exclusive` lends it,
  /// then prepares the inserting statements again on this thread. SQLite would recompile them itself at their next
  /// step, but on the inserting thread, calling back into GRDB's authorizer there.
  func changeSchema<T>(_ body: (Database) throws -> T) throws -> T {
    try exclusive { db in
      let result = try body(db)
      if started { try prepareStatements(db) }
      return result
    }
  }

  /// Hands a filled batch to the inserting thread (started by the first batch) and returns an empty one to
  /// fill; throws the inserting thread's error, if it met one.
  func submit(_ batch: TripBatch) throws -> TripBatch {
    condition.lock()
    let isLent = lent > 0
    condition.unlock()
    // Inside `exclusive` the inserting thread would wait for the connection while this one waited for it.
    guard !isLent else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "trips were submitted while the connection was lent")
    }
    if !started { try start() }
    condition.lock()
    defer { condition.unlock() }
    // While the inserting thread is busy, with a batch or tallies, compute this batch's fingerprints for it, eight
    // rows at a time, and hand the batch over as soon as it can take it: whatever fingerprints are left it then
    // computes itself. Rather than wait for it, this thread takes some of its work.
    while (ready != nil || ((inserting || mergingTallies) && batch.fingerprinted < batch.rows.count))
      && failure == nil
    {
      if batch.fingerprinted < batch.rows.count {
        condition.unlock()
        batch.fingerprint(next: Self.rowsFingerprintedBetweenLooks, with: &readerFingerprinter)
        condition.lock()
      } else {
        condition.wait()
      }
    }
    if let failure { throw failure }
    ready = batch
    condition.broadcast()
    let next = spare ?? TripBatch()
    spare = nil
    return next
  }

  /// Merges tallies (in key order) into the kept ones: handed to the inserting thread, which merges them a part at
  /// a time between its batches, while this thread goes on reading; merged here, through `exclusive`, if that
  /// thread has not started or has stopped. Waits first until the tallies handed over before are all merged (an
  /// import hands over tens of thousands at a time, far apart). Throws the inserting thread's error, if any.
  func mergeTallies(_ sorted: [(key: MonthTally.Key, tally: MonthTally)]) throws {
    guard !sorted.isEmpty else { return }
    condition.lock()
    guard started, !closed else {
      condition.unlock()
      try exclusive { db in try KeptTallies.merge(sorted, in: db) }
      return
    }
    defer { condition.unlock() }
    // Inside `exclusive` the inserting thread would wait for the connection while this one waited for it.
    guard lent == 0 else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "tallies were handed over while the connection was lent")
    }
    try waitForTallies()
    pendingTallies = sorted
    talliesMerged = 0
    condition.broadcast()
  }

  /// Waits, with the lock held, until every tally handed over is merged; throws the inserting thread's error.
  private func waitForTallies() throws {
    while (talliesWaiting || mergingTallies) && failure == nil { condition.wait() }
    if let failure { throw failure }
  }

  /// Inserts what was submitted and stops the inserting thread; throws its error, if any. Returns the ids of
  /// the rows written in the transaction since the thread began (nil if it never did): the smallest range
  /// holding them all.
  ///
  /// With the range comes the audit digest of the rows this pipeline inserted, in the order their ids were given
  /// (nil if it inserted none): `AuditTrail.recordCreated` uses it only if those rows are the whole range.
  func finish() throws -> (ids: ClosedRange<Int64>, digest: CreationDigest?)? {
    guard started else { return nil }
    condition.lock()
    let drained = Result { try waitForTallies() }
    condition.unlock()
    try drained.get()
    try exclusive { _ in }
    stop()
    if let failure { throw failure }
    let since = largestIDBeforeStart
    let digest = self.digest
    return try exclusive { db in
      guard let first = try Int64.fetchOne(db, sql: "SELECT min(id) FROM trip WHERE id > ?", arguments: [since]),
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM trip"), first <= last
      else { return nil }
      return (first...last, digest)
    }
  }

  /// Stops the inserting thread, dropping what it has not taken: for a transaction that is rolled back.
  func cancel() {
    guard started else { return }
    condition.lock()
    ready = nil
    pendingTallies = []
    talliesMerged = 0
    condition.unlock()
    stop()
  }

  /// Prepares the two INSERTs on this thread, then starts the inserting thread.
  private func start() throws {
    guard let connection = db.sqliteConnection else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the ledger is closed")
    }
    try prepareStatements(db)
    largestIDBeforeStart = try Int64.fetchOne(db, sql: "SELECT max(id) FROM trip") ?? 0
    self.connection = connection
    started = true
    let thread = Thread { [self] in run() }
    thread.name = "zhaoshang trip inserts"
    thread.start()
  }

  /// Prepares the statements the inserting thread runs, outside GRDB's cache (no other user can leave them
  /// stepped, and no schema change finalizes them), in place of any prepared before.
  private func prepareStatements(_ db: Database) throws {
    let statement = try db.makeStatement(sql: TripInsert.sql)
    let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: Self.rowsPerStatement)
    let multiple = try db.makeStatement(
      sql: TripInsert.sql.components(separatedBy: "VALUES")[0] + "VALUES " + values.joined(separator: ", "))
    let headQuery = try db.makeStatement(sql: "SELECT unit, name FROM head WHERE id = ?")
    let tallyMerge = try db.makeStatement(sql: KeptTallies.fullMergeSQL)
    let tallyMergeOne = try db.makeStatement(sql: KeptTallies.mergeSQL(rows: 1))
    self.statement = statement.sqliteStatement
    self.multiple = multiple.sqliteStatement
    self.headQuery = headQuery.sqliteStatement
    self.tallyMerge = tallyMerge.sqliteStatement
    self.tallyMergeOne = tallyMergeOne.sqliteStatement
    sql = statement.sql
    prepared = [statement, multiple, headQuery, tallyMerge, tallyMergeOne]
  }

  private func stop() {
    condition.lock()
    defer { condition.unlock() }
    closed = true
    condition.broadcast()
    while !stopped { condition.wait() }
  }

  private func run() {
    condition.lock()
    // Batches and parts of the tallies take turns, so the tallies are merged long before the next ones come
    // (an import's trips make a fraction of a tally each) and the reading thread never waits long for a batch.
    var talliesTurn = false
    while true {
      while !closed && ((ready == nil && !talliesWaiting) || lent > 0) { condition.wait() }
      // `finish` waits for every batch and tally before it closes; `cancel` drops what was not taken.
      guard !closed else { break }
      if talliesWaiting && (talliesTurn || ready == nil) {
        talliesTurn = false
        let end = min(talliesMerged + KeptTallies.rowsPerMerge, pendingTallies.count)
        let part = pendingTallies[talliesMerged..<end]
        mergingTallies = true
        condition.unlock()
        let error = merge(part)
        condition.lock()
        mergingTallies = false
        talliesMerged = end
        condition.broadcast()
        if let error {
          failure = error
          break
        }
        continue
      }
      guard let batch = ready else { continue }
      talliesTurn = true
      ready = nil
      inserting = true
      condition.broadcast()
      condition.unlock()
      let error = insert(batch)
      batch.clear()
      condition.lock()
      inserting = false
      spare = batch
      if let error {
        failure = error
        condition.broadcast()
        break
      }
      condition.broadcast()
    }
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  private func insert(_ batch: TripBatch) -> DatabaseError? {
    guard let single = statement, let multiple, let connection else {
      return DatabaseError(resultCode: .SQLITE_MISUSE, message: "the inserting statements were not prepared")
    }
    verifiedHead = nil
    return stampBytes.withUnsafeBufferPointer { stamp -> DatabaseError? in
      batch.text.withUnsafeBufferPointer { text -> DatabaseError? in
        batch.prints.withUnsafeBytes { prints -> DatabaseError? in
          // Text is bound in place (no destructor: SQLite does not copy it); the buffers do not change until
          // the batch is done, and every value is bound again before a statement runs again. A cell is bound as
          // a C string, up to its NUL, when it holds no other: SQLite then knows it is terminated, and the CHECKs
          // that read it as text (`date`, `length`, `json_valid`) do not copy it to add a terminator.
          func bind(
            _ handle: SQLiteStatement, _ buffer: UnsafeBufferPointer<UInt8>, _ from: Int32, _ next: Int32,
            terminated: Bool, at index: Int32
          ) {
            _ = sqlite3_bind_text(
              handle, index, buffer.baseAddress.map { $0 + Int(from) }, terminated ? -1 : next - 1 - from, nil)
          }
          // `by` runs to its NUL at `split`, `at` from there to the NUL at the end.
          let split = Int32(stampSplit) + 1
          let stampEnd = Int32(stamp.count)
          let stampTerminated = self.stampTerminated
          func bind(_ row: TripBatch.Row, to handle: SQLiteStatement, from first: Int32) {
            let b = row.bounds
            let whole = row.terminated
            sqlite3_bind_int64(handle, first, row.headId)
            bind(handle, text, b.0, b.1, terminated: whole, at: first + 1)
            sqlite3_bind_int(handle, first + 2, row.startsAfternoon ? 1 : 0)
            bind(handle, text, b.1, b.2, terminated: whole, at: first + 3)
            sqlite3_bind_int(handle, first + 4, row.endsMorning ? 1 : 0)
            bind(handle, text, b.2, b.3, terminated: whole, at: first + 5)
            bind(handle, text, b.3, b.4, terminated: whole, at: first + 6)
            bind(handle, text, b.4, b.5, terminated: whole, at: first + 7)
            bind(handle, text, b.5, b.6, terminated: whole, at: first + 8)
            bind(handle, stamp, 0, split, terminated: stampTerminated, at: first + 9)
            bind(handle, stamp, split, stampEnd, terminated: stampTerminated, at: first + 10)
            if row.isVoid {
              bind(handle, text, b.6, b.7, terminated: whole, at: first + 11)
              bind(handle, stamp, 0, split, terminated: stampTerminated, at: first + 12)
              bind(handle, stamp, split, stampEnd, terminated: stampTerminated, at: first + 13)
            } else {
              for index in (first + 11)...(first + 13) { sqlite3_bind_null(handle, index) }
            }
          }
          func run(_ handle: SQLiteStatement) -> DatabaseError? {
            let code = sqlite3_step(handle)
            defer {
              sqlite3_reset(handle)
              sqlite3_clear_bindings(handle)
            }
            guard code == SQLITE_DONE else {
              return DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
            return nil
          }
          var index = 0
          let rows = batch.rows
          while index < rows.count {
            let count = rows.count - index >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            if count > 1 {
              for offset in 0..<count {
                bind(rows[index + offset], to: multiple, from: Int32(offset * 14 + 1))
              }
              if let error = run(multiple) { return error }
            } else {
              bind(rows[index], to: single, from: 1)
              if let error = run(single) { return error }
            }
            // One statement's rows take consecutive ids (AUTOINCREMENT, one writer, no trigger inserts into trip),
            // the last of which SQLite reports.
            let lastID = sqlite3_last_insert_rowid(connection)
            for offset in 0..<count {
              if let error = addToDigest(
                batch, row: index + offset, id: lastID - Int64(count - 1 - offset), text: text, prints: prints)
              {
                return error
              }
            }
            index += count
          }
          return nil
        }
      }
    }
  }
  /// Merges a part of the tallies handed over: all in one statement when it is a whole statement's worth, else
  /// one by one (the last part of each handing over).
  private func merge(_ part: ArraySlice<(key: MonthTally.Key, tally: MonthTally)>) -> DatabaseError? {
    guard let whole = tallyMerge, let one = tallyMergeOne, let connection else {
      return DatabaseError(resultCode: .SQLITE_MISUSE, message: "the tally statements were not prepared")
    }
    func run(_ rows: ArraySlice<(key: MonthTally.Key, tally: MonthTally)>, _ handle: SQLiteStatement)
      -> DatabaseError?
    {
      let code = tallyBinding.withBound(rows, to: handle) {
        defer { sqlite3_reset(handle) }
        return sqlite3_step(handle)
      }
      guard code == SQLITE_DONE else {
        return DatabaseError(
          resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
          message: String(cString: sqlite3_errmsg(connection)), sql: KeptTallies.mergeSQL(rows: rows.count))
      }
      return nil
    }
    if part.count == KeptTallies.rowsPerMerge { return run(part, whole) }
    for index in part.indices {
      if let error = run(part[index...index], one) { return error }
    }
    return nil
  }

  /// The head last compared with a batch's row and whether the row named it as stored: rows come head by head.
  private var verifiedHead: (id: Int64, range: (Int32, Int32), stored: [UInt8], asStored: Bool)?

  /// Adds an inserted row to the audit digest, by the fingerprint the reading thread computed if it did so from
  /// the head as stored, else by one computed here from the values just bound (see `TripFingerprinter`) and the
  /// head's unit and name read as stored. `CreationDigest.payload` reads the same text back.
  private func addToDigest(
    _ batch: TripBatch, row index: Int, id: Int64, text: UnsafeBufferPointer<UInt8>, prints: UnsafeRawBufferPointer
  ) -> DatabaseError? {
    let row = batch.rows[index]
    let verified = verifiedHead.map { $0.id == row.headId && $0.range == row.head } ?? false
    if !verified {
      let stored: [UInt8]
      if let known = headColumns[row.headId] {
        stored = known
      } else {
        guard let read = storedHeadColumns(of: row.headId) else {
          return DatabaseError(
            resultCode: .SQLITE_CORRUPT, message: "head \(row.headId) of an inserted trip is missing")
        }
        headColumns[row.headId] = read
        stored = read
      }
      let named = batch.heads[Int(row.head.0)..<Int(row.head.1)]
      verifiedHead = (row.headId, row.head, stored, named.elementsEqual(stored))
    }
    guard let head = verifiedHead else { return nil }
    if digest == nil { digest = CreationDigest(startingAt: id) }
    if index < batch.fingerprinted && head.asStored {
      digest?.add(id: id, fingerprint: UnsafeRawBufferPointer(rebasing: prints[(16 * index)..<(16 * index + 16)]))
    } else {
      fingerprint.removeAll(keepingCapacity: true)
      head.stored.withUnsafeBufferPointer { head in
        fingerprinter.fingerprint(of: row, text: text, head: head, appendingTo: &fingerprint)
      }
      fingerprint.withUnsafeBytes { digest?.add(id: id, fingerprint: $0) }
    }
    return nil
  }

  /// The head's unit and name as `CreationDigest.appendCanonical` writes them, read on the inserting thread.
  private func storedHeadColumns(of id: Int64) -> [UInt8]? {
    guard let query = headQuery else { return nil }
    defer { sqlite3_reset(query) }
    sqlite3_bind_int64(query, 1, id)
    guard sqlite3_step(query) == SQLITE_ROW else { return nil }
    var bytes: [UInt8] = []
    CreationDigest.appendCanonical(query, column: 0, to: &bytes)
    bytes.append(0x1F)
    CreationDigest.appendCanonical(query, column: 1, to: &bytes)
    return bytes
  }
}
