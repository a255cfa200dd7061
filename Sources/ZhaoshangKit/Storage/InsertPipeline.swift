import Foundation
import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// Rows of trips, validated and waiting to be inserted: their text in one buffer, where each row's cells are.
final class TripBatch: @unchecked Sendable {
  /// Each row's cells, one after the other: start, end, kind, destination, purpose, companies (JSON), void reason.
  var text: [UInt8] = []
  var rows: [Row] = []

  struct Row {
    var headId: Int64
    /// Where the row's seven cells start in `text`, and where the last one ends.
    var bounds: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32)
    var startsAfternoon: Bool
    var endsMorning: Bool
    var isVoid: Bool
  }

  init() {
    text.reserveCapacity(256 * 128)
    rows.reserveCapacity(256)
  }

  func append(_ trip: Trip, headId: Int64) {
    let start = Int32(text.count)
    ISODate.append(trip.start, to: &text)
    let end = Int32(text.count)
    ISODate.append(trip.end, to: &text)
    let kind = Int32(text.count)
    append(trip.kind)
    let destination = Int32(text.count)
    append(trip.destination)
    let purpose = Int32(text.count)
    append(trip.purpose)
    let companies = Int32(text.count)
    CompanyJSON.encode(trip.companies, appendingTo: &text)
    let reason = Int32(text.count)
    if let voiding = trip.voiding { append(voiding.reason) }
    rows.append(
      Row(
        headId: headId, bounds: (start, end, kind, destination, purpose, companies, reason, Int32(text.count)),
        startsAfternoon: trip.startsAfternoon, endsMorning: trip.endsMorning, isVoid: trip.isVoid))
  }

  private func append(_ value: String) {
    var value = value
    value.withUTF8 { text.append(contentsOf: $0) }
  }

  func clear() {
    text.removeAll(keepingCapacity: true)
    rows.removeAll(keepingCapacity: true)
  }
}

/// Inserts an import's trips on a second thread while the first reads and checks the file, so the two
/// halves of the work (parsing and validating in Swift, storing in SQLite) run on two cores at once.
///
/// GRDB opens connections without SQLite's own mutex, so the two threads never use the connection at the
/// same time: the reading thread calls `drain()` before it queries the ledger (the first time it meets a
/// head), which waits until the inserting thread has nothing in hand. Everything stays in the import's one
/// transaction: `finish()` (or `cancel()`) returns only once the inserting thread has stopped.
final class InsertPipeline: @unchecked Sendable {
  static let batchRows = 256

  private let condition = NSCondition()
  /// A filled batch the inserting thread has not taken yet.
  private var ready: TripBatch?
  /// An inserted batch, cleared, for the reading thread to fill again.
  private var spare: TripBatch?
  private var inserting = false
  private var closed = false
  private var stopped = false
  private var failure: DatabaseError?

  /// Rows per multi-row INSERT: SQLite's work per statement (its statement journal, the AUTOINCREMENT
  /// counter, starting and halting the program) is then paid once for this many rows.
  static let rowsPerStatement = 16

  private let statement: StatementHandle
  private let multiple: StatementHandle
  private let connection: ConnectionHandle
  private let sql: String
  /// Who recorded the rows and when: the same for every row, bound from here.
  private let stampBytes: [UInt8]
  private let stampSplit: Int

  /// Raw SQLite handles, used only on one thread at a time (see the type's comment).
  struct StatementHandle: @unchecked Sendable { let pointer: SQLiteStatement }
  struct ConnectionHandle: @unchecked Sendable { let pointer: SQLiteConnection }

