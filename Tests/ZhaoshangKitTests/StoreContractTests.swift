import Foundation
import Synchronization
import Testing

@testable import ZhaoshangKit

/// What every store must do, whatever engine keeps the ledger: each test runs once per `StoreKind`, through the
/// store's protocols only, and ends with the audit trail verifying.
@Suite("The store's contract")
struct StoreContractTests {
  static let july = Month(year: 2022, month: 7) ?? Month(containing: CivilDate(ordinal: 0))
  static let june = Month(year: 2022, month: 6) ?? Month(containing: CivilDate(ordinal: 0))
  static let unit = ActingUser(login: "jiazhen", role: .unit, unit: "甲镇")

  /// The fixture's roster, in post all year, added through the store.
  static func addRoster(to store: any LedgerStore, rules: RuleBook) async throws {
    let start = try MonthCycle.date("2022-01-01")
    let entries = MonthCycle.roster.map { Located(Post(unit: $0.0, name: $0.1, role: $0.2, from: start)) }
    _ = try await store.addPosts(entries, rules: rules, stamp: MonthCycle.stamp, amendment: nil)
  }

  /// The roster and July's trips, as the office records them.
  static func addJuly(to store: any LedgerStore, rules: RuleBook) async throws {
    try await addRoster(to: store, rules: rules)
    _ = try await store.recordTrips(
      try MonthCycle.julyTrips().map { Located($0) }, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp,
      amendment: nil)
  }

  static func expectVerifies(_ store: any LedgerStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let report = try await store.verify()
    #expect(report.isClean, "\(report.text(.en))", sourceLocation: sourceLocation)
    #expect(report.events > 0, sourceLocation: sourceLocation)
  }

  @Test(
    "Posts added are read back, by unit and by date; adding them again adds nothing", arguments: StoreKind.available)
  func postsReadBack(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the fixture's roster added
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)

      // Then every post reads back as written, in the order written
      let posts = try await store.posts(unit: nil, on: nil)
      #expect(posts.map { [$0.unit, $0.name, $0.role] } == MonthCycle.roster.map { [$0.0, $0.1, $0.2] })
      #expect(posts.allSatisfy { $0.id != nil && $0.from == CivilDate(year: 2022, month: 1, day: 1) && $0.to == nil })
      // And by unit, and by a day before anyone was in post
      #expect(try await store.posts(unit: "甲镇", on: nil).map(\.name) == ["赵某", "钱某"])
      #expect(try await store.posts(unit: nil, on: MonthCycle.date("2021-12-31")).isEmpty)

