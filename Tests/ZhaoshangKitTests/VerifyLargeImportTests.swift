import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// `verify` reads an import's rows one at a time and compares them block by block with the digests its event
/// recorded (an event of more than `AuditTrail.fingerprintLimit` rows keeps one digest per block of
/// `AuditTrail.blockSize`, not one fingerprint per row): a change, a deletion and an insertion must each still
/// be named, in the right block, and nothing else.
@Suite("Verify over a large import")
struct VerifyLargeImportTests {
  /// The shared audited ledger plus one import of more trips than the event fingerprints one by one.
  static func largeImport(folder: URL) throws -> (fixture: AuditedLedger, first: Int64, count: Int) {
    let fixture = try AuditedLedger(folder: folder)
    let heads = [("朱坝街道", "王某"), ("朱坝街道", "刘某"), ("住建局", "唐某")]
    let count = AuditTrail.fingerprintLimit + AuditTrail.blockSize * 2 + 17
    // Spread over half a year, so that each head's day holds a few trips, not hundreds, to compare for overlaps.
    let january = try d("2022-01-01").ordinal
    var trips: [Located<Trip>] = []
    for index in 0..<count {
      let (unit, name) = heads[index % heads.count]
      let day = CivilDate(ordinal: january + (index / heads.count) % 180).iso
      trips.append(Located(try trip(unit, name, day, destination: "城市\(index)")))
    }
    let outcome = try fixture.ledger.recordTrips(
      trips, rules: try TestRules.book(), today: try d("2022-08-31"), stamp: fixture.stamp)
    let first = try #require(outcome.added.first?.id)
    #expect(outcome.added.count == count)
    return (fixture, first, count)
  }

  @Test("An untouched large import verifies, every row checked")
  func untouchedLargeImportVerifies() throws {
    try withTemporaryFolder { folder in
      // Given
      let (fixture, _, count) = try Self.largeImport(folder: folder)
      // When
      let report = try fixture.verify()
      // Then
      #expect(report.isClean, "\(report.text(.en))")
      #expect(report.rowsChecked == 7 + count)
    }
  }

  @Test("A changed, a deleted and an inserted trip of a large import are each named, in their block")
  func tamperedLargeImportIsNamed() throws {
    try withTemporaryFolder { folder in
      // Given a large import, then a trip changed in its third block and one deleted in its fifth
      let (fixture, first, count) = try Self.largeImport(folder: folder)
      let block = Int64(AuditTrail.blockSize)
      let changed = first + 2 * block + 5
      let deleted = first + 4 * block + 100
      try fixture.tamper("UPDATE trip SET destination = '北京' WHERE id = \(changed)")
      try fixture.tamper("DELETE FROM trip WHERE id = \(deleted)")
      try fixture.tamper(
        "INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at) VALUES (1, '2022-07-20', '2022-07-29', 'visit', '杭州', 'x', 'y')"
      )
      let event = try #require(try fixture.ledger.history().last?.id)

      // When
      let messages = try fixture.verify().disagreements.map { $0.text(.en) }

      // Then exactly these, the changed block named by its first and last trip
      let inserted = first + Int64(count)
      #expect(
        messages.prefix(3) == [
          "trip \(deleted), recorded by event \(event), is missing: it was deleted",
          "trips \(first + 2 * block) to \(first + 3 * block - 1), recorded together by event \(event), include a changed row",
          "trip \(inserted) was not recorded by any event: it was written outside zhaoshang",
        ])
      // and, the trip deleted and the one inserted having changed what counts, the kept month tallies disagree too
      #expect(messages.count == 4 && messages.last?.contains("the month tallies kept for each head disagree") == true)
    }
  }
}
