import Foundation
import Testing

@testable import ZhaoshangKit

/// A month tally is a month's halves as a 64-bit set (`MonthTally`), and `MonthTallies` splits trips into them.
/// These tests hold both to what they replace: the ranges of half-days the check reads, and the months
/// `MonthSpanBuckets` deals trips to.
@Suite("Month tallies")
struct MonthTallyTests {
  /// A random trip: head, halves, kind and latest review step, within 2022 and early 2023.
  struct RandomTrip {
    let head: Int64
    let lower: Int
    let upper: Int
    let kind: String
    let status: ReviewStatus?
  }

  static func randomTrips(count: Int, seed: UInt64) throws -> [RandomTrip] {
    var generator = SeededGenerator(seed: seed)
    let first = try d("2022-01-01").ordinal * 2
    let statuses: [ReviewStatus?] = [nil, nil, nil, .approved, .submitted, .returned, .withdrawn]
    return (0..<count).map { _ in
      let lower = first + Int.random(in: 0..<(2 * 400), using: &generator)
      // Mostly short trips; some cross a month's end, a few run for months.
      let length = [0, 1, 3, 7, 15, 40, 130][Int.random(in: 0..<7, using: &generator)]
      return RandomTrip(
        head: Int64.random(in: 1...4, using: &generator), lower: lower,
        upper: lower + Int.random(in: 0...(length * 2 + 1), using: &generator),
        kind: ["visit", "video"][Int.random(in: 0..<2, using: &generator)],
        status: statuses[Int.random(in: 0..<statuses.count, using: &generator)])
    }
  }

  @Test("Any run of halves in a month comes back from its bits as the same halves")
  func bitsAndRangesRoundTrip() throws {
    // Given every month of 2024 (a leap February included) and random runs of halves reaching into it
    var generator = SeededGenerator(seed: 7)
    var month = try m("2024-01")
    while month <= (try m("2024-12")) {
      let firstDay = month.firstDay.ordinal
      let halves = month.dayCount * 2
      for _ in 0..<200 {
        let lower = firstDay * 2 + Int.random(in: -40..<(halves + 10), using: &generator)
        let upper = lower + Int.random(in: 0..<90, using: &generator)

        // When they are turned into bits and back
        let bits = MonthTally.bits(lower: lower, upper: upper, firstDay: firstDay, days: month.dayCount)
        let ranges = MonthTally.ranges(bits, firstDay: firstDay)

        // Then the ranges are the run cut to the month, and no bit lies outside the month's halves
        let (start, end) = (firstDay * 2, firstDay * 2 + halves - 1)
        let expected = lower <= end && upper >= start ? [max(lower, start)...min(upper, end)] : []
        #expect(ranges == expected, "\(month.iso) \(lower)...\(upper)")
        #expect(bits >> UInt64(halves) == 0)
      }
      month = month.next
    }
  }

  @Test("Several runs ORed together come back as their union, in order, joined where they touch")
  func unionOfRuns() throws {
    // Given random sets of halves of July 2022
    var generator = SeededGenerator(seed: 11)
    let july = try m("2022-07")
    let firstDay = july.firstDay.ordinal
    for _ in 0..<300 {
      var bits: UInt64 = 0
      var expected = Set<Int>()
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let lower = firstDay * 2 + Int.random(in: 0..<62, using: &generator)
        let upper = min(lower + Int.random(in: 0..<10, using: &generator), firstDay * 2 + 61)
        bits |= MonthTally.bits(lower: lower, upper: upper, firstDay: firstDay, days: 31)
        expected.formUnion(lower...upper)
      }

      // When the bits are read back as ranges
      let ranges = MonthTally.ranges(bits, firstDay: firstDay)

      // Then they cover exactly the halves set, each range apart from the next
      #expect(Set(ranges.flatMap { Array($0) }) == expected)
      #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound + 1 < $1.lowerBound })
    }
  }

  @Test("Random trips tallied by month give each head the same month as the trips dealt to the month")
  func talliesAgreeWithTheDealtTrips() throws {
    // Given random trips of four heads, overlapping, of two kinds and every review status
    let trips = try Self.randomTrips(count: 600, seed: 2022).sorted { $0.lower < $1.lower }
    var months = [try m("2022-01")]
    while months.count < 14, let last = months.last { months.append(last.next) }
    let rules = try TestRules.set(counted: ["visit"])
    let counted = trips.filter { $0.kind == "visit" }

    // When they are dealt to months as the trips' pass does, and tallied
    var dealt: [Month: MonthSpanBuckets.MonthHalves] = [:]
    var buckets = MonthSpanBuckets(months: months)
    for trip in counted {
      buckets.add(
        head: trip.head, lower: trip.lower, upper: trip.upper, status: trip.status == .approved ? nil : trip.status
      ) { dealt[$0] = $1 }
    }
    buckets.finish { dealt[$0] = $1 }
    var tallies = MonthTallies()
    for trip in trips {
      tallies.add(head: trip.head, kind: trip.kind, lower: trip.lower, upper: trip.upper, status: trip.status)
    }
    var fromTallies: [Month: MonthSpanBuckets.MonthHalves] = [:]
    for (key, tally) in tallies.sorted where key.kind == "visit" {
      fromTallies[key.month, default: .init()].add(
        head: key.head, tally: tally, firstDay: key.month.firstDay.ordinal)
    }

    // Then every head's month counts the same halves, pending halves and trips ending in it
    let everyone = [Post(unit: "朱坝街道", name: "王某", role: "书记", from: nil, to: nil)]
    for month in months {
      let fromTrips = try #require(dealt[month])
      let kept = fromTallies[month] ?? .init()
      for head in Int64(1)...4 {
        let expected = HeadMonth(
          posts: everyone, month: month, rules: rules, trips: fromTrips.counted[head] ?? [],
          pending: fromTrips.pending[head] ?? [], leaves: [])
        let tallied = HeadMonth(
          posts: everyone, month: month, rules: rules, trips: kept.counted[head] ?? [],
          pending: kept.pending[head] ?? [], leaves: [])
        #expect(tallied.countedHalves == expected.countedHalves, "\(month.iso) head \(head)")
        #expect(tallied.pendingHalves == expected.pendingHalves, "\(month.iso) head \(head)")
        #expect(kept.ending[head] == fromTrips.ending[head], "\(month.iso) head \(head)")
      }
    }
    #expect(fromTallies.values.contains { !$0.pending.isEmpty })
  }
}
