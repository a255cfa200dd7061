import Foundation
import Testing

@testable import ZhaoshangKit

// Text that tries to break storage and output: quotes, semicolons, SQL, emoji and CJK in every name and field
// must be stored and printed back exactly as given.

/// Awkward text, compared scalar by scalar so that even a Unicode normalisation counts as a change.
enum AwkwardText {
  /// Unit names as the rule file declares them (the second one TOML-escaped in the file).
  static let units = [
    "O'Brien; DROP TABLE trip;--", "单位\"引号\"", "🏭招商局", "Robert'); DROP TABLE head;--", "👨‍👩‍👧家庭服务中心",
  ]
  /// The rule file declaring `units`, as a clerk would write it.
  static let ruleText = """
    title = "测试规则 \\"引号\\" 'single'; -- 🎉"
    effective_from = "2022-01-01"

    [[tier]]
    id = "town"
    title = "镇街; DROP TABLE tier;--"
    min_days = 10
    units = ["O'Brien; DROP TABLE trip;--", "单位\\"引号\\"", "🏭招商局"]

    [[tier]]
    id = "task"
    title = "部门 \\"任务\\""
    min_days = 5
    units = ["Robert'); DROP TABLE head;--", "👨‍👩‍👧家庭服务中心"]

    """

  static let names = [
    "O'Neil \"老王\"", "'); DELETE FROM trip; --", "张三👨‍👩‍👧", "🇨🇳李四🇭🇰", "Zoe\u{0308} Ünal", "王,某",
  ]
  static let roles = ["书记; 主任", "role, with \"comma\"", "'); DROP TABLE post; --", "镇长🏛️", "第一行 / 第二行", "主任"]
  static let destinations = ["上海; 苏州", "Paris, \"France\"", "'); DELETE FROM trip; --", "🇯🇵東京", "深圳 南山区", "北京"]
  static let purposes = [
    "洽谈 \"新能源\" 项目; 签约", "'); DELETE FROM trip; -- 第二行", "见 O'Reilly, 谈合作", "🤝👨‍👩‍👧‍👦 家庭", "", "招商; 引资",
  ]
  /// Company names hold no list separator (`;`, `；`, `、`, a line break): those split a list.
  static let companies: [[String]] = [
    ["O'Reilly \"Media\"", "Little Bobby Tables, Inc."],
    ["Robert'), ('x') -- DROP TABLE trip"],
    ["🏭工厂👨‍👩‍👧", "🇨🇳中国 公司"],
    ["\"引号\"有限公司", "a,b,c 公司", "Zoe\u{0308} GmbH"],
    [],
    ["华为技术有限公司"],
  ]
}

/// Whether two strings hold the very same Unicode scalars (Swift's `==` forgives a normalisation).
func sameScalars(_ left: String, _ right: String) -> Bool {
  Array(left.unicodeScalars) == Array(right.unicodeScalars)
}

func sameScalars(_ left: [String], _ right: [String]) -> Bool {
  left.count == right.count && zip(left, right).allSatisfy { sameScalars($0, $1) }
}

@Suite("Awkward text round trips")
struct RoundTripTextTests {
  /// The awkward rule file, loaded from a temporary folder the way `--rules` would.
  func loadRules() throws -> RuleBook {
    try withTemporaryFolder { folder in
      let file = folder.appendingPathComponent("rules.toml")
      try Data(AwkwardText.ruleText.utf8).write(to: file)
      return try RuleFileParser.loadBook(at: file.path)
    }
  }

  /// Each awkward name in its own unit, in post from 2022-01-01, each with one awkward trip in July 2022.
  func fixture() throws -> (posts: [Post], trips: [Trip]) {
    var posts: [Post] = []
    var trips: [Trip] = []
    for index in AwkwardText.names.indices {
      let unit = AwkwardText.units[index % AwkwardText.units.count]
      let name = AwkwardText.names[index]
      posts.append(
        Post(unit: unit, name: name, role: AwkwardText.roles[index], from: try d("2022-01-01"), to: nil))
      let start = try d("2022-07-04").adding(days: index * 3)
      trips.append(
        Trip(
          unit: unit, name: name, start: start, startsAfternoon: index % 2 == 1, end: start.adding(days: 1),
          endsMorning: index % 3 == 0, destination: AwkwardText.destinations[index],
          purpose: AwkwardText.purposes[index], companies: AwkwardText.companies[index]))
    }
    return (posts, trips)
  }

