import Foundation
import Testing

@testable import ZhaoshangKit

/// The optimised paths (streaming import through prepared statements, the check's SQL query, the byte-level
/// CSV parser) must give exactly what the plain paths give, on a small generated case with every awkward
/// row a real file has: repeats, overlaps, voids, afternoon starts, noon returns, long and month-crossing trips.
@Suite struct ImportEquivalenceTests {
  /// A small deterministic case: 3 units x 3 heads, trips from June to August 2022.
  struct Case {
    let rules: RuleBook
    let posts: [Post]
    let csv: String

    init(seed: UInt64 = 42) throws {
      var state = seed
      func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
      }
      let units = ["朱坝街道", "商务局", "残联"]
      let names = ["王某", "李某", "张某"]
      let tiers = [
        Tier(id: "town", title: "镇街党政主要负责人", minDays: 10, units: ["朱坝街道"]),
        Tier(id: "industry", title: "产业牵头部门负责人", minDays: 10, units: ["商务局"]),
        Tier(id: "task", title: "其他有项目招引任务的部门负责人", minDays: 5, units: ["残联"]),
      ]
      let from = try #require(CivilDate(iso: "2022-01-01"))
      rules = RuleBook(ruleSets: [
        RuleSet(
          title: "测试", effectiveFrom: from, explanationDueDay: 5, countedKinds: ["visit"], prorate: true, tiers: tiers,
          source: RuleSource(path: "rules/test.toml", sha256: String(repeating: "0", count: 64)))
      ])
      var posts: [Post] = []
      for unit in units {
        for (index, name) in names.enumerated() {
          // One head per unit arrives mid-July, so proration and the in-post rule are exercised.
          posts.append(
            Post(
              unit: unit, name: name, role: "负责人", from: index == 2 ? CivilDate(iso: "2022-07-16") : nil, to: nil))
        }
      }
      self.posts = posts
      let first = try #require(CivilDate(iso: "2022-06-01")).ordinal
      var rows = ["unit,name,start,end,destination,purpose,companies,kind,void_reason"]
      for unit in units {
        for (index, name) in names.enumerated() {
          var day = first + (index == 2 ? 46 : next(3))
          while day < first + 92 {
            let length = [1, 1, 2, 3, 4, 20][next(6)]
            let start = CivilDate(ordinal: day)
            let end = CivilDate(ordinal: day + length - 1)
            let pm = next(8) == 0 ? " PM" : ""
            let am = next(8) == 0 && !(length == 1 && !pm.isEmpty) ? " AM" : ""
            let kind = ["visit", "visit", "visit", "video", "", "视频洽谈"][next(6)]
            let companies = ["", "甲公司", "甲公司;乙公司", "\"丙公司, 丁公司\"", "A/B \\\"公司\\\""][next(5)]
            let void = next(15) == 0 ? "重复登记" : ""
            let row =
              "\(unit),\(name),\(start.iso)\(pm),\(end.iso)\(am),\(["上海", "苏州"][next(2)]),拜访企业,\(companies),\(kind),\(void)"
            rows.append(row)
            // A row sent twice, and a video call during the trip: a repeat and an overlap.
            if next(10) == 0 { rows.append(row) }
            if next(6) == 0 { rows.append("\(unit),\(name),\(start.iso),,上海,视频会议,,video,") }
            if next(7) == 0 { rows.append("\(unit),\(name),\(start.iso),\(start.iso),南京,洽谈,,visit,") }
            day += length + next(4)
          }
        }
      }
      csv = rows.joined(separator: "\r\n") + "\r\n"
    }

    func write() throws -> String {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("equivalence-\(UUID().uuidString).csv")
        .path
      try Data(("\u{FEFF}" + csv).utf8).write(to: URL(fileURLWithPath: path))
      return path
    }

    func ledger() throws -> Ledger {
      let ledger = try Ledger.inMemory()
      try ledger.addPosts(posts.map { Located($0) }, rules: rules, stamp: Self.stamp)
      return ledger
    }