      // When the same roster is added again, then nothing is added
      let again = try await store.addPosts(
        MonthCycle.roster.map {
          Located(Post(unit: $0.0, name: $0.1, role: $0.2, from: try MonthCycle.date("2022-01-01")))
        },
        rules: rules, stamp: MonthCycle.stamp, amendment: nil)
      #expect(again.added.isEmpty && again.alreadyPresent.count == MonthCycle.roster.count)
      #expect(try await store.posts(unit: nil, on: nil).count == MonthCycle.roster.count)
      try await Self.expectVerifies(store)
    }
  }

  @Test("Trips recorded are read back by month, unit and person; a repeat is skipped", arguments: StoreKind.available)
  func tripsByMonthAndUnit(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster and July's trips (one began in June)
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)

      // Then all of July's are read back, each with an id, by start date
      let july = try await store.trips(in: Self.july, unit: nil, name: nil)
      #expect(try july.count == MonthCycle.julyTrips().count)
      #expect(july.allSatisfy { $0.id != nil && $0.review == .approved })
      #expect(july.map(\.start) == july.map(\.start).sorted())
      // And a unit's, a person's, and the one trip reaching into June
      #expect(try await store.trips(in: Self.july, unit: "丙街道", name: nil).map(\.destination) == ["宁波", "宁波", "线上"])
      #expect(try await store.trips(in: nil, unit: "甲镇", name: "赵某").map(\.destination) == ["上海", "苏州"])
      #expect(try await store.trips(in: Self.june, unit: nil, name: nil).map(\.name) == ["周某"])

      // When a trip already recorded is recorded again, then it is skipped, not added
      let again = try await store.recordTrips(
        [Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-04", "2022-07-08", "上海"))], rules: rules,
        today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil)
      #expect(again.added.isEmpty && again.alreadyPresent.count == 1)
      #expect(try await store.trips(in: nil, unit: nil, name: nil).count == july.count)
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "Trips are handed over page by page, each pass the list itself, in its order", arguments: StoreKind.available)
  func tripsStreamedPageByPage(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster, each head out on every weekday of 2022's first half: more trips than a page holds
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let first = try MonthCycle.date("2022-01-03")
      var entries: [Located<Trip>] = []
      for day in stride(from: 0, to: 180, by: 1) where day % 7 < 5 {
        let date = first.adding(days: day).iso
        for (unit, name, _) in MonthCycle.roster {
          entries.append(Located(try MonthCycle.trip(unit, name, date, date, "上海")))
        }
      }
      _ = try await store.recordTrips(
        entries, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil)

      // When they are streamed twice over, all of them and one unit's in March
      let whole = Pages()
      try await store.forEachTripPage(in: nil, unit: nil, name: nil, passes: 2) { whole.add($0, $1) }
      let march = Pages()
      let month = try #require(Month(year: 2022, month: 3))
      try await store.forEachTripPage(in: month, unit: "甲镇", name: nil, passes: 1) { march.add($0, $1) }

      // Then each pass is the list `trips` gives, trip for trip, in more than one page
      let listed = try await store.trips(in: nil, unit: nil, name: nil)
      #expect(listed.count == entries.count && listed.count > 1000)
      #expect(whole.trips(pass: 0) == listed && whole.trips(pass: 1) == listed)
      #expect(whole.pageCount(pass: 0) > 1)
      #expect(march.trips(pass: 0) == (try await store.trips(in: month, unit: "甲镇", name: nil)))
      #expect(march.trips(pass: 0).count > 0)
    }
  }

  /// The pages a store handed over, kept by pass.
  final class Pages: Sendable {
    private let pages = Mutex<[(pass: Int, trips: [Trip])]>([])

    func add(_ pass: Int, _ trips: [Trip]) { pages.withLock { $0.append((pass, trips)) } }
    func trips(pass: Int) -> [Trip] { pages.withLock { $0.filter { $0.pass == pass }.flatMap(\.trips) } }
    func pageCount(pass: Int) -> Int { pages.withLock { $0.filter { $0.pass == pass }.count } }
  }

  @Test("The shipped example's July 2022 check gives its known results", arguments: StoreKind.available)
  func exampleMonthCheck(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the shipped rules, roster and trips, and the example's void, written through the store
      let rules = try RuleFileParser.loadBook(data: Data(ShippedFiles.defaultRules.utf8), name: "default.toml")
      let roster = try RosterImporter.read(data: Data(ShippedFiles.exampleRoster.utf8), name: "roster.csv")
      let trips = try TripImporter.read(data: Data(ShippedFiles.exampleTrips.utf8), name: "trips.csv")
      #expect(roster.problems.isEmpty && trips.problems.isEmpty)
      _ = try await store.addPosts(roster.entries, rules: rules, stamp: MonthCycle.stamp, amendment: nil)
      _ = try await store.recordTrips(
        trips.entries, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil)
      // (voids.csv names one trip: 工信局 宋某's of 25 July to 常州)
      #expect(ShippedFiles.exampleVoids.contains("工信局,宋某,2022-07-25,常州"))
      let voided = try await store.trips(in: Self.july, unit: "工信局", name: "宋某").first {
        $0.start == CivilDate(year: 2022, month: 7, day: 25) && $0.destination == "常州"
      }
      _ = try await store.voidTrip(
        id: try #require(voided?.id), reason: "经核查当日在区内参加会议，未外出", stamp: MonthCycle.stamp, amendment: nil)

      // When July is checked
      let report = try await store.check(month: Self.july, rules: rules, unit: nil)

      // Then exactly the known 14 units are short and the other 13 comply, with the known counts
      #expect(report.shortUnits.map(\.unit) == DemoTests.expectedShort)
      #expect(report.units.count == 27)
      #expect(report.units.filter { !DemoTests.expectedShort.contains($0.unit) }.allSatisfy { $0.status == .compliant })
      func counted(_ unit: String, _ name: String) throws -> DayCount {
        try #require(report.people.first { $0.unit == unit && $0.name == name }).counted
      }
      #expect(try counted("工信局", "宋某") == DayCount(days: 12))
      #expect(try counted("高良涧街道", "李某") == DayCount(days: 3 + 4 + 3 + 3))
      #expect(try counted("西顺河镇", "周某") == DayCount(halves: 5 + 8 + 6 + 4))
      #expect(try counted("共和镇", "马某") == DayCount(halves: 11))
      // And it is the report the demo's in-memory ledger gives
      #expect(report.people == (try Demo.run(language: .zh)).people)
      try await Self.expectVerifies(store)
    }
  }

  @Test("An import is all or nothing: one bad row writes nothing", arguments: StoreKind.available)
  func importAllOrNothing(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let good = try MonthCycle.julyTrips().enumerated().map { located($0.element, line: $0.offset + 2) }
      let stranger = located(try MonthCycle.trip("甲镇", "陌生人", "2022-07-04", "2022-07-05", "上海"), line: 99)

      // When an import streams every good row and then one of a head not on the roster
      let error = await #expect(throws: ZhaoshangError.self) {
        try await store.importTrips(
          rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, dryRun: false, amendment: nil
        ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
          for entry in good { try sink.add(entry) }
          try sink.add(stranger)
        }
      }

      // Then it is refused, naming the bad row, and no trip was written
      #expect(error?.problems.contains { $0.location == "input.csv:99" } == true)
      #expect(try await store.trips(in: nil, unit: nil, name: nil).isEmpty)
      try await Self.expectVerifies(store)

      // When the good rows alone are imported, then all of them are written
      let report = try await store.importTrips(
        rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, dryRun: false, amendment: nil
      ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        for entry in good { try sink.add(entry) }
      }
      #expect(report.added == good.count && report.alreadyPresent == 0)
      #expect(try await store.trips(in: nil, unit: nil, name: nil).count == good.count)
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "A closed month refuses a new trip with monthClosed, and takes it as an amendment", arguments: StoreKind.available)
  func closedMonthRefusesTrip(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given July recorded and closed
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)
      let closed = try await store.close(
        month: Self.july, rules: rules, today: MonthCycle.today, force: false, stamp: MonthCycle.stamp)
      #expect(closed.month == Self.july && closed.reopening == nil && !closed.forced)
      #expect(try await store.closes(month: Self.july).map(\.id) == [closed.id])
      let late = [Located(try MonthCycle.trip("商务局", "郑某", "2022-07-20", "2022-07-22", "成都"))]

      // When a trip in July is recorded without an amendment
      let error = await #expect(throws: ZhaoshangError.self) {
        try await store.recordTrips(
          late, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil)
      }

      // Then it is refused as a conflict with the domain's code, and nothing was written
      #expect(error?.code == .monthClosed)
      if case .conflict = error {} else { Issue.record("expected a conflict, got \(String(describing: error))") }
      #expect(try await store.trips(in: Self.july, unit: "商务局", name: nil).count == 1)

      // When it comes as an amendment, then it is written and the close stays in force
      let amendment = Amendment(reason: "补登漏报的外出", command: "add trip")
      let added = try await store.recordTrips(
        late, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: amendment)
      #expect(added.added.count == 1)
      #expect(try await store.closes(month: Self.july).last?.reopening == nil)
      // and the amendment is listed, of July and of every month, and July's standing shows it beside the close
      let amendments = try await store.amendments(month: Self.july)
      #expect(amendments.map(\.reason) == ["补登漏报的外出"] && amendments.first?.closedMonthId == closed.id)
      #expect(try await store.amendments(month: nil).map(\.id) == amendments.map(\.id))
      #expect(try await store.amendments(month: Self.july.next).isEmpty)
      let standing = try await store.standing(month: Self.july, rules: rules, today: MonthCycle.today)
      #expect(standing.closed?.id == closed.id && standing.amendments.map(\.id) == amendments.map(\.id))
      #expect(standing.completeness?.month == Self.july)

      // When July is reopened, then a trip needs no amendment any more
      _ = try await store.reopen(month: Self.july, reason: "重新核对", stamp: MonthCycle.stamp)
      let after = try await store.recordTrips(
        [Located(try MonthCycle.trip("工信局", "王某", "2022-07-05", "2022-07-05", "常州"))], rules: rules,
        today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil)
      #expect(after.added.count == 1)
      try await Self.expectVerifies(store)
    }
  }

  @Test("Void and review move a trip through its states, and only counted trips count", arguments: StoreKind.available)
  func voidAndReviewTransitions(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster and two trips 甲镇's account submits
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let unitStamp = MonthCycle.stamp.by(Self.unit)
      let submitted = try await store.recordTrips(
        [
          Located(try MonthCycle.trip("甲镇", "赵某", "2022-07-04", "2022-07-08", "上海")),
          Located(try MonthCycle.trip("甲镇", "钱某", "2022-07-11", "2022-07-12", "南京")),
        ], rules: rules, today: MonthCycle.today, stamp: unitStamp, amendment: nil)
      let first = try #require(submitted.added.first?.id)
      let second = try #require(submitted.added.last?.id)
      #expect(submitted.added.map(\.review) == [.submitted, .submitted])
      #expect(try await store.pendingTrips(unit: nil).compactMap(\.id) == [first, second])
      #expect(
        try await store.check(month: Self.july, rules: rules, unit: "甲镇").people.map(\.counted) == [.zero, .zero])

      // When the office returns the first, the unit resubmits it and the office approves it
      #expect(try await store.returnTrip(id: first, reason: "请附邀请函", stamp: MonthCycle.stamp).review == .returned)
      #expect(try await store.trip(id: first, as: Self.unit).review == .returned)
      #expect(try await store.resubmitTrip(id: first, stamp: unitStamp).review == .submitted)
      #expect(try await store.approveTrips(ids: [first], stamp: MonthCycle.stamp).map(\.review) == [.approved])
      // And the unit withdraws the second
      #expect(try await store.withdrawTrip(id: second, reason: nil, stamp: unitStamp).review == .withdrawn)

      // Then nothing waits, the approved trip counts and the withdrawn one does not
      #expect(try await store.pendingTrips(unit: "甲镇").isEmpty)
      var people = try await store.check(month: Self.july, rules: rules, unit: "甲镇").people
      #expect(people.map(\.counted) == [DayCount(days: 5), .zero])

      // When the office voids the approved trip, then it stays listed, void, and counts no more
      let voided = try await store.voidTrip(id: first, reason: "重复登记", stamp: MonthCycle.stamp, amendment: nil)
      #expect(voided.isVoid)
      people = try await store.check(month: Self.july, rules: rules, unit: "甲镇").people
      #expect(people.map(\.counted) == [.zero, .zero])
      // And voiding it twice is refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.voidTrip(id: first, reason: "再次", stamp: MonthCycle.stamp, amendment: nil)
      }
      // And the unit's account may not approve
      await #expect(throws: ZhaoshangError.self) {
        try await store.approveTrips(ids: [second], stamp: unitStamp)
      }

      // Then the history names the trip's steps, in order
      let steps = try await store.history(unit: nil, name: nil, trip: first, month: nil).map(\.action)
      #expect(steps.first == .tripsAdded && steps.last == .tripVoided)
      try await Self.expectVerifies(store)
    }
  }

  @Test("Writers at once lose nothing, and the trail still verifies", arguments: StoreKind.available)
  func concurrentWritersLoseNothing(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let days = 1...12

      // When twelve writers each record a trip of their own at the same time
      try await withThrowingTaskGroup(of: Int.self) { group in
        for day in days {
          group.addTask {
            let start = try #require(CivilDate(year: 2022, month: 7, day: day))
            let trip = Trip(unit: "商务局", name: "郑某", start: start, end: start, destination: "第\(day)站")
            return try await store.recordTrips(
              [Located(trip)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: nil
            ).added.count
          }
        }
        // Then each wrote its trip
        let written = try await group.reduce(0, +)
        #expect(written == days.count)
      }

      // And all of them are there, once each, and the chain holds
      let trips = try await store.trips(in: Self.july, unit: "商务局", name: "郑某")
      #expect(Set(trips.map(\.destination)) == Set(days.map { "第\($0)站" }))
      #expect(trips.count == days.count)
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "Accounts are created and checked, logins lock, sessions expire and end, tokens speak for their account",
    arguments: StoreKind.available)
  func accountsSessionsAndTokens(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given a unit's account the office creates, with a password already hashed
      let rules = try MonthCycle.rules()
      let account = try await store.addAccount(
        login: "jiazhen", role: .unit, unit: "甲镇", passwordHash: "hashed-secret", rules: rules,
        stamp: MonthCycle.stamp)
      #expect(account.login == "jiazhen" && account.role == .unit && account.unit == "甲镇" && !account.disabled)

      // Then its credentials read back with the hash, and an unknown login has none
      let found = try #require(try await store.credentials(login: "jiazhen"))
      #expect(found.account == account && found.passwordHash == "hashed-secret")
      #expect(try await store.credentials(login: "nobody") == nil)
      // And a login taken twice, a unit the rules do not declare, and a unit's account creating one are refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.addAccount(
          login: "jiazhen", role: .office, unit: nil, passwordHash: "x", rules: rules, stamp: MonthCycle.stamp)
      }
      await #expect(throws: ZhaoshangError.self) {
        try await store.addAccount(
          login: "stranger", role: .unit, unit: "没有的镇", passwordHash: "x", rules: rules, stamp: MonthCycle.stamp)
      }
      await #expect(throws: ZhaoshangError.self) {
        try await store.addAccount(
          login: "another", role: .viewer, unit: nil, passwordHash: "x", rules: rules,
          stamp: MonthCycle.stamp.by(Self.unit))
      }

      // When wrong passwords are counted, then the last allowed one locks the login, and a right one unlocks it
      let now = Date(timeIntervalSince1970: 1_660_000_000)
      for _ in 1..<PasswordPolicy.attemptsBeforeLock {
        #expect(try await store.recordFailedLogin(login: "jiazhen", now: now) == nil)
      }
      let until = try #require(try await store.recordFailedLogin(login: "jiazhen", now: now))
      #expect(until > now)
      let locked = try #require(try await store.credentials(login: "jiazhen")).account
      #expect(PasswordPolicy.lockedUntil(locked, now: now) != nil)
      try await store.recordSuccessfulLogin(login: "jiazhen")
      let unlocked = try #require(try await store.credentials(login: "jiazhen")).account
      #expect(PasswordPolicy.lockedUntil(unlocked, now: now) == nil)

      // When a session starts, then it speaks for the account with its CSRF token until it expires
      let session = try await store.startSession(accountID: account.id, now: now, lifetime: 3600)
      let open = try #require(try await store.session(cookie: session.cookie, now: now.addingTimeInterval(60)))
      #expect(open.actor == account.actor && open.csrf == session.csrf)
      #expect(try await store.session(cookie: session.cookie, now: now.addingTimeInterval(3601)) == nil)
      #expect(try await store.session(cookie: "not-a-session", now: now) == nil)
      // And once ended it is gone
      try await store.endSession(cookie: session.cookie)
      #expect(try await store.session(cookie: session.cookie, now: now.addingTimeInterval(60)) == nil)

      // When the office issues a token, then it speaks for the account; an unknown one for nobody
      let token = try await store.issueToken(login: "jiazhen", stamp: MonthCycle.stamp)
      #expect(try await store.actor(forToken: token) == account.actor)
      #expect(try await store.actor(forToken: "not-a-token") == nil)
      // And a unit's account may not issue one
      await #expect(throws: ZhaoshangError.self) {
        try await store.issueToken(login: "jiazhen", stamp: MonthCycle.stamp.by(Self.unit))
      }
      try await Self.expectVerifies(store)
    }
  }

  @Test("Month reports are recorded once per unit and month, and listed", arguments: StoreKind.available)
  func monthReportsRecordedAndListed(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given July recorded
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)
      let august = try MonthCycle.date("2022-08-01")

      // When 甲镇's account reports July
      let report = try await store.reportMonth(
        unit: "甲镇", month: Self.july, nothingToReport: false, rules: rules, today: august,
        stamp: MonthCycle.stamp.by(Self.unit), amendment: nil)

      // Then it is listed for July and for 甲镇, and June has none
      #expect(report.unit == "甲镇" && report.month == Self.july && !report.nothingToReport && report.id != nil)
      #expect(try await store.monthReports(month: Self.july, unit: nil) == [report])
      #expect(try await store.monthReports(month: nil, unit: "甲镇") == [report])
      #expect(try await store.monthReports(month: Self.june, unit: nil).isEmpty)
      // And reporting it twice, reporting another unit's month, and 未外出 beside trips are refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.reportMonth(
          unit: "甲镇", month: Self.july, nothingToReport: false, rules: rules, today: august,
          stamp: MonthCycle.stamp, amendment: nil)
      }
      await #expect(throws: ZhaoshangError.self) {
        try await store.reportMonth(
          unit: "乙镇", month: Self.july, nothingToReport: false, rules: rules, today: august,
          stamp: MonthCycle.stamp.by(Self.unit), amendment: nil)
      }
      await #expect(throws: ZhaoshangError.self) {
        try await store.reportMonth(
          unit: "乙镇", month: Self.july, nothingToReport: true, rules: rules, today: august, stamp: MonthCycle.stamp,
          amendment: nil)
      }
      #expect(try await store.monthReports(month: Self.july, unit: nil).map(\.unit) == ["甲镇"])
      try await Self.expectVerifies(store)
    }
  }

  @Test("Explanations are filed with their document, listed, and change what is owed", arguments: StoreKind.available)
  func explanationsFiledAndOwed(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given July recorded and four of its units reported
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)
      for unit in ["乙镇", "丙街道", "工信局", "文旅局"] {
        _ = try await store.reportMonth(
          unit: unit, month: Self.july, nothingToReport: false, rules: rules, today: try MonthCycle.date("2022-08-01"),
          stamp: MonthCycle.stamp, amendment: nil)
      }
      let due = try MonthCycle.date("2022-08-05")
      let before = try await store.owing(month: Self.july, rules: rules, asOf: try MonthCycle.date("2022-08-04"))
      // (the reported units the check finds short: 乙镇 met its quota with the trips the store holds)
      let short = Set(try await store.check(month: Self.july, rules: rules, unit: nil).shortUnits.map(\.unit))
      #expect(before.owed.map(\.unit) == ["乙镇", "丙街道", "工信局", "文旅局"].filter { short.contains($0) })
      #expect(before.owed.map(\.unit) == ["丙街道", "工信局", "文旅局"])
      #expect(before.owed.allSatisfy { $0.status == .pending(due: due) })

      // When 文旅局's explanation is filed with an uploaded document
      let bytes = Data("%PDF-1.4\n情况说明\n".utf8)
      let stored = try #require(StoredDocument(data: bytes))
      let filed = try await store.recordExplanation(
        Explanation(
          unit: "文旅局", month: Self.july, received: try MonthCycle.date("2022-08-02"),
          document: ExplanationDocument(data: bytes, name: "情况说明.pdf")),
        rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, storing: stored)

      // Then it is listed, found by id by the office but not by another unit, and its bytes read back
      let id = try #require(filed.id)
      #expect(try await store.explanations(month: Self.july, unit: nil) == [filed])
      #expect(try await store.explanations(month: nil, unit: "乙镇").isEmpty)
      #expect(try await store.explanation(id: id, as: .office("督查室")) == filed)
      await #expect(throws: ZhaoshangError.self) { try await store.explanation(id: id, as: Self.unit) }
      #expect(try await store.document(sha256: stored.sha256) == stored)
      #expect(try await store.document(sha256: String(repeating: "0", count: 64)) == nil)
      // And its status is received, the others overdue after the due day, and only they are still open
      let after = try await store.owing(month: Self.july, rules: rules, asOf: try MonthCycle.date("2022-08-10"))
      let status = Dictionary(after.owed.map { ($0.unit, $0.status) }, uniquingKeysWith: { first, _ in first })
      #expect(status["文旅局"] == .received(on: try MonthCycle.date("2022-08-02"), late: false))
      #expect(status["丙街道"] == .overdue(due: due, daysLate: 5))
      let open = try await store.openExplanations(
        rules: rules, today: MonthCycle.today, asOf: MonthCycle.today, markingUnreported: true
      ).filter { $0.month == Self.july }
      #expect(["丙街道", "工信局"].allSatisfy { unit in open.contains { $0.unit == unit } })
      #expect(!open.contains { $0.unit == "文旅局" })
      // And filing it twice is refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.recordExplanation(
          Explanation(unit: "文旅局", month: Self.july, received: try MonthCycle.date("2022-08-03")), rules: rules,
          today: MonthCycle.today, stamp: MonthCycle.stamp, storing: nil)
      }
      try await Self.expectVerifies(store)
    }
  }

  @Test("A returned trip is corrected in one step; an unchanged correction is refused", arguments: StoreKind.available)
  func correctAReturnedTrip(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given a trip 甲镇's account submitted and the office returned
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let unitStamp = MonthCycle.stamp.by(Self.unit)
      let original = try MonthCycle.trip("甲镇", "赵某", "2022-07-04", "2022-07-08", "上海")
      let submitted = try await store.recordTrips(
        [Located(original)], rules: rules, today: MonthCycle.today, stamp: unitStamp, amendment: nil)
      let id = try #require(submitted.added.first?.id)
      _ = try await store.returnTrip(id: id, reason: "目的地有误", stamp: MonthCycle.stamp)

      // When it is "corrected" to the same trip, then that is refused and it stays returned
      await #expect(throws: ZhaoshangError.self) {
        try await store.correctTrip(
          id: id, with: [Located(original)], rules: rules, today: MonthCycle.today, stamp: unitStamp)
      }
      #expect(try await store.trip(id: id, as: Self.unit).review == .returned)

      // When it is corrected to another destination
      let corrected = try MonthCycle.trip("甲镇", "赵某", "2022-07-04", "2022-07-08", "杭州")
      let outcome = try await store.correctTrip(
        id: id, with: [Located(corrected)], rules: rules, today: MonthCycle.today, stamp: unitStamp)

      // Then the correction waits for review and the returned trip is withdrawn, naming it
      let newID = try #require(outcome.added.first?.id)
      #expect(outcome.added.map(\.review) == [.submitted])
      #expect(try await store.pendingTrips(unit: "甲镇").compactMap(\.id) == [newID])
      #expect(try await store.trip(id: id, as: Self.unit).review == .withdrawn)
      #expect(try await store.history(unit: nil, name: nil, trip: id, month: nil).last?.action == .tripWithdrawn)
      try await Self.expectVerifies(store)
    }
  }

  @Test("An upload's dry run writes nothing, and earlier problems refuse the write", arguments: StoreKind.available)
  func uploadDryRunAndEarlierProblems(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster and July's trips as an upload's entries
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let entries = try MonthCycle.julyTrips().enumerated().map { located($0.element, line: $0.offset + 2) }

      // When they are checked on a dry run, then nothing is refused and nothing written
      _ = try await store.recordTrips(
        entries, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, carrying: [], dryRun: true,
        amendment: nil)
      #expect(try await store.trips(in: nil, unit: nil, name: nil).isEmpty)

      // When they come with a problem found before (an unreadable line), then the write is refused, naming it
      let unreadable = Problem(location: "input.csv:40", Localized("这一行无法读取", "this line cannot be read"))
      let error = await #expect(throws: ZhaoshangError.self) {
        try await store.recordTrips(
          entries, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, carrying: [unreadable],
          dryRun: false, amendment: nil)
      }
      #expect(error?.problems.contains { $0.location == "input.csv:40" } == true)
      #expect(try await store.trips(in: nil, unit: nil, name: nil).isEmpty)

      // When they are written for real, then all of them are there
      let written = try await store.recordTrips(
        entries, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, carrying: [], dryRun: false,
        amendment: nil)
      #expect(written.added.count == entries.count)
      #expect(try await store.trips(in: nil, unit: nil, name: nil).count == entries.count)
      try await Self.expectVerifies(store)
    }
  }
}
