import Foundation
import PropertyBased
import Testing

@testable import ZhaoshangKit

// Property tests of the monthly count: whatever the trips, the count must not depend on how they were written
// down (order, repeats, pieces), and the months must add up to the year.

/// The heads the generated trips belong to: two in one town unit, one in a department (10 and 5 days a month).
private let propertyHeads: [(unit: String, name: String)] = [("朱坝街道", "王某"), ("朱坝街道", "刘某"), ("住建局", "张某")]

/// 2022-01-01 as a day ordinal; generated trips start within 2022 and may run into January 2023.
private let propertyYearStart = CivilDate(year: 2022, month: 1, day: 1)?.ordinal ?? 0
private let propertyYearEnd = CivilDate(year: 2022, month: 12, day: 31)?.ordinal ?? 0

/// The months a check is run for: all of 2022 and the January a December trip may spill into.
private let propertyMonths: [Month] = (1...12).compactMap { Month(year: 2022, month: $0) }
private let propertyMonthsWithSpill: [Month] = propertyMonths + [Month(year: 2023, month: 1)].compactMap { $0 }

/// The trip that covers exactly the half days `halves` (each date is two halves: `2 x ordinal` the morning).
private func tripCovering(_ halves: ClosedRange<Int>, like model: Trip) -> Trip {
  var trip = model
  trip.start = CivilDate(ordinal: halves.lowerBound / 2)
  trip.startsAfternoon = halves.lowerBound % 2 == 1
  trip.end = CivilDate(ordinal: halves.upperBound / 2)
  trip.endsMorning = halves.upperBound % 2 == 0
  return trip
}

/// A random trip of one of `propertyHeads`: it starts in 2022, lasts 1–20 days, maybe starting at noon or
/// ending at noon; mostly a counted visit, sometimes an uncounted kind, now and then void.
private let tripGen = zip(
  Gen.int(in: 0...364), Gen.int(in: 1...20), Gen.bool, Gen.bool, Gen.int(in: 0...19),
  Gen.int(in: 0...(propertyHeads.count - 1))
).map { spec -> Trip in
  let (offset, days, pm, am, flavour, headIndex) = spec
  let head = propertyHeads[headIndex]
  let start = CivilDate(ordinal: propertyYearStart + offset)
  let end = start.adding(days: days - 1)
  // A one-day trip leaving at noon and back at noon covers nothing: the ledger refuses it, so do not make it.
  let endsMorning = am && !(days == 1 && pm)
  let kind = flavour == 0 ? TripKind.video.id : flavour == 1 ? TripKind.online.id : TripKind.visit.id
  return Trip(
    unit: head.unit, name: head.name, start: start, startsAfternoon: pm, end: end, endsMorning: endsMorning,
    kind: kind, destination: "上海",
    voiding: flavour == 2 ? Voiding(reason: "重复登记", by: "测试员", at: "2022-08-01") : nil)
}

private let tripsGen = tripGen.array(of: 1...12)

/// The roster for these properties: every head in post all year.
private let allYearPosts = propertyHeads.map { Post(unit: $0.unit, name: $0.name, role: "党工委书记") }

/// Counted halves per `unit/name` per month, as `MonthlyCheck` reports them.
private func countedHalves(_ trips: [Trip], posts: [Post] = allYearPosts, rules: RuleSet) -> [String: [Month: Int]] {
  var result: [String: [Month: Int]] = [:]
  for month in propertyMonthsWithSpill {
    let report = MonthlyCheck.run(month: month, rules: rules, posts: posts, trips: trips)
    for person in report.people {
      result["\(person.unit)/\(person.name)", default: [:]][month] = person.counted.halves
    }
  }
  return result
}