  init(db: Database, stamp: Stamp) throws {
    let statement = try db.cachedStatement(sql: TripInsert.sql)
    self.statement = StatementHandle(pointer: statement.sqliteStatement)
    let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: Self.rowsPerStatement)
    let multiple = try db.cachedStatement(
      sql: TripInsert.sql.components(separatedBy: "VALUES")[0] + "VALUES " + values.joined(separator: ", "))
    self.multiple = StatementHandle(pointer: multiple.sqliteStatement)
    sql = statement.sql
    guard let connection = db.sqliteConnection else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the ledger is closed")
    }
    self.connection = ConnectionHandle(pointer: connection)
    // A trailing NUL, outside every bound range, so the buffer always has an address (else SQLite reads NULL).
    stampBytes = Array(stamp.by.utf8) + Array(stamp.at.utf8) + [0]
    stampSplit = stamp.by.utf8.count
    let thread = Thread { [self] in run() }
    thread.name = "zhaoshang trip inserts"
    thread.start()
  }

  /// Hands a filled batch to the inserting thread and returns an empty one to fill; throws the inserting
  /// thread's error, if it met one.
  func submit(_ batch: TripBatch) throws -> TripBatch {
    condition.lock()
    defer { condition.unlock() }
    while ready != nil && failure == nil { condition.wait() }
    if let failure { throw failure }
    ready = batch
    condition.broadcast()
    let next = spare ?? TripBatch()
    spare = nil
    return next
  }

  /// Waits until the inserting thread is idle, so the reading thread may use the connection.
  func drain() throws {
    condition.lock()
    defer { condition.unlock() }
    while (ready != nil || inserting) && failure == nil { condition.wait() }
    if let failure { throw failure }
  }

  /// Inserts what was submitted, stops the inserting thread and throws its error, if any.
  func finish() throws {
    try drain()
    stop()
    if let failure { throw failure }
  }

  /// Stops the inserting thread, dropping what it has not taken: for a transaction that is rolled back.
  func cancel() {
    condition.lock()
    ready = nil
    condition.unlock()
    stop()
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
    while true {
      while ready == nil && !closed { condition.wait() }
      guard let batch = ready else { break }
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
    stampBytes.withUnsafeBufferPointer { stamp -> DatabaseError? in
      batch.text.withUnsafeBufferPointer { text -> DatabaseError? in
        // Text is bound in place (no destructor: SQLite does not copy it); the buffers do not change until
        // the batch is done, and every value is bound again before a statement runs again.
        func bind(
          _ handle: SQLiteStatement, _ buffer: UnsafeBufferPointer<UInt8>, _ from: Int32, _ to: Int32, at index: Int32
        ) {
          _ = sqlite3_bind_text(handle, index, buffer.baseAddress.map { $0 + Int(from) }, to - from, nil)
        }
        let split = Int32(stampSplit)
        let stampEnd = Int32(stamp.count - 1)
        func bind(_ row: TripBatch.Row, to handle: SQLiteStatement, from first: Int32) {
          let b = row.bounds
          sqlite3_bind_int64(handle, first, row.headId)
          bind(handle, text, b.0, b.1, at: first + 1)
          sqlite3_bind_int(handle, first + 2, row.startsAfternoon ? 1 : 0)
          bind(handle, text, b.1, b.2, at: first + 3)
          sqlite3_bind_int(handle, first + 4, row.endsMorning ? 1 : 0)
          bind(handle, text, b.2, b.3, at: first + 5)
          bind(handle, text, b.3, b.4, at: first + 6)
          bind(handle, text, b.4, b.5, at: first + 7)
          bind(handle, text, b.5, b.6, at: first + 8)
          bind(handle, stamp, 0, split, at: first + 9)
          bind(handle, stamp, split, stampEnd, at: first + 10)
          if row.isVoid {
            bind(handle, text, b.6, b.7, at: first + 11)
            bind(handle, stamp, 0, split, at: first + 12)
            bind(handle, stamp, split, stampEnd, at: first + 13)
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
              resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection.pointer)),
              message: String(cString: sqlite3_errmsg(connection.pointer)), sql: sql)
          }
          return nil
        }
        // Another user of these cached statements (TripInsert, through GRDB) may have left one stepped but not
        // reset, and SQLite refuses to bind to such a statement: reset both first.
        sqlite3_reset(statement.pointer)
        sqlite3_reset(multiple.pointer)
        var index = 0
        let rows = batch.rows
        while index < rows.count {
          if rows.count - index >= Self.rowsPerStatement {
            for offset in 0..<Self.rowsPerStatement {
              bind(rows[index + offset], to: multiple.pointer, from: Int32(offset * 14 + 1))
            }
            if let error = run(multiple.pointer) { return error }
            index += Self.rowsPerStatement
          } else {
            bind(rows[index], to: statement.pointer, from: 1)
            if let error = run(statement.pointer) { return error }
            index += 1
          }
        }
        return nil
      }
    }
  }
}
