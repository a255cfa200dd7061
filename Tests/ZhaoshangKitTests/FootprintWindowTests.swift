import Foundation
import Testing

@testable import ZhaoshangKit

/// An import keeps the footprints of trips only for a window of dates around the newest it met, and reads older
/// ones from the table: a repeat or an overlap arriving long after the window moved on, of this import's own row
/// or of a trip recorded years before, must be told exactly as when every footprint was kept.
@Suite("Trips met long after the window of footprints moved on")
struct FootprintWindowTests {
  static let heads = InsertPipelineTests.units.flatMap { unit in InsertPipelineTests.names.map { (unit, $0) } }
  /// Far fewer footprints than the files' rows, so the window moves many times, and recorded trips read by
  /// window from the first head on (with the standard limit on heads, each head's are read as it is met).
  static let small = FootprintLimits(footprintsBeforeSweep: 64, headsWithAllRecorded: 0, talliesBeforeMerge: 16)

  static func rules() throws -> RuleBook { RuleBook(ruleSets: [try TestRules.set(effectiveFrom: "2019-01-01")]) }

  /// Row text for head `index` of `heads`.
  static func row(_ index: Int, _ from: String, _ to: String, _ destination: String, void: String = "") -> String {
    let (unit, name) = heads[index]
    return "\(unit),\(name),\(from),\(to),\(destination),洽谈,甲公司,visit,\(void)"
  }

  static let header = "unit,name,start,end,destination,purpose,companies,kind,void_reason"

  /// The ledger's trips before the import: every head's in March 2019 and June 2022, head 0's voided one in May
  /// 2019, and head 5's in March 2024, which the file's rows in date order meet.
  static func recordedRows() -> [String] {
    heads.indices.map { row($0, "2019-03-04", "2019-03-05", "上海") }
      + [row(0, "2019-05-06", "2019-05-07", "南京", void: "重复登记")]
      + heads.indices.map { row($0, "2022-06-06", "2022-06-08", "上海") }
      + [row(5, "2024-03-02", "2024-03-03", "上海")]
  }

  /// 2,880 rows in date order, January 2024 to June 2025, four trips a month for every head, none meeting another;
  /// before them a row of head 0 and a long trip of head 4, and in March 2024 a repeat and an overlap of head 5's
  /// recorded trip; after them the rows long out of the window.
  static func file() throws -> String {
    var rows = [header, row(0, "2024-01-03", "2024-01-04", "杭州"), row(4, "2023-11-01", "2023-12-20", "西安")]
    var month = try m("2024-01")
    while month <= (try m("2025-06")) {
      for index in heads.indices {
        for day in [10, 14, 18, 22] {
          let from = month.firstDay.adding(days: day - 1)
          rows.append(row(index, from.iso, from.adding(days: 1).iso, "城市\(day)"))
        }
      }
      if month == (try m("2024-03")) {
        rows += [row(5, "2024-03-02", "2024-03-03", "上海"), row(5, "2024-03-03", "2024-03-04", "深圳")]
      }
      month = month.next
    }
    return
      (rows + [
        row(0, "2024-01-03", "2024-01-04", "杭州"),  // repeats the file's own row, 18 months back
        row(0, "2024-01-04", "2024-01-05", "宁波"),  // overlaps it
        row(1, "2019-03-04", "2019-03-05", "上海"),  // repeats a trip recorded in 2019
        row(1, "2019-03-05", "2019-03-06", "苏州"),  // overlaps it
        row(0, "2019-05-06", "2019-05-07", "南京"),  // repeats only a voided trip
        row(2, "2022-06-07", "2022-06-07", "广州"),  // overlaps a trip recorded in 2022
        row(4, "2023-11-01", "2023-12-20", "西安"),  // repeats the file's long trip
        row(4, "2023-12-19", "2023-12-19", "武汉"),  // overlaps it, starting 48 days after it
      ]).joined(separator: "\n") + "\n"
  }

