import Foundation
import Testing

@testable import ZhaoshangKit

/// Once few units are still running, a run of short months is followed back unit by unit, each unit checked alone
/// (`MonthResults.unitByUnitShare`, `MonthSpanCheck.shortAlone`). These tests hold that to computing every month
/// whole; both read the months' kept tallies, and `BulletinFastPathTests` hold those to the trips.
@Suite("Runs of short months followed back unit by unit")
struct ShortRunsUnitByUnitTests {
  /// The runs ending with each of `months`, computed whole (share 0) and unit by unit (share 1).
  static func bothWays(_ ledger: Ledger, rules: RuleBook, months: [Month], ignoringFreezes: Bool = false) throws
    -> [(whole: [String: Int], alone: [String: Int])]
  {
    try months.map { month in
      func runs(share: Double) throws -> [String: Int] {
        try ledger.read { db in
          var results = try MonthResults(db: db, rules: rules, ignoringFreezes: ignoringFreezes)
          results.unitByUnitShare = share
          return try results.shortRuns(endingAt: month)
        }
      }
      return (try runs(share: 0), try runs(share: 1))
    }
  }

  @Test("The half year: closed, amended, vacant and two-post months give the same runs both ways")
  func halfYear() throws {
    // Given the half year, with February and March closed and February amended since
    let (ledger, rules) = try BulletinHalfYearTests.ledger()
    let months = try ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07"].map { try m($0) }

    // When the runs ending with each month are read both ways, with the closes and ignoring them
    let frozen = try Self.bothWays(ledger, rules: rules, months: months)
    let today = try Self.bothWays(ledger, rules: rules, months: months, ignoringFreezes: true)

    // Then they agree month by month, and 乙镇's run reaches back through the closed months to January
    for (index, month) in months.enumerated() {
      #expect(frozen[index].whole == frozen[index].alone, "\(month.iso)")
      #expect(today[index].whole == today[index].alone, "\(month.iso), ignoring closes")
    }
    #expect(frozen[4].alone["乙镇"] == 5)
    #expect(frozen[6].alone.values.allSatisfy { $0 == 1 })
  }

  @Test("The generated ledger: overlapping trips, leave and every review status give the same runs both ways")
  func generated() throws {
    // Given the generated ledger of June to August 2022, June closed and amended
    let (ledger, rules) = try BulletinFastPathTests.generatedLedger()
    let months = try ["2022-06", "2022-07", "2022-08", "2022-09"].map { try m($0) }

    // When the runs are read both ways
    let runs = try Self.bothWays(ledger, rules: rules, months: months)
    let today = try Self.bothWays(ledger, rules: rules, months: months, ignoringFreezes: true)

    // Then they agree, and some unit has been short more than one month
    for (index, month) in months.enumerated() {
      #expect(runs[index].whole == runs[index].alone, "\(month.iso)")
      #expect(today[index].whole == today[index].alone, "\(month.iso), ignoring closes")
    }
    #expect(runs.contains { $0.alone.values.contains { $0 > 1 } })
  }
}
