import Foundation
import Logging
import NIOCore
import PostgresNIO
import ZhaoshangKit

/// One connection lent to a store method for its transaction, with the few ways the store reads and writes.
///
/// Every value comes back as its canonical text (see `text(of:)`).
struct PostgresLink {
  let connection: PostgresConnection
  let address: PostgresAddress
  let logger: Logger

  /// The rows of a query, each as its columns' text (nil for NULL), in the query's column order.
  func rows(_ query: PostgresQuery) async throws(ZhaoshangError) -> [[String?]] {
    do {
      var rows: [[String?]] = []
      for try await row in try await connection.query(query, logger: logger) {
        var values: [String?] = []
        values.reserveCapacity(row.count)
        for cell in row { values.append(try Self.text(of: cell)) }
        rows.append(values)
      }
      return rows
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  /// Calls `body` with each row of a query as it arrives, keeping none: for reads of a month's trips or more, where
  /// the text of every cell (`rows`) would cost more than the query.
  func forEach(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) async throws(ZhaoshangError) {
    do {
      for try await row in try await connection.query(query, logger: logger) { try body(row) }
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  /// Runs a statement, discarding any rows.
  func execute(_ query: PostgresQuery) async throws(ZhaoshangError) {
    _ = try await rows(query)
  }

  /// Streams `rows`, in `COPY`'s text format, into `columns` of `table` (names the store's own, never input).
  func copy(into table: String, columns: [String], rows: ByteBuffer) async throws(ZhaoshangError) {
    do {
      try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
        try await writer.write(rows)
      }
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  /// The first column of the first row, when there is one and it is not NULL.
  func value(_ query: PostgresQuery) async throws(ZhaoshangError) -> String? {
    try await rows(query).first?.first ?? nil
  }

  /// The first column of the first row as an integer (an id, a count); nil when there is none.
  func int64(_ query: PostgresQuery) async throws(ZhaoshangError) -> Int64? {
    try await value(query).flatMap { Int64($0) }
  }

  /// A cell as its value's canonical text (`CanonicalText`), which is also the text SQLite's ledger stores for
  /// it: rows read here feed the same parsing and the same audit fingerprints as SQLite's rows do.
  static func text(of cell: PostgresCell) throws -> String? {
    guard var bytes = cell.bytes else { return nil }
    switch cell.dataType {
    case .bool: return CanonicalText.of(try cell.decode(Bool.self))
    case .int2, .int4, .int8: return CanonicalText.of(try cell.decode(Int64.self))
    case .date:
      if cell.format == .text { return bytes.readString(length: bytes.readableBytes) }
      // PostgreSQL's binary date: days since 2000-01-01, which is day 10,957 of the Unix epoch.
      guard let days = bytes.readInteger(as: Int32.self) else { return nil }
      return CanonicalText.of(CivilDate(ordinal: Int(days) + 10_957))
    case .bytea: return CanonicalText.of(Data(bytes.readableBytesView))
    default: return try cell.decode(String.self)
    }
  }
}
