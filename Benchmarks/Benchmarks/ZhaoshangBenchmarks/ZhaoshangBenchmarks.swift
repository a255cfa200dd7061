import Benchmark
import Foundation
import ZhaoshangKit

// Micro benchmarks of the hot paths: `swift package benchmark` in Benchmarks/ (compare.sh measures whole runs).
// Each iteration works on the same in-memory data, made here from a fixed seed.

/// A small deterministic data set: units x heads with trips over three months of 2022.
enum Data {
  static let units = (0..<40).map { "单位\($0)号" }
  static let names = ["王某", "李某", "张某", "刘某", "陈某", "杨某", "黄某", "赵某"]
  static let first = CivilDate(year: 2022, month: 6, day: 1) ?? CivilDate(ordinal: 0)
  static let month = Month(year: 2022, month: 7) ?? Month(containing: first)

  static let rules = RuleBook(ruleSets: [
    RuleSet(
      title: "基准", effectiveFrom: CivilDate(year: 2022, month: 1, day: 1) ?? first, explanationDueDay: 5,
      countedKinds: ["visit"], prorate: true,
      tiers: [Tier(id: "town", title: "镇街", minDays: 10, units: units)],
      source: RuleSource(path: "bench.toml", sha256: "0"))
  ])

  static let posts = units.flatMap { unit in names.map { Post(unit: unit, name: $0, role: "负责人") } }

  /// About 30 trips per head: 9,600 trips.
  static let trips: [Trip] = {
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var trips: [Trip] = []
    for post in posts {
      var day = first.ordinal + next(3)
      while day < first.ordinal + 90 {
        let length = 1 + next(4)
        trips.append(
          Trip(
            unit: post.unit, name: post.name, start: CivilDate(ordinal: day), startsAfternoon: next(10) == 0,
            end: CivilDate(ordinal: day + length - 1), kind: next(4) == 0 ? "video" : "visit",
            destination: ["上海", "苏州", "深圳"][next(3)], purpose: "拜访企业",
            companies: next(2) == 0 ? [] : ["苏州精密机械有限公司", "深圳电子科技有限公司"]))
        day += length + next(3)
      }
    }
    return trips
  }()

  static let csv: [UInt8] = {
    var lines = ["unit,name,start,end,destination,purpose,companies,kind"]
    for trip in trips {
      lines.append(
        "\(trip.unit),\(trip.name),\(trip.startText(.en)),\(trip.endText(.en)),\(trip.destination),\(trip.purpose),"
          + "\(trip.companies.joined(separator: ";")),\(trip.kind)")
    }
    return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }()

  static let csvPath: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-bench-trips.csv").path
    _ = FileManager.default.createFile(atPath: path, contents: Foundation.Data(csv))
    return path
  }()
}

/// Counts what an importer hands over, keeping nothing.
final class CountingSink: ImportSink {
  var count = 0
  func add(_ entry: Located<Trip>) throws(ZhaoshangError) { count += 1 }
  func reject(_ problem: Problem) {}
  func warn(_ problem: Problem) {}
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3), maxIterations: 200)

  Benchmark("CSV parsing (9,600 rows, bytes to records)") { benchmark in
    for _ in benchmark.scaledIterations {
      var parser = CSVParser(encoding: .utf8)
      var records = 0
      try Data.csv.withUnsafeBufferPointer { bytes in
        try parser.feed(bytes) { _ in records += 1 }
      }
      try parser.finish { _ in records += 1 }
      blackHole(records)
    }
  }

  Benchmark("CSV file to trips (9,600 rows)") { benchmark in
    let path = Data.csvPath
    for _ in benchmark.scaledIterations {
      let sink = CountingSink()
      try TripImporter.stream(path: path, into: sink)
      blackHole(sink.count)
    }
  }

  Benchmark("Day counting (320 heads, covered halves in a month)") { benchmark in
    let window = (Data.month.firstDay.ordinal * 2)...(Data.month.lastDay.ordinal * 2 + 1)
    let byHead = Dictionary(grouping: Data.trips.compactMap { trip in trip.halves.map { (trip.name + trip.unit, $0) } })
    {
      $0.0
    }.mapValues { $0.map(\.1) }
    for _ in benchmark.scaledIterations {
      var total = 0
      for ranges in byHead.values { total += DayCounter.coveredHalves(ranges, within: window) }
      blackHole(total)
    }
  }

  Benchmark("Monthly check, pure (320 heads, 9,600 trips)") { benchmark in
    let rules = try Data.rules.ruleSet(for: Data.month)
    for _ in benchmark.scaledIterations {
      blackHole(MonthlyCheck.run(month: Data.month, rules: rules, posts: Data.posts, trips: Data.trips))
    }
  }

  Benchmark(
    "Ledger check of a month (320 heads, 9,600 trips in memory)",
    configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(3))
  ) { (benchmark: Benchmark, ledger: Ledger) in
    for _ in benchmark.scaledIterations {
      blackHole(try ledger.check(month: Data.month, rules: Data.rules))
    }
  } setup: {
    let ledger = try Ledger.inMemory()
    let stamp = Stamp(by: "bench", at: "2022-10-01T00:00:00+08:00")
    try ledger.addPosts(Data.posts.map { Located($0) }, rules: Data.rules, stamp: stamp)
    try ledger.recordTrips(
      Data.trips.map { Located($0) }, rules: Data.rules, today: CivilDate(year: 2022, month: 10, day: 1) ?? Data.first,
      stamp: stamp)
    return ledger
  }

  Benchmark(
    "Import into a fresh ledger in memory (roster of 320, then 9,600 rows)",
    configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3))
  ) { benchmark in
    let path = Data.csvPath
    let stamp = Stamp(by: "bench", at: "2022-10-01T00:00:00+08:00")
    let today = CivilDate(year: 2022, month: 10, day: 1) ?? Data.first
    for _ in benchmark.scaledIterations {
      let ledger = try Ledger.inMemory()
      try ledger.addPosts(Data.posts.map { Located($0) }, rules: Data.rules, stamp: stamp)
      let report = try ledger.importTrips(rules: Data.rules, today: today, stamp: stamp) {
        (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: path, into: sink)
      }
      blackHole(report.added)
    }
  }
}
