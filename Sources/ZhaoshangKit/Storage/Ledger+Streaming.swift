import GRDB

extension Ledger {
  /// Trips read and handed over at most this many at a time, each batch with its review statuses.
  static let streamingBatch = 1000

  /// Calls `body` with each trip `trips(in:unit:name:)` lists, in the same order and with the same review
  /// statuses, as they are read: a listing of a province's year never holds every trip at once.
  public func forEachTrip(
    in month: Month? = nil, unit: String? = nil, name: String? = nil, _ body: (Trip) throws -> Void
  ) throws(ZhaoshangError) {
    try read { db in try Self.forEachTrip(in: month, unit: unit, name: name, db: db, body) }
  }

  /// `forEachTrip` twice over the same trips, in one read: `first` sees every trip, then `second` sees them all
  /// again. A table is aligned to its widest cell, so it is measured on the first reading and written on the
  /// second, without holding the trips in between.
  public func forEachTripTwice(
    in month: Month? = nil, unit: String? = nil, name: String? = nil, _ first: (Trip) throws -> Void,
    then second: (Trip) throws -> Void
  ) throws(ZhaoshangError) {
    try read { db in
      try Self.forEachTrip(in: month, unit: unit, name: name, db: db, first)
      try Self.forEachTrip(in: month, unit: unit, name: name, db: db, second)
    }
  }

  private static func forEachTrip(
    in month: Month?, unit: String?, name: String?, db: Database, _ body: (Trip) throws -> Void
  ) throws {
    let cursor = try tripsRequest(in: month, unit: unit, name: name).fetchCursor(db)
    var batch: [Trip] = []
    batch.reserveCapacity(streamingBatch)
    // A batch's statuses in one query, as `trips` reads them for a short listing.
    func handOver() throws {
      for trip in try withReview(batch, db: db) { try body(trip) }
      batch.removeAll(keepingCapacity: true)
    }
    while let record = try cursor.next() {
      batch.append(try record.value())
      if batch.count == streamingBatch { try handOver() }
    }
    try handOver()
  }
}
