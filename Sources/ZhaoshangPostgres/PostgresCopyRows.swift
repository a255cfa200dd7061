import Foundation
import NIOCore
import PostgresNIO
import ZhaoshangKit

/// A PostgreSQL ledger's side of `zhaoshang copy`, on one connection inside one of the store's transactions:
/// rows read as canonical text as they stream in, and rows written with `COPY … FROM STDIN`, PostgreSQL's bulk
/// load, which takes a batch of thousands of rows in one message stream instead of one statement per row.
struct PostgresCopyRows: CopyReader, CopyWriter {
  let link: PostgresLink

  // MARK: Reading

  func forEachBatch(of table: CopiedTable, _ body: ([[String?]]) async throws(ZhaoshangError) -> Void)
    async throws(ZhaoshangError)
  {
    // jsonb is read as text; every other type as PostgresLink renders it, which is SQLite's text for the value.
    let columns = table.columns.map { $0.kind == .jsonb || $0.kind == .json ? "\($0.name)::text" : $0.name }
    let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.key)"
    do {
      var batch: [[String?]] = []
      batch.reserveCapacity(LedgerCopier.batchSize)
      // The rows stream in as they are read, with back-pressure: a batch is written before more are fetched.
      for try await row in try await link.connection.query(PostgresQuery(unsafeSQL: sql), logger: link.logger) {
        var values: [String?] = []
        values.reserveCapacity(table.columns.count)
        for (cell, column) in zip(row, table.columns) {
          let text = try PostgresLink.text(of: cell)
          // jsonb keeps JSON in a form of its own; the ledger's form is zhaoshang's, as the audit reads it.
          values.append(column.kind == .jsonb ? text.map { CanonicalText.json(column: column.name, text: $0) } : text)
        }
        batch.append(values)
        if batch.count == LedgerCopier.batchSize {
          try await body(batch)
          batch.removeAll(keepingCapacity: true)
        }
      }
      if !batch.isEmpty { try await body(batch) }
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw PostgresFailure.translate(error, address: link.address)
    }
  }

  func lastHash() async throws(ZhaoshangError) -> String? {
    try await link.value("SELECT hash FROM event ORDER BY id DESC LIMIT 1")
  }

  // MARK: Writing

  func append(_ rows: [[String?]], to table: CopiedTable) async throws(ZhaoshangError) {
    guard !rows.isEmpty else { return }
    let kinds = table.columns.map(\.kind)
    do {
      try await link.connection.copyFrom(table: table.name, columns: table.columnNames, logger: link.logger) {
        writer in
        var buffer = ByteBuffer()
        buffer.reserveCapacity(Self.flushSize + 4096)
        for row in rows {
          Self.appendLine(row, kinds: kinds, to: &buffer)
          if buffer.readableBytes >= Self.flushSize {
            try await writer.write(buffer)
            buffer.clear()
          }
        }
        if buffer.readableBytes > 0 { try await writer.write(buffer) }
      }
    } catch {
      throw PostgresFailure.translate(error, address: link.address)
    }
  }

  func voidTrip(id: Int64, reason: String, by: String, at: String) async throws(ZhaoshangError) {
    try await link.execute(
      "UPDATE trip SET void_reason = \(reason), voided_by = \(by), voided_at = \(at) WHERE id = \(id)")
  }

  func rebuildTallies() async throws(ZhaoshangError) {
    try await PostgresStore.rebuildTallies(link: link)
  }

  /// Bytes gathered before they are sent: a few hundred trips' worth.
  static let flushSize = 256 * 1024

  /// One row in COPY's text format: columns split by tabs, NULL as `\N`, backslash, tab, newline and carriage
  /// return escaped; booleans as 1 and 0, dates as YYYY-MM-DD and JSON as text are PostgreSQL's own input forms,
  /// and bytes go as bytea's hex form (`\x…`, its backslash escaped).
  static func appendLine(_ row: [String?], kinds: [CopiedTable.Kind], to buffer: inout ByteBuffer) {
    for (index, (value, kind)) in zip(row, kinds).enumerated() {
      if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
      guard let value else {
        buffer.writeStaticString("\\N")
        continue
      }
      if kind == .bytes {
        buffer.writeStaticString("\\\\x")
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in Data(base64Encoded: value) ?? Data() {
          buffer.writeInteger(digits[Int(byte >> 4)])
          buffer.writeInteger(digits[Int(byte & 0x0F)])
        }
        continue
      }
      PostgresStore.appendCopyText(value, to: &buffer)
    }
    buffer.writeInteger(UInt8(ascii: "\n"))
  }

  /// Moves each identity sequence past the largest id copied, so the next row written gets a new id.
  func advanceSequences() async throws(ZhaoshangError) {
    for table in CopiedTable.copiedInOrder where table.hasIdentity {
      try await link.execute(
        """
        SELECT setval(pg_get_serial_sequence(\(table.name), 'id'), last)
        FROM (SELECT max(id) AS last FROM \(unescaped: table.name)) AS copied WHERE last IS NOT NULL
        """)
    }
  }

  /// The tables of `CopiedTable.everyTable` holding any row.
  func tablesWithRows() async throws(ZhaoshangError) -> [String] {
    var found: [String] = []
    for table in CopiedTable.everyTable {
      if try await link.value("SELECT EXISTS (SELECT 1 FROM \(unescaped: table))") == "1" { found.append(table) }
    }
    return found
  }

  /// `verify` inside the copy's own transaction, before it commits: the audit chain, the rows it vouches for, the
  /// documents and the schema, as `PostgresStore.verify` checks them.
  func verify() async throws(ZhaoshangError) -> VerifyReport {
    try await PostgresStore.verify(link: link, pageSize: 10_000)
  }

}
