import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#elseif canImport(SQLite3)
  import SQLite3
#endif

/// The trip INSERT, prepared once per transaction and bound value by value through SQLite's C API.
///
/// A million-row import spends most of its time here: the row's text is copied once into one reused buffer
/// and bound in place (`SQLITE_STATIC`), with no record encoding, no argument array, no JSON encoder and no
/// allocation per row, which is what keeps it near the speed of the sqlite3 shell.
final class TripInsert {
  /// The row's text values, one after the other; rebuilt for each row, its storage kept.
  private var text: [UInt8] = []

  static let sql = """
    INSERT INTO trip (head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination, purpose,
      companies, recorded_by, recorded_at, void_reason, voided_by, voided_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  init() {
    text.reserveCapacity(4096)
  }

  /// Inserts the trip as the head's, stamped by `stamp`; returns the new row id. The connection is given for
  /// each row, not kept, so that an import's `InsertPipeline` stays the only way to it.
  func insert(_ trip: Trip, headId: Int64, stamp: Stamp, in db: Database) throws -> Int64 {
    // GRDB keeps the prepared statement. A reset first: a failed step leaves its error for the next reset, and
    // GRDB's own reset, in `setUncheckedArguments`, traps on one. Marking the arguments as set lets `execute()`
    // run the statement with the values bound below.
    let statement = try db.cachedStatement(sql: Self.sql)
    sqlite3_reset(statement.sqliteStatement)
    statement.setUncheckedArguments([])
    text.removeAll(keepingCapacity: true)
    let start = append(date: trip.start)
    let end = append(date: trip.end)
    let kind = append(trip.kind)
    let destination = append(trip.destination)
    let purpose = append(trip.purpose)
    let companiesStart = text.count
    CompanyJSON.encode(trip.companies, appendingTo: &text)
    let companies = companiesStart..<text.count
    let recordedBy = append(stamp.by)
    let recordedAt = append(stamp.at)
    // A voided row is stamped by whoever imports it, as `Ledger.voidTrip` stamps a void.
    let voidReason = trip.voiding.map { append($0.reason) }
    let handle = statement.sqliteStatement
    // Bound without copying: the buffer does not change until the statement has run.
    try text.withUnsafeBufferPointer { buffer in
      func bind(_ range: Range<Int>, at index: Int32) {
        // The buffer is never empty here (dates are in it), so every range has an address, even an empty one.
        _ = sqlite3_bind_text(handle, index, buffer.baseAddress.map { $0 + range.lowerBound }, Int32(range.count), nil)
      }
      sqlite3_bind_int64(handle, 1, headId)
      bind(start, at: 2)
      sqlite3_bind_int(handle, 3, trip.startsAfternoon ? 1 : 0)
      bind(end, at: 4)
      sqlite3_bind_int(handle, 5, trip.endsMorning ? 1 : 0)
      bind(kind, at: 6)
      bind(destination, at: 7)
      bind(purpose, at: 8)
      bind(companies, at: 9)
      bind(recordedBy, at: 10)
      bind(recordedAt, at: 11)
      if let voidReason {
        bind(voidReason, at: 12)
        bind(recordedBy, at: 13)
        bind(recordedAt, at: 14)
      } else {
        for index in Int32(12)...14 { sqlite3_bind_null(handle, index) }
      }
      defer { sqlite3_clear_bindings(handle) }
      try statement.execute()
    }
    return db.lastInsertedRowID
  }

  private func append(_ value: String) -> Range<Int> {
    let start = text.count
    var value = value
    value.withUTF8 { text.append(contentsOf: $0) }
    return start..<text.count
  }

  private func append(date: CivilDate) -> Range<Int> {
    let start = text.count
    ISODate.append(date, to: &text)
    return start..<text.count
  }
}

/// `YYYY-MM-DD` as bytes, both ways, for the hot paths that must not allocate.
enum ISODate {
  /// Appends the ten bytes of `date` (years 1 to 9999, as `CivilDate` guarantees).
  static func append(_ date: CivilDate, to bytes: inout [UInt8]) {
    let zero = UInt8(ascii: "0")
    let dash = UInt8(ascii: "-")
    bytes.append(zero + UInt8(date.year / 1000 % 10))
    bytes.append(zero + UInt8(date.year / 100 % 10))
    bytes.append(zero + UInt8(date.year / 10 % 10))
    bytes.append(zero + UInt8(date.year % 10))
    bytes.append(dash)
    bytes.append(zero + UInt8(date.month / 10))
    bytes.append(zero + UInt8(date.month % 10))
    bytes.append(dash)
    bytes.append(zero + UInt8(date.day / 10))
    bytes.append(zero + UInt8(date.day % 10))
  }

  /// Reads exactly `YYYY-MM-DD` from the start of `bytes`; nil for anything else, including a date that
  /// does not exist, so the caller can fall back to the full parser and its message.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    return CivilDate(year: year, month: month, day: day)
  }
}

/// The `companies` column's JSON array, written as GRDB's `JSONEncoder` writes a `[String]`.
package enum CompanyJSON {
  package static func encode(_ companies: [String], appendingTo json: inout [UInt8]) {
    json.append(UInt8(ascii: "["))
    for (index, company) in companies.enumerated() {
      if index > 0 { json.append(UInt8(ascii: ",")) }
      json.append(UInt8(ascii: "\""))
      var company = company
      // Nearly every name needs no escape: copied whole, not byte by byte.
      let plain = company.withUTF8 { bytes in
        guard
          !bytes.contains(where: {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/")
          })
        else { return false }
        json.append(contentsOf: bytes)
        return true
      }
      if plain {
        json.append(UInt8(ascii: "\""))
        continue
      }
      for byte in company.utf8 {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
          json.append(UInt8(ascii: "\\"))
          json.append(byte)
        case 0x08: json.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: json.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: json.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: json.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: json.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0..<0x20:
          let hex = Array("0123456789abcdef".utf8)
          json.append(contentsOf: Array("\\u00".utf8))
          json.append(hex[Int(byte >> 4)])
          json.append(hex[Int(byte & 0xF)])
        default: json.append(byte)
        }
      }
      json.append(UInt8(ascii: "\""))
    }
    json.append(UInt8(ascii: "]"))
  }
}
