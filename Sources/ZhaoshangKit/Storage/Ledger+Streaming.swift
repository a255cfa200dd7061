import GRDB

extension Ledger {
  /// Trips read and handed over at most this many at a time, each batch with its review statuses.
  static let streamingBatch = 1000

  /// Calls `body` with each trip `trips(in:unit:name:)` lists, in the same order and with the same review
  /// statuses, as they are read: a listing of a province's year never holds every trip at once.
  public func forEachTrip(
    in month: Month? = nil, unit: String? = nil, name: String? = nil, _ body: (Trip) throws -> Void
  ) throws(ZhaoshangError) {
    try read { db in
      let cursor = try Self.tripsRequest(in: month, unit: unit, name: name).fetchCursor(db)
      var batch: [Trip] = []
      batch.reserveCapacity(Self.streamingBatch)
      // A batch's statuses in one query, as `trips` reads them for a short listing.
      func handOver() throws {
        for trip in try Self.withReview(batch, db: db) { try body(trip) }
        batch.removeAll(keepingCapacity: true)
      }
      while let record = try cursor.next() {
        batch.append(try record.value())
        if batch.count == Self.streamingBatch { try handOver() }
      }
      try handOver()
    }
  }
}
