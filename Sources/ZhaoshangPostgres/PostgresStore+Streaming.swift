import PostgresNIO
import ZhaoshangKit

/// Listings read as they are written out: a server-side cursor over the listing's query, fetched a page at a time
/// inside one REPEATABLE READ transaction, so every pass sees the same trips and none holds them all.
extension PostgresStore {
  /// Rows fetched from the cursor at a time: as SQLite's store hands them over.
  static let streamingPage = 1000

  public func forEachTripPage(
    in month: Month?, unit: String?, name: String?, passes: Int,
    _ page: @escaping @Sendable (_ pass: Int, _ trips: [Trip]) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError) {
    try await read { link throws(ZhaoshangError) in
      for pass in 0..<passes {
        // The cursor lives as long as the transaction, or until closed at the end of its pass; its query is the
        // one `trips(in:unit:name:)` runs, with the same bound values, so the two list the same trips in one order.
        let listing = Self.tripsListing(in: month, unit: unit, name: name)
        try await link.execute(
          PostgresQuery(unsafeSQL: "DECLARE zhaoshang_trips NO SCROLL CURSOR FOR " + listing.sql, binds: listing.binds))
        while true {
          let rows = try await link.rows("FETCH \(unescaped: String(Self.streamingPage)) FROM zhaoshang_trips")
          if rows.isEmpty { break }
          try page(pass, try rows.map(Self.trip(from:)))
          if rows.count < Self.streamingPage { break }
        }
        try await link.execute("CLOSE zhaoshang_trips")
      }
    }
  }
}