    static let stamp = Stamp(by: "测试员", at: "2022-09-01T09:00:00+08:00")
    static let today = CivilDate(iso: "2022-09-30") ?? CivilDate(ordinal: 0)
  }

  /// What a trip is, without the ids and stamps the two paths assign.
  static func essence(_ trip: Trip) -> String {
    [
      trip.unit, trip.name, trip.startText(.en), trip.endText(.en), trip.kind, trip.destination, trip.purpose,
      trip.companies.joined(separator: "|"), trip.voiding?.reason ?? "",
    ].joined(separator: ",")
  }

  @Test func streamingImportRecordsWhatTheBatchPathRecords() throws {
    let generated = try Case()
    let path = try generated.write()
    defer { try? FileManager.default.removeItem(atPath: path) }

    // The plain path: read the whole file into `Located` values, then record them.
    let batch = try TripImporter.read(path: path)
    #expect(batch.problems.isEmpty)
    let plain = try generated.ledger()
    let outcome = try plain.recordTrips(
      batch.entries, rules: generated.rules, today: Case.today, stamp: Case.stamp)

    // The fast path: stream the file through the ledger's writer.
    let fast = try generated.ledger()
    let report = try fast.importTrips(rules: generated.rules, today: Case.today, stamp: Case.stamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }

    #expect(report.added == outcome.added.count)
    // Both keep the first ten repeats to name; the report counts them all.
    #expect(report.firstAlreadyPresent == outcome.alreadyPresent.compactMap(\.location))
    #expect(report.alreadyPresent > 10)
    #expect(report.added + report.alreadyPresent == batch.entries.count)
    #expect(report.warnings == outcome.warnings)
    #expect(report.warnings.contains { $0.message.en.contains("overlaps") })
    let plainTrips = try plain.trips()
    let fastTrips = try fast.trips()
    #expect(plainTrips.map(Self.essence) == fastTrips.map(Self.essence))
    #expect(fastTrips.map(\.recordedBy).allSatisfy { $0 == Case.stamp.by })
    #expect(fastTrips.contains { $0.isVoid && $0.voiding?.by == Case.stamp.by })
    #expect(fastTrips.contains { $0.companies.contains("A/B \\\"公司\\\"") })

    // Importing the file again adds nothing, voided trips included.
    let again = try fast.importTrips(rules: generated.rules, today: Case.today, stamp: Case.stamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
    #expect(again.added == 0)
    #expect(again.alreadyPresent == report.added + report.alreadyPresent)
  }

  @Test func refusedRowsAreReportedTheSameWay() throws {
    let generated = try Case()
    let bad =
      generated.csv
      + "残联,无名氏,2022-07-01,,上海,,,visit,\r\n朱坝街道,王某,2022-07-09 PM,2022-07-09 AM,上海,,,visit,\r\n"
      + "未知单位,王某,2022-07-01,,上海,,,visit,\r\n朱坝街道,王某,2099-01-01,,上海,,,visit,\r\n"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString).csv").path
    try Data(bad.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }

    let batch = try TripImporter.read(path: path)
    let plain = try generated.ledger()
    var plainError: ZhaoshangError?
    do {
      try plain.recordTrips(
        batch.entries, rules: generated.rules, today: Case.today, stamp: Case.stamp, carrying: batch.problems)
    } catch { plainError = error }
    var fastError: ZhaoshangError?
    let fast = try generated.ledger()
    do {
      _ = try fast.importTrips(rules: generated.rules, today: Case.today, stamp: Case.stamp) {
        (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: path, into: sink)
      }
    } catch { fastError = error }
    let plainProblems = try #require(plainError).problems
    #expect(plainProblems.count == 4)
    #expect(try #require(fastError).problems == plainProblems)
    // All or nothing: the refused file wrote nothing.
    #expect(try fast.trips().isEmpty)
  }

  @Test func checkQueryCountsWhatTheTripsGive() throws {
    let generated = try Case()
    let path = try generated.write()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ledger = try generated.ledger()
    _ = try ledger.importTrips(rules: generated.rules, today: Case.today, stamp: Case.stamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
    // Void one more trip, so a void made after the import is honoured too.
    let some = try #require(try ledger.trips().first { !$0.isVoid && $0.kind == "visit" })
    try ledger.voidTrip(id: try #require(some.id), reason: "核查", stamp: Case.stamp)

    let ruleSet = try generated.rules.ruleSet(for: try #require(Month(year: 2022, month: 7)))
    for month in [5, 6, 7, 8, 9].compactMap({ Month(year: 2022, month: $0) }) {
      let reference = MonthlyCheck.run(
        month: month, rules: ruleSet, posts: try ledger.posts(), trips: try ledger.trips())
      let fast = try ledger.check(month: month, rules: generated.rules)
      #expect(fast == reference, "\(month.iso)")
      for unit in fast.units {
        #expect(fast.people(of: unit.unit) == fast.people.filter { $0.unit == unit.unit })
      }
    }
    // The long trips (20 days) reach across month ends, so the partial index was needed to count them.
    #expect(try ledger.trips().contains { $0.end.ordinal - $0.start.ordinal > CheckQuery.longTripDays })
  }

  @Test func parserGivesTheSameRecordsWhateverTheChunks() throws {
    let text =
      "unit,name,note\r\n朱坝街道,王某,\"说\"\"明\"\"，含逗号,\r\n和换行\"\r\n\r\n  ,\t,\r\n残联,李某,x\"y\n"
      + "商务局,张某,\"end\"z\r\nlast,row,no newline"
    var bytes = Array(text.utf8)
    func records(chunk: Int) throws -> [CSVRecord] {
      var parser = CSVParser(encoding: .utf8)
      var found: [CSVRecord] = []
      var start = 0
      while start < bytes.count {
        let end = min(start + chunk, bytes.count)
        try bytes[start..<end].withUnsafeBufferPointer { try parser.feed($0) { found.append($0) } }
        start = end
      }
      try parser.finish { found.append($0) }
      return found
    }
    let whole = try records(chunk: bytes.count)
    #expect(whole.count == 6)
    #expect(whole[1].fields == ["朱坝街道", "王某", "说\"明\"，含逗号,\n和换行"])
    #expect(whole[1].line == 2)
    #expect(whole[2].isBlank)
    #expect(whole[3].fields == ["残联", "李某", "x\"y"])
    #expect(whole[4].fields == ["商务局", "张某", "endz"])
    #expect(whole[5].line == 8)
    for chunk in [1, 2, 3, 5, 7, 64] {
      #expect(try records(chunk: chunk) == whole, "chunks of \(chunk) bytes")
    }
    // A byte-order mark at the start of the file (in its first chunk, as CSVSheet reads it) changes nothing.
    bytes = [0xEF, 0xBB, 0xBF] + bytes
    #expect(try records(chunk: 1 << 20) == whole)
  }

  @Test func fastDateReadingAgreesWithTheFullParser() throws {
    for text in ["2022-07-04", "2022-07-04 PM", "2022-07-04 AM", "2022-07-04 pm", "2022-02-29", "2022-13-01"] {
      let full = try? DateText.parse(" " + text + " ").get()
      #expect((try? DateText.parse(text).get()) == full, "\(text)")
    }
    #expect(
      DateText.parseISO("2022-07-04 PM") == DateText(date: try #require(CivilDate(iso: "2022-07-04")), half: .afternoon)
    )
    #expect(DateText.parseISO("2022-02-30") == nil)
    #expect(DateText.parseISO("2022/7/4") == nil)
    #expect(CSVRow.trimmed(" 上海\u{3000}") == "上海")
    #expect(CSVRow.trimmed("上海") == "上海")
    // The byte split of plain `;` cells and the full split agree.
    #expect(CompanyList.split(" 甲公司 ;;乙公司") == ["甲公司", "乙公司"])
    #expect(CompanyList.split(" 甲公司 ;;乙公司\n") == ["甲公司", "乙公司"])
    #expect(CompanyList.split("甲公司；乙公司、丙") == ["甲公司", "乙公司", "丙"])
  }

  @Test func tableShortcutsMatchTheCharacterByCharacterRules() {
    func slowTrim(_ text: String) -> String {
      var copy = text
      while copy.last == " " { copy.removeLast() }
      return copy
    }
    for text in ["", "   ", "abc", "abc   ", "朱坝街道  ", "a \u{0600} ", "x\u{0301}  ", " 上海 ", "e\u{0600}  "] {
      #expect(text.trimmingTrailingSpaces() == slowTrim(text), "\(text.unicodeScalars.map(\.value))")
    }
    func slowWidth(_ scalar: Unicode.Scalar) -> Int {
      let value = scalar.value
      if value == 0 || (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) || value == 0xFE0F {
        return 0
      }
      if scalar.properties.isEmojiPresentation { return 2 }
      switch value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
        0x30000...0x3FFFD:
        return 2
      default:
        return 1
      }
    }
    for value in UInt32(0)...0x1_FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if DisplayWidth.width(of: scalar) != slowWidth(scalar) {
        Issue.record("width of U+\(String(value, radix: 16))")
        return
      }
    }
  }

  @Test func utf8CheckAgreesWithTheStandardLibrary() {
    var state: UInt64 = 3
    func next() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    let interesting: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
    ]
    for round in 0..<20_000 {
      let length = Int(next() % 6)
      let bytes = (0..<length).map { _ in round % 2 == 0 ? next() : interesting[Int(next()) % interesting.count] }
      bytes.withUnsafeBufferPointer { buffer in
        #expect(TextEncoding.isValidUTF8(buffer) == (String(validating: buffer, as: UTF8.self) != nil), "\(bytes)")
      }
    }
    Array("朱坝街道,𠀀,é".utf8).withUnsafeBufferPointer { #expect(TextEncoding.isValidUTF8($0)) }
  }

  @Test func overlapWithARecordedTripCitesItsId() throws {
    let generated = try Case()
    let ledger = try generated.ledger()
    let first = try #require(CivilDate(iso: "2022-07-04"))
    let recorded = try ledger.recordTrips(
      [Located(Trip(unit: "残联", name: "王某", start: first, end: first.adding(days: 2), destination: "上海"))],
      rules: generated.rules, today: Case.today, stamp: Case.stamp
    ).added
    let id = try #require(recorded.first?.id)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("overlap-\(UUID().uuidString).csv").path
    try Data("unit,name,start,end,destination\n残联,王某,2022-07-05,,苏州\n残联,王某,2022-07-05,,南京\n".utf8).write(
      to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let report = try ledger.importTrips(rules: generated.rules, today: Case.today, stamp: Case.stamp) {
      (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
      try TripImporter.stream(path: path, into: sink)
    }
    #expect(report.added == 2)
    #expect(report.warnings.count == 2)
    #expect(report.warnings.allSatisfy { $0.message.en.contains("#\(id) ") })
  }
}
