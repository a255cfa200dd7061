import Foundation
import Testing

@testable import ZhaoshangKit

/// When every month before a bulletin's is closed, in order, the runs of short months and the year to date come
/// from the bulletin the month before published (`MonthResults.publishedChain`), not from walking back through
/// every frozen month. These tests hold that shortcut to the walk it replaces, and make sure it stands aside when
/// a reopened month breaks the chain.
@Suite("The bulletin read from the month before's publication")
struct BulletinPublishedChainTests {
  static let stamp = MonthCycle.stamp
  static let today = MonthCycle.today

  /// The half year of `BulletinHalfYearTests`, with January and then April closed after February and March:
  /// every month before May is closed, each before April.
  static func closedThroughApril() throws -> (Ledger, RuleBook) {
    let (ledger, rules) = try BulletinHalfYearTests.ledger()
    _ = try ledger.close(month: try m("2022-01"), rules: rules, today: today, stamp: stamp)
    _ = try ledger.close(month: try m("2022-04"), rules: rules, today: today, stamp: stamp)
    return (ledger, rules)
  }

  /// May's runs and year to date, read once with the shortcut allowed and once walking back, and which frozen
  /// months each read in full.
  static func mayBothWays(_ ledger: Ledger, rules: RuleBook) throws -> (
    chained: ([String: Int], YearToDate?, Set<Month>), walked: ([String: Int], YearToDate?, Set<Month>)
  ) {
    let may = try m("2022-05")
    func read(chain: Bool) throws -> ([String: Int], YearToDate?, Set<Month>) {
      try ledger.read { db in
        var months = try MonthResults(db: db, rules: rules)
        months.readsPublishedChain = chain
        let runs = try months.shortRuns(endingAt: may.previous)
        let year = try months.yearBefore(may)
        return (runs, year, Set(months.frozen.keys))
      }
    }
    return (try read(chain: true), try read(chain: false))
  }

  @Test("Every month before closed in order: the runs and year to date published the month before, no walk")
  func closedInOrderReadsThePublication() throws {
    // Given every month from January to April closed, February amended since it was frozen
    let (ledger, rules) = try Self.closedThroughApril()

    // When May's runs and year to date are read both ways
    let (chained, walked) = try Self.mayBothWays(ledger, rules: rules)

    // Then they agree, 乙镇 short four months running into May, and the shortcut read no month's frozen check
    #expect(chained.0 == walked.0)
    #expect(chained.1 == walked.1)
    #expect(chained.0["乙镇"] == 4)
    #expect(chained.1?.from == (try m("2022-01")))
    #expect(chained.2.isEmpty)
    #expect(walked.2.count == 4)
    // And May's bulletin is still the definition's
    let may = try ledger.bulletinStanding(month: m("2022-05"), rules: rules).bulletin(current: true)
    #expect(may == (try BulletinFastPathTests.definition(m("2022-05"), ledger: ledger, rules: rules)))
    #expect(may.shortUnits.first { $0.unit == "乙镇" }?.shortRun == 5)
  }

  @Test("A month reopened after the last close breaks the chain: the walk decides, as the definition does")
  func reopenedMonthBreaksTheChain() throws {
    // Given the months closed through April, then March reopened, both of 乙镇's heads' trips added, closed again
    let (ledger, rules) = try Self.closedThroughApril()
    let march = try m("2022-03")
    _ = try ledger.reopen(month: march, reason: "补录三月外出", stamp: Self.stamp)
    try ledger.recordTrips(
      [
        Located(try MonthCycle.trip("乙镇", "孙某", "2022-03-01", "2022-03-18", "杭州")),
        Located(try MonthCycle.trip("乙镇", "李某", "2022-03-01", "2022-03-18", "杭州")),
      ], rules: rules, today: Self.today, stamp: Self.stamp)
    _ = try ledger.close(month: march, rules: rules, today: Self.today, stamp: Self.stamp)

    // When May's runs and year to date are read both ways
    let (chained, walked) = try Self.mayBothWays(ledger, rules: rules)

    // Then the shortcut stood aside: both walked the frozen months, and 乙镇's run now starts in April, after the
    // March that April's publication still counted as short
    #expect(chained.0 == walked.0)
    #expect(chained.1 == walked.1)
    #expect(chained.2 == walked.2)
    #expect(chained.0["乙镇"] == 1)
    let april = try #require(try ledger.closes(month: m("2022-04")).last?.bulletin)
    #expect(april.shortUnits.first { $0.unit == "乙镇" }?.shortRun == 4)
    let may = try ledger.bulletinStanding(month: m("2022-05"), rules: rules).bulletin(current: true)
    #expect(may == (try BulletinFastPathTests.definition(m("2022-05"), ledger: ledger, rules: rules)))
  }
}
