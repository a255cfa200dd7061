import Foundation
import ZhaoshangKit

/// A store's trips read on a task of their own while the command writes them out, a page at a time, at most two
/// pages ahead: the listing of a province's year never holds every trip, whatever engine keeps the ledger.
enum StreamedTrips {
  /// Calls `body` with each trip `trips(in:unit:name:)` lists, `passes` times over one snapshot (see
  /// `LedgerReading.forEachTripPage`), on the calling thread, as the store reads them.
  static func forEach(
    _ store: any LedgerStore, in month: Month?, unit: String?, name: String?, passes: Int = 1,
    _ body: (_ pass: Int, _ trip: Trip) throws -> Void
  ) throws {
    let pages = PageHandOff<(pass: Int, trips: [Trip])>(ahead: 2)
    let reading = AsyncWork.start {
      do throws(ZhaoshangError) {
        try await store.forEachTripPage(in: month, unit: unit, name: name, passes: passes) {
          pass, trips throws(ZhaoshangError) in
          try pages.put((pass, trips))
        }
        pages.finish(nil)
      } catch {
        pages.finish(error)
      }
    }
    // Whatever ends the writing (a full disk, a closed pipe), the reader is let go and its transaction ends first.
    defer {
      pages.abandon()
      reading.wait()
    }
    while let page = try pages.take() {
      for trip in page.trips { try body(page.pass, trip) }
    }
  }
}
