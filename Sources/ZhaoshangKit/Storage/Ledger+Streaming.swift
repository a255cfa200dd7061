import GRDB

extension Ledger {
  /// Trips read and handed over at most this many at a time, each batch with its review statuses.
  static let streamingBatch = 1000

  /// The trips `trips(in:unit:name:)` lists, in the same order and with the same review statuses, handed over a
  /// page (a batch of `streamingBatch`) at a time as they are read, `passes` times over one read: `body` gets the
  /// pass, counted from 0, and the page. A listing of a province's year never holds every trip at once, and a
  /// table, aligned to its widest cell, is measured on one pass and written on the next.
  public func forEachTripPage(
    in month: Month? = nil, unit: String? = nil, name: String? = nil, passes: Int,
    _ body: (_ pass: Int, _ trips: [Trip]) throws -> Void
  ) throws(ZhaoshangError) {
    try read { db in
      for pass in 0..<passes {
        try Self.forEachTripPage(in: month, unit: unit, name: name, db: db) { try body(pass, $0) }
      }
    }
  }

  private static func forEachTripPage(
    in month: Month?, unit: String?, name: String?, db: Database, _ body: ([Trip]) throws -> Void
  ) throws {
    let cursor = try tripsRequest(in: month, unit: unit, name: name).fetchCursor(db)
    var batch: [Trip] = []
    batch.reserveCapacity(streamingBatch)
    // A batch's statuses in one query, as `trips` reads them for a short listing.
    func handOver() throws {
      guard !batch.isEmpty else { return }
      try body(try withReview(batch, db: db))
      batch.removeAll(keepingCapacity: true)
    }
    while let record = try cursor.next() {
      batch.append(try record.value())
      if batch.count == streamingBatch { try handOver() }
    }
    try handOver()
  }
}