  /// A ledger holding the fixture, written through the ledger's own checks.
  func filledLedger() throws -> (Ledger, RuleBook, [Post], [Trip]) {
    let rules = try loadRules()
    let (posts, trips) = try fixture()
    let ledger = try Ledger.inMemory()
    try ledger.addPosts(
      posts.enumerated().map { located($1, line: $0 + 2, file: "roster.csv") }, rules: rules, stamp: testStamp)
    let outcome = try ledger.recordTrips(
      trips.enumerated().map { located($1, line: $0 + 2, file: "trips.csv") }, rules: rules,
      today: try d("2022-12-31"), stamp: testStamp)
    #expect(outcome.added.count == trips.count)
    return (ledger, rules, posts, trips)
  }

  func expectSamePosts(_ read: [Post], _ written: [Post], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(read.count == written.count, sourceLocation: sourceLocation)
    for (got, want) in zip(read, written) {
      #expect(sameScalars(got.unit, want.unit), "\(got.unit) ≠ \(want.unit)", sourceLocation: sourceLocation)
      #expect(sameScalars(got.name, want.name), "\(got.name) ≠ \(want.name)", sourceLocation: sourceLocation)
      #expect(sameScalars(got.role, want.role), "\(got.role) ≠ \(want.role)", sourceLocation: sourceLocation)
      #expect(got.from == want.from && got.to == want.to, sourceLocation: sourceLocation)
    }
  }