  @Test(
    "Repeats and overlaps long out of the window are told as within it",
    arguments: [Int.max, DeferredIndexesTests.early],
    [small, FootprintLimits(footprintsBeforeSweep: 64)])
  func lateRepeatsAndOverlaps(deferAfter: Int, limits: FootprintLimits) throws {
    try withTemporaryFolder { folder in
      // Given a ledger with trips recorded in 2019, 2022 and 2024, and a file whose last rows meet trips 18 months
      // and years before them
      let today = try d("2025-12-31")
      let rules = try Self.rules()
      let ledger = try DeferredIndexesTests.ledger(
        at: folder.appendingPathComponent("ledger.sqlite").path, withTrips: false)
      let setup = folder.appendingPathComponent("recorded.csv").path
      let setupRows = ([Self.header] + Self.recordedRows()).joined(separator: "\n")
      try Data(setupRows.utf8).write(to: URL(fileURLWithPath: setup))
      _ = try DeferredIndexesTests.importing(setup, into: ledger, deferAfter: .max, rules: rules, today: today)
      let recorded = try ledger.trips()
      func id(_ head: Int, _ start: String) throws -> Int64 {
        let (unit, name) = Self.heads[head]
        return try #require(recorded.first { $0.unit == unit && $0.name == name && $0.start.iso == start }?.id)
      }
      let file = folder.appendingPathComponent("trips.csv").path
      try Data(try Self.file().utf8).write(to: URL(fileURLWithPath: file))

      // When it is imported
      let report = try DeferredIndexesTests.importing(
        file, into: ledger, deferAfter: deferAfter, rules: rules, today: today, limits: limits
      ).report

      // Then every repeat is skipped: of head 5's recorded trip (line 484), of the file's own rows and of trips
      // from 2019, after the 2,880 rows in date order
      let lines = { (locations: [String]) in locations.map { $0.split(separator: ":").last.map(String.init) ?? "" } }
      #expect(report.alreadyPresent == 5)
      #expect(report.added == 2 + 2880 + 1 + 4)
      #expect(lines(report.firstAlreadyPresent) == ["484", "2886", "2888", "2890", "2892"])
      // And every overlap is noted, citing the recorded trip it overlaps, and none of the file's own
      let overlaps = report.warnings.filter { $0.code == .tripOverlap }.map { ($0.location ?? "", $0.message.en) }
      let cited = try [(5, "2024-03-02"), (1, "2019-03-04"), (2, "2022-06-06")].map { try id($0.0, $0.1) }
      #expect(lines(overlaps.map(\.0)) == ["485", "2887", "2889", "2891", "2893"])
      try #require(overlaps.count == 5)
      #expect(overlaps[0].1.contains("#\(cited[0]) ") && overlaps[2].1.contains("#\(cited[1]) "))
      #expect(overlaps[3].1.contains("#\(cited[2]) "))
      #expect(!overlaps[1].1.contains("#") && !overlaps[4].1.contains("#"))
      // And the repeat of only a voided trip names the void to undo
      let voided = try id(0, "2019-05-06")
      let repeatsVoided = report.warnings.filter { $0.code == .tripRepeatsVoided }
      #expect(repeatsVoided.count == 1 && repeatsVoided.first?.message.en.contains("repeats trip \(voided),") == true)
      #expect(report.warnings.count == 6)
      #expect(try ledger.verify().isClean)
    }
  }

  @Test(
    "A file out of date order imports alike whether its footprints are kept or mostly dropped",
    arguments: [Int.max, DeferredIndexesTests.early],
    [small, FootprintLimits(headsWithAllRecorded: 0)])
  func shuffledFileAlikeWithFewFootprints(deferAfter: Int, limits: FootprintLimits) throws {
    try withTemporaryFolder { folder in
      // Given two copies of a ledger with a trip of every head, and 6,000 rows spread over a year in no order, with
      // repeats and overlaps of recorded trips and of their own rows
      let file = folder.appendingPathComponent("trips.csv").path
      try Data(try InsertPipelineTests.lateHeadsFile().utf8).write(to: URL(fileURLWithPath: file))
      let kept = try DeferredIndexesTests.ledger(at: folder.appendingPathComponent("kept.sqlite").path, withTrips: true)
      let swept = try DeferredIndexesTests.ledger(
        at: folder.appendingPathComponent("swept.sqlite").path, withTrips: true)

      // When one import keeps every footprint, and the other drops those out of its window every few rows
      let plain = try DeferredIndexesTests.importing(file, into: kept, deferAfter: deferAfter).report
      let windowed = try DeferredIndexesTests.importing(
        file, into: swept, deferAfter: deferAfter, limits: limits
      ).report

      // Then both record the same rows under the same ids, skip the same repeats and note the same overlaps
      #expect(plain.alreadyPresent > 100)
      #expect(windowed.added == plain.added)
      #expect(windowed.alreadyPresent == plain.alreadyPresent)
      #expect(windowed.firstAlreadyPresent == plain.firstAlreadyPresent)
      #expect(windowed.warnings == plain.warnings)
      #expect(plain.warnings.contains { $0.message.en.contains("overlaps trip #") })
      let keptRows = try DeferredIndexesTests.recorded(kept)
      let sweptRows = try DeferredIndexesTests.recorded(swept)
      #expect(sweptRows.trips == keptRows.trips)
      // And the audit events vouch for the same rows
      #expect(sweptRows.event == keptRows.event)
    }
  }
}