/// The half days a head's counted trips cover, worked out one half at a time, without `DayCounter`.
private func coveredHalfSet(_ trips: [Trip], unit: String, name: String, countedKinds: Set<String>) -> Set<Int> {
  var covered = Set<Int>()
  for trip in trips where trip.unit == unit && trip.name == name && !trip.isVoid && countedKinds.contains(trip.kind) {
    var half = trip.start.ordinal * 2 + (trip.startsAfternoon ? 1 : 0)
    let last = trip.end.ordinal * 2 + (trip.endsMorning ? 0 : 1)
    while half <= last {
      covered.insert(half)
      half += 1
    }
  }
  return covered
}

@Suite("Counting properties")
struct CountingPropertyTests {
  let rules: RuleSet

  init() throws {
    rules = try TestRules.set()
  }

  @Test("Counted days per head per month do not depend on the order trips are added")
  func orderDoesNotMatter() async {
    let rules = self.rules
    // Given random trips of three heads and a random reordering of them
    await propertyCheck(count: 200, input: tripsGen, Gen.uint64()) { trips, seed in
      var generator = SeededGenerator(seed: seed)
      let shuffled = trips.shuffled(using: &generator)
      let reversed = Array(trips.reversed())
      // When the months are checked with each order
      let expected = countedHalves(trips, rules: rules)
      // Then every head's count is the same in every month
      #expect(countedHalves(shuffled, rules: rules) == expected)
      #expect(countedHalves(reversed, rules: rules) == expected)
    }
  }

  @Test("Adding a duplicate of a recorded trip changes nothing")
  func duplicateChangesNothing() async {
    let rules = self.rules
    await propertyCheck(count: 200, input: tripsGen, Gen.int(in: 0...1000), Gen.int(in: 0...1000)) {
      trips, pick, position in
      // Given random trips and a copy of one of them, put anywhere in the list
      let copy = trips[pick % trips.count]
      var withCopy = trips
      withCopy.insert(copy, at: position % (trips.count + 1))
      // Then the counts are those without the copy
      #expect(countedHalves(withCopy, rules: rules) == countedHalves(trips, rules: rules))
    }
  }

  @Test("Adding a sub-trip (a range inside a recorded trip's half days) changes nothing")
  func subTripChangesNothing() async {
    let rules = self.rules
    await propertyCheck(
      count: 200, input: tripsGen, Gen.int(in: 0...1000), Gen.int(in: 0...1000), Gen.int(in: 0...1000)
    ) { trips, pick, low, high in
      // Given random trips and a trip covering some of the half days of one of them (same head, same kind)
      let model = trips[pick % trips.count]
      guard let halves = model.halves else {
        Issue.record("generated an empty trip: \(model)")
        return
      }
      let first = halves.lowerBound + low % halves.count
      let last = first + high % (halves.upperBound - first + 1)
      let sub = tripCovering(first...last, like: model)
      #expect(sub.halves == first...last)
      #expect(sub.halves.map { halves.contains($0.lowerBound) && halves.contains($0.upperBound) } == true)
      // When the sub-trip is added
      let withSub = trips + [sub]
      // Then nothing changes, in any month
      #expect(countedHalves(withSub, rules: rules) == countedHalves(trips, rules: rules))
    }
  }

  @Test("Splitting a trip at any half-day boundary into two trips changes nothing")
  func splitChangesNothing() async {
    let rules = self.rules
    await propertyCheck(count: 200, input: tripsGen, Gen.int(in: 0...1000), Gen.int(in: 0...1000)) {
      trips, pick, cut in
      // Given random trips, and one of them at least a day long
      let index = pick % trips.count
      let model = trips[index]
      guard let halves = model.halves, halves.count >= 2 else { return }
      // When it is cut before half `boundary`: an odd boundary makes the first part end at noon (AM) and the
      // second start at noon (PM) on the same day; an even one ends the first on a day and starts the second
      // the next morning
      let boundary = halves.lowerBound + 1 + cut % (halves.count - 1)
      let before = tripCovering(halves.lowerBound...(boundary - 1), like: model)
      let after = tripCovering(boundary...halves.upperBound, like: model)
      if boundary % 2 == 1 {
        #expect(before.endsMorning && after.startsAfternoon && before.end == after.start)
      } else {
        #expect(!before.endsMorning && !after.startsAfternoon && before.end.adding(days: 1) == after.start)
      }
      #expect(before.length + after.length == model.length)
      var split = trips
      split.replaceSubrange(index...index, with: [before, after])
      // Then every month counts the same
      #expect(countedHalves(split, rules: rules) == countedHalves(trips, rules: rules))
    }
  }