  func expectSameTrips(_ read: [Trip], _ written: [Trip], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(read.count == written.count, sourceLocation: sourceLocation)
    for (got, want) in zip(read, written) {
      #expect(sameScalars(got.unit, want.unit), "\(got.unit) ≠ \(want.unit)", sourceLocation: sourceLocation)
      #expect(sameScalars(got.name, want.name), "\(got.name) ≠ \(want.name)", sourceLocation: sourceLocation)
      #expect(
        sameScalars(got.destination, want.destination), "\(got.destination) ≠ \(want.destination)",
        sourceLocation: sourceLocation)
      #expect(
        sameScalars(got.purpose, want.purpose), "\(got.purpose) ≠ \(want.purpose)", sourceLocation: sourceLocation)
      #expect(
        sameScalars(got.companies, want.companies), "\(got.companies) ≠ \(want.companies)",
        sourceLocation: sourceLocation)
      #expect(got.halves == want.halves && got.kind == want.kind, sourceLocation: sourceLocation)
    }
  }

  @Test("Unit names with quotes, SQL and emoji are read from a rule file unchanged")
  func ruleFileUnits() throws {
    // Given a rule file whose units and titles hold quotes (TOML-escaped), semicolons, SQL and emoji
    // When it is loaded
    let rules = try loadRules()
    // Then every unit and title reads back exactly
    let ruleSet = try rules.ruleSet(for: try m("2022-07"))
    #expect(sameScalars(ruleSet.units, AwkwardText.units), "\(ruleSet.units)")
    #expect(sameScalars(ruleSet.title, "测试规则 \"引号\" 'single'; -- 🎉"))
    #expect(sameScalars(ruleSet.tiers.map(\.title), ["镇街; DROP TABLE tier;--", "部门 \"任务\""]))
    for unit in AwkwardText.units { #expect(rules.declares(unit: unit), "\(unit)") }
    #expect(!rules.declares(unit: "O'Brien"))
  }

  @Test("Awkward names, roles, destinations, purposes and companies are stored and read back unchanged")
  func ledger() throws {
    // Given heads and trips full of awkward text, written through the ledger
    let (ledger, _, posts, trips) = try filledLedger()
    // When they are read back
    // Then every text is exactly as written, and the SQL in them did nothing
    expectSamePosts(try ledger.posts(), posts)
    expectSameTrips(try ledger.trips(), trips)
    // And a head is found by its awkward unit and name, and only that head
    for trip in trips {
      let found = try ledger.trips(unit: trip.unit, name: trip.name)
      #expect(found.count == 1, "\(trip.unit) \(trip.name)")
      #expect(found.first.map { sameScalars($0.destination, trip.destination) } == true)
    }
    // A semicolon inside a destination or purpose is text, not a separator
    #expect(try ledger.trips().contains { $0.destination == "上海; 苏州" && $0.purpose == "洽谈 \"新能源\" 项目; 签约" })
    #expect(try ledger.trips(unit: "O'Brien").isEmpty)
  }

  @Test("The roster and the trips exported as CSV re-import unchanged")
  func csvRoundTrip() throws {
    let (ledger, _, posts, trips) = try filledLedger()
    let renderer = ListRenderer(language: .en)
    try withTemporaryFolder { folder in
      // Given the ledger's roster and trips written as CSV files
      let rosterFile = folder.appendingPathComponent("roster.csv")
      let tripsFile = folder.appendingPathComponent("trips.csv")
      try Data(try renderer.render(posts: try ledger.posts(), as: .csv).utf8).write(to: rosterFile)
      try Data(try renderer.render(trips: try ledger.trips(), as: .csv).utf8).write(to: tripsFile)
      // When they are read by the importers
      let roster = try RosterImporter.read(path: rosterFile.path)
      let batch = try TripImporter.read(path: tripsFile.path)
      // Then every row reads back exactly as written, without a problem or a warning
      #expect(roster.problems.isEmpty, "\(roster.problems.map { $0.text(.en) })")
      #expect(batch.problems.isEmpty, "\(batch.problems.map { $0.text(.en) })")
      #expect(batch.warnings.isEmpty, "\(batch.warnings.map { $0.text(.en) })")
      expectSamePosts(roster.entries.map(\.value), posts)
      expectSameTrips(batch.entries.map(\.value), trips)
      // And the rows keep their lines: a header and six entries
      #expect(roster.entries.map(\.location).last == "\(rosterFile.path):7")
    }
  }

  @Test("Awkward text re-imported into a second ledger is recognised as already there")
  func reimportIsIdempotent() throws {
    let (ledger, rules, _, _) = try filledLedger()
    try withTemporaryFolder { folder in
      // Given the trips exported as CSV
      let file = folder.appendingPathComponent("trips.csv")
      try Data(try ListRenderer(language: .zh).render(trips: try ledger.trips(), as: .csv).utf8).write(to: file)
      let batch = try TripImporter.read(path: file.path)
      // When they are recorded again into the same ledger
      let outcome = try ledger.recordTrips(
        batch.entries, rules: rules, today: try d("2022-12-31"), stamp: testStamp, carrying: batch.problems)
      // Then every one is already there: the text matched exactly
      #expect(outcome.added.isEmpty)
      #expect(outcome.alreadyPresent.count == AwkwardText.names.count)
    }
  }

  @Test("Awkward text in JSON parses back unchanged")
  func json() throws {
    let (ledger, rules, posts, trips) = try filledLedger()
    let renderer = ListRenderer(language: .zh)
    // Given the trips as JSON
    let tripJSON = try #require(
      try JSONSerialization.jsonObject(with: Data(try renderer.render(trips: try ledger.trips(), as: .json).utf8))
        as? [[String: Any]])
    // Then every string parses back to what was written
    #expect(tripJSON.count == trips.count)
    for (entry, trip) in zip(tripJSON, trips) {
      for (key, value) in [
        ("unit", trip.unit), ("name", trip.name), ("destination", trip.destination), ("purpose", trip.purpose),
      ] {
        let parsed = entry[key] as? String ?? "<missing>"
        #expect(sameScalars(parsed, value), "\(key): \(parsed) ≠ \(value)")
      }
      #expect(sameScalars(entry["companies"] as? [String] ?? ["<missing>"], trip.companies))
    }
    // Given the roster as JSON
    let postJSON = try #require(
      try JSONSerialization.jsonObject(with: Data(try renderer.render(posts: try ledger.posts(), as: .json).utf8))
        as? [[String: Any]])
    #expect(postJSON.count == posts.count)
    for (entry, post) in zip(postJSON, posts) {
      for (key, value) in [("unit", post.unit), ("name", post.name), ("role", post.role)] {
        let parsed = entry[key] as? String ?? "<missing>"
        #expect(sameScalars(parsed, value), "\(key): \(parsed) ≠ \(value)")
      }
    }
    // Given the month's check as JSON
    let report = try ledger.check(month: try m("2022-07"), rules: rules)
    let checkJSON = try #require(
      try JSONSerialization.jsonObject(with: Data(try CheckRenderer(language: .zh).render(report, as: .json).utf8))
        as? [String: Any])
    let people = try #require(checkJSON["people"] as? [[String: Any]])
    #expect(people.count == posts.count)
    for post in posts {
      let person = people.first { ($0["name"] as? String).map { sameScalars($0, post.name) } == true }
      #expect(person.flatMap { $0["unit"] as? String }.map { sameScalars($0, post.unit) } == true, "\(post.name)")
      #expect(person.flatMap { $0["role"] as? String }.map { sameScalars($0, post.role) } == true, "\(post.name)")
    }
    let units = try #require(checkJSON["units"] as? [[String: Any]])
    #expect(sameScalars(units.compactMap { $0["unit"] as? String }, AwkwardText.units))
    let rulesJSON = try #require(checkJSON["rules"] as? [String: Any])
    #expect((rulesJSON["title"] as? String).map { sameScalars($0, "测试规则 \"引号\" 'single'; -- 🎉") } == true)
  }

  @Test("Table output holds awkward text verbatim", arguments: [Language.zh, .en])
  func table(language: Language) throws {
    let (ledger, rules, posts, trips) = try filledLedger()
    let renderer = ListRenderer(language: language)
    // Given the trips, the roster and the month's check as tables
    let tripTable = try renderer.render(trips: try ledger.trips(), as: .table)
    let rosterTable = try renderer.render(posts: try ledger.posts(), as: .table)
    let checkTable = try CheckRenderer(language: language).render(
      try ledger.check(month: try m("2022-07"), rules: rules), as: .table)
    // Then every text stands in them as written (scalar for scalar)
    let holds = scalarSearch
    for trip in trips {
      for text in [trip.unit, trip.name, trip.destination, trip.purpose] + trip.companies {
        #expect(holds(tripTable, text), "trip table lacks \(text)")
      }
    }
    for post in posts {
      for text in [post.unit, post.name, post.role] {
        #expect(holds(rosterTable, text), "roster table lacks \(text)")
        #expect(holds(checkTable, text), "check table lacks \(text)")
      }
    }
    for unit in AwkwardText.units { #expect(holds(checkTable, unit), "check table lacks \(unit)") }
  }

  @Test("Awkward text typed whole (not from a file) is stored unchanged too")
  func typedEntries() throws {
    // Given entries as the command line hands them over: no file, no line
    let rules = try loadRules()
    let ledger = try Ledger.inMemory()
    let name = "'; DROP TABLE head; --🇹🇼"
    let unit = "🏭招商局"
    try ledger.addPosts([Located(Post(unit: unit, name: name, role: "\"局长\""))], rules: rules, stamp: testStamp)
    let trip = Trip(
      unit: unit, name: name, start: try d("2022-07-01"), end: try d("2022-07-02"), destination: "𠀋𠀌 (CJK Ext B)",
      purpose: "全角\u{3000}空格 and a no-break\u{A0}space", companies: ["𠮷野家"])
    try ledger.recordTrips([Located(trip)], rules: rules, today: try d("2022-12-31"), stamp: testStamp)
    // Then they read back exactly
    expectSamePosts(try ledger.posts(), [Post(unit: unit, name: name, role: "\"局长\"")])
    expectSameTrips(try ledger.trips(), [trip])
  }
}

/// Whether `text` occurs in `table` as the same run of Unicode scalars.
func scalarSearch(_ table: String, _ text: String) -> Bool {
  let haystack = Array(table.unicodeScalars)
  let needle = Array(text.unicodeScalars)
  guard !needle.isEmpty else { return true }
  guard haystack.count >= needle.count else { return false }
  for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
    if Array(haystack[start..<(start + needle.count)]) == needle { return true }
  }
  return false
}