  @Test("The twelve months' counted halves sum to the halves the year's trips cover")
  func monthsSumToYear() async {
    let rules = self.rules
    await propertyCheck(count: 200, input: tripsGen) { trips in
      // Given heads in post all year, natural counting, and random trips (some running into 2023)
      let counted = countedHalves(trips, rules: rules)
      for head in propertyHeads {
        // When the twelve months of 2022 are added up
        let months = counted["\(head.unit)/\(head.name)"] ?? [:]
        let sum = propertyMonths.reduce(0) { $0 + (months[$1] ?? 0) }
        // Then they equal the halves covered in 2022, worked out half by half
        let covered = coveredHalfSet(trips, unit: head.unit, name: head.name, countedKinds: rules.countedKinds)
        let inYear = covered.filter { (propertyYearStart * 2...propertyYearEnd * 2 + 1).contains($0) }
        #expect(sum == inYear.count, "\(head.name)")
        // And no month counts more than it has halves
        for month in propertyMonths {
          #expect((months[month] ?? 0) <= month.dayCount * 2)
        }
      }
    }
  }

  /// A post held for part of the year (or all of it), for the required-days properties.
  private static let postGen = zip(
    Gen.int(in: 0...(propertyHeads.count - 1)), Gen.int(in: -30...364), Gen.int(in: 0...400), Gen.bool, Gen.bool
  ).map { spec -> Post in
    let (headIndex, fromOffset, length, openStart, openEnd) = spec
    let head = propertyHeads[headIndex]
    let from = CivilDate(ordinal: propertyYearStart + fromOffset)
    return Post(
      unit: head.unit, name: head.name, role: "镇长", from: openStart ? nil : from,
      to: openEnd ? nil : from.adding(days: length))
  }

  @Test(
    "Counted days never exceed the days in post; required days lie between 0 and min_days, and are min_days for a whole month in post",
    arguments: [true, false])
  func requiredAndCountedBounds(prorate: Bool) async throws {
    let rules = try TestRules.set(prorate: prorate)
    await propertyCheck(count: 150, input: tripsGen, Self.postGen) { trips, post in
      // Given one head in post for a random stretch, and random trips of all heads
      // When every month of 2022 is checked
      for month in propertyMonths {
        let report = MonthlyCheck.run(month: month, rules: rules, posts: [post], trips: trips)
        let inPost = post.daysInPost(during: month)
        // Then the head is assessed exactly in the months it was in post
        #expect(report.people.count == (inPost == nil ? 0 : 1), "\(month)")
        guard let person = report.people.first, let inPost else { continue }
        let minDays = rules.tier(of: post.unit)?.minDays ?? -1
        #expect(person.daysInPost == inPost.count)
        // counted ≤ days in post, and exactly the halves of the head's trips on days in post
        #expect(person.counted.halves <= person.daysInPost * 2)
        let covered = coveredHalfSet(trips, unit: post.unit, name: post.name, countedKinds: rules.countedKinds)
        #expect(person.counted.halves == covered.filter { inPost.contains($0 / 2) }.count, "\(month)")
        // 0 ≤ required ≤ min_days, and min_days itself for a whole month (or always, without prorating)
        #expect(person.required >= .zero)
        #expect(person.required <= DayCount(days: minDays))
        if person.daysInPost == month.dayCount || !prorate {
          #expect(person.required == DayCount(days: minDays))
        } else {
          #expect(person.required.halves == (2 * minDays * person.daysInPost + month.dayCount - 1) / month.dayCount)
        }
      }
    }
  }
}
