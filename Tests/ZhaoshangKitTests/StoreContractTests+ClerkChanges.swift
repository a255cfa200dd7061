import Foundation
import Testing

@testable import ZhaoshangKit

/// The contract of the changes a clerk makes on the command line beside the web application's: leave, ending a
/// post, undoing a void, accounts after they are added, a roster file checked without writing, and the year
/// summary. Each runs on every store and ends with the audit trail verifying.
extension StoreContractTests {
  static let august = Month(year: 2022, month: 8) ?? Month(containing: CivilDate(ordinal: 0))

  static func leave(_ unit: String, _ name: String, _ from: String, _ to: String, _ reason: String) throws -> Leave {
    Leave(unit: unit, name: name, from: try MonthCycle.date(from), to: try MonthCycle.date(to), reason: reason)
  }

  static func close(_ month: Month, in store: any LedgerStore, rules: RuleBook) async throws {
    _ = try await store.close(
      month: month, rules: rules, today: MonthCycle.today, force: false, stamp: MonthCycle.stamp)
  }

  @Test(
    "Leave is recorded once, warns over a trip, needs an amendment in a closed month, and names its file",
    arguments: StoreKind.available)
  func leaveRecorded(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given July recorded and closed
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)
      try await Self.close(Self.july, in: store, rules: rules)

      // When leave in August is added, then it reads back with an id and no warning
      let august = try Self.leave("甲镇", "赵某", "2022-08-01", "2022-08-03", "党校学习")
      let added = try await store.addLeave([Located(august)], rules: rules, stamp: MonthCycle.stamp, amendment: nil)
      #expect(added.added.count == 1 && added.added.first?.id != nil && added.warnings.isEmpty)
      #expect(try await store.leaves(in: Self.august, unit: "甲镇", name: nil).map(\.reason) == ["党校学习"])
      // And adding it again adds nothing
      let again = try await store.addLeave([Located(august)], rules: rules, stamp: MonthCycle.stamp, amendment: nil)
      #expect(again.added.isEmpty && again.alreadyPresent.count == 1)
      // And leave of a head not on the roster is refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.addLeave(
          [Located(try Self.leave("甲镇", "陌生人", "2022-08-01", "2022-08-01", "病假"))], rules: rules,
          stamp: MonthCycle.stamp, amendment: nil)
      }

      // When leave over 赵某's Shanghai trip in closed July comes without an amendment, then it is refused
      let overTrip = try Self.leave("甲镇", "赵某", "2022-07-05", "2022-07-06", "病假")
      let error = await #expect(throws: ZhaoshangError.self) {
        try await store.addLeave([Located(overTrip)], rules: rules, stamp: MonthCycle.stamp, amendment: nil)
      }
      #expect(error?.code == .monthClosed)
      #expect(try await store.leaves(in: Self.july, unit: nil, name: nil).isEmpty)
      // And as an amendment it is recorded, with a warning naming the trip it falls on
      let shanghai = try #require(
        try await store.trips(in: Self.july, unit: "甲镇", name: "赵某").first { $0.destination == "上海" }?.id)
      let amended = try await store.addLeave(
        [Located(overTrip)], rules: rules, stamp: MonthCycle.stamp,
        amendment: Amendment(reason: "补登病假", command: "leave add"))
      #expect(amended.added.count == 1)
      #expect(amended.warnings.map(\.code) == [.tripOverlap])
      #expect(amended.warnings.first?.arguments["trip"] == String(shanghai))
      #expect(try await store.amendments(month: Self.july).map(\.reason) == ["补登病假"])

      // When a file's leave is checked on a dry run, then nothing is written
      let source = FileSource(path: "8月请假.csv", sha256: String(repeating: "a", count: 64))
      let september = try Self.leave("乙镇", "孙某", "2022-08-10", "2022-08-11", "年休假")
      let dry = try await store.addLeave(
        [Located(september)], rules: rules, stamp: MonthCycle.stamp, carrying: [], dryRun: true, amendment: nil,
        source: source)
      #expect(dry.added.count == 1)
      #expect(try await store.leaves(in: Self.august, unit: "乙镇", name: nil).isEmpty)
      // And written, its event names the file
      _ = try await store.addLeave(
        [Located(september)], rules: rules, stamp: MonthCycle.stamp, carrying: [], dryRun: false, amendment: nil,
        source: source)
      let last = try #require(try await store.history(unit: nil, name: nil, trip: nil, month: nil).last)
      #expect(last.action == .leaveAdded && last.detail.contains("8月请假.csv sha256 aaaaaaaaaaaa"))
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "A post ends once, not before it began, and in a closed month only as an amendment",
    arguments: StoreKind.available)
  func postEnded(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given July recorded and closed
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)
      try await Self.close(Self.july, in: store, rules: rules)

      // When 商务局 郑某's post ends in July without an amendment, then it is refused and the post stays open
      let error = await #expect(throws: ZhaoshangError.self) {
        try await store.endPost(
          unit: "商务局", name: "郑某", on: try MonthCycle.date("2022-07-20"), stamp: MonthCycle.stamp, amendment: nil)
      }
      #expect(error?.code == .monthClosed)
      #expect(try await store.posts(unit: "商务局", on: nil).map(\.to) == [nil])
      // And an end before the post began is refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.endPost(
          unit: "商务局", name: "郑某", on: try MonthCycle.date("2021-12-31"), stamp: MonthCycle.stamp, amendment: nil)
      }

      // When it ends on the last day of August (no closed month changes), then it reads back ended
      let ended = try await store.endPost(
        unit: "商务局", name: "郑某", on: try MonthCycle.date("2022-08-31"), stamp: MonthCycle.stamp, amendment: nil)
      #expect(ended.to == CivilDate(year: 2022, month: 8, day: 31) && ended.role == "局长")
      #expect(try await store.posts(unit: "商务局", on: nil).map(\.to) == [ended.to])
      #expect(try await store.posts(unit: "商务局", on: try MonthCycle.date("2022-09-01")).isEmpty)
      // And ending it again is refused: no post of 郑某 is open
      await #expect(throws: ZhaoshangError.self) {
        try await store.endPost(
          unit: "商务局", name: "郑某", on: try MonthCycle.date("2022-09-30"), stamp: MonthCycle.stamp, amendment: nil)
      }
      #expect(try await store.history(unit: "商务局", name: "郑某", trip: nil, month: nil).last?.action == .postEnded)
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "A void is undone once, as a new trip that counts; a trip not void or never approved is refused",
    arguments: StoreKind.available)
  func voidUndone(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given July recorded and 乙镇 李某's 合肥 trip voided, and a trip 甲镇's account submitted, then voided
      let rules = try MonthCycle.rules()
      try await Self.addJuly(to: store, rules: rules)
      let hefei = try #require(
        try await store.trips(in: Self.july, unit: "乙镇", name: "李某").first { $0.destination == "合肥" }?.id)
      let counted = try await store.check(month: Self.july, rules: rules, unit: "乙镇").people.map(\.counted)
      _ = try await store.voidTrip(id: hefei, reason: "重复登记", stamp: MonthCycle.stamp, amendment: nil)
      let submitted = try #require(
        try await store.recordTrips(
          [Located(try MonthCycle.trip("甲镇", "赵某", "2022-08-01", "2022-08-02", "南京"))], rules: rules,
          today: MonthCycle.today, stamp: MonthCycle.stamp.by(Self.unit), amendment: nil
        ).added.first?.id)
      _ = try await store.voidTrip(id: submitted, reason: "误报", stamp: MonthCycle.stamp, amendment: nil)

      // When the office undoes the 合肥 void
      let restoration = try await store.unvoidTrip(
        id: hefei, reason: "误作废", stamp: MonthCycle.stamp, amendment: nil)

      // Then a new trip counts in its place, the voided one stays void, and July counts as before the void
      let restored = restoration.restored
      #expect(restored.id != hefei && !restored.isVoid && restored.destination == "合肥" && restoration.reason == "误作废")
      #expect(try await store.trips(in: nil, unit: "乙镇", name: "李某").first { $0.id == hefei }?.isVoid == true)
      #expect(try await store.check(month: Self.july, rules: rules, unit: "乙镇").people.map(\.counted) == counted)
      // And undoing it twice, undoing a trip not void, a trip never approved, a unit's account and no reason are
      // refused
      for (id, stamp, reason) in [
        (hefei, MonthCycle.stamp, "再次"), (restored.id ?? 0, MonthCycle.stamp, "未作废"),
        (submitted, MonthCycle.stamp, "未审核"), (hefei, MonthCycle.stamp.by(Self.unit), "单位"),
        (hefei, MonthCycle.stamp, " "),
      ] {
        await #expect(throws: ZhaoshangError.self) {
          try await store.unvoidTrip(id: id, reason: reason, stamp: stamp, amendment: nil)
        }
      }
      #expect(try await store.trips(in: nil, unit: "乙镇", name: "李某").filter { $0.destination == "合肥" }.count == 2)
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "Accounts are listed, disabled once, their passwords changed, and their tokens revoked",
    arguments: StoreKind.available)
  func accountsChanged(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given two accounts, a session and two tokens of the unit's
      let rules = try MonthCycle.rules()
      _ = try await store.addAccount(
        login: "office", role: .office, unit: nil, passwordHash: "h1", rules: rules, stamp: MonthCycle.stamp)
      let unit = try await store.addAccount(
        login: "jiazhen", role: .unit, unit: "甲镇", passwordHash: "h2", rules: rules, stamp: MonthCycle.stamp)
      let now = Date(timeIntervalSince1970: 1_660_000_000)
      let session = try await store.startSession(accountID: unit.id, now: now, lifetime: 3600)
      let tokens = [
        try await store.issueToken(login: "jiazhen", stamp: MonthCycle.stamp),
        try await store.issueToken(login: "jiazhen", stamp: MonthCycle.stamp),
      ]

      // Then they are listed in the order added
      #expect(try await store.accounts().map(\.login) == ["office", "jiazhen"])

      // When the unit changes its own password, then the hash is new and its session ended
      try await store.changePassword(login: "jiazhen", passwordHash: "h3", stamp: MonthCycle.stamp.by(Self.unit))
      #expect(try await store.credentials(login: "jiazhen")?.passwordHash == "h3")
      #expect(try await store.session(cookie: session.cookie, now: now) == nil)
      // And another's password, an unknown login, are refused
      await #expect(throws: ZhaoshangError.self) {
        try await store.changePassword(login: "office", passwordHash: "x", stamp: MonthCycle.stamp.by(Self.unit))
      }
      await #expect(throws: ZhaoshangError.self) {
        try await store.changePassword(login: "nobody", passwordHash: "x", stamp: MonthCycle.stamp)
      }

      // When the office revokes the unit's tokens, then both stop, and a second revoke finds none
      #expect(try await store.revokeTokens(login: "jiazhen", stamp: MonthCycle.stamp) == 2)
      for token in tokens { #expect(try await store.actor(forToken: token) == nil) }
      #expect(try await store.revokeTokens(login: "jiazhen", stamp: MonthCycle.stamp) == 0)

      // When a token is issued again and the account disabled, then the token stops and the account is listed so
      let token = try await store.issueToken(login: "jiazhen", stamp: MonthCycle.stamp)
      let disabled = try await store.disableAccount(login: "jiazhen", stamp: MonthCycle.stamp)
      #expect(disabled.disabled && disabled.login == "jiazhen")
      #expect(try await store.actor(forToken: token) == nil)
      #expect(try await store.accounts().map(\.disabled) == [false, true])
      // And disabling it twice, or by the unit's account, is refused
      let twice = await #expect(throws: ZhaoshangError.self) {
        try await store.disableAccount(login: "jiazhen", stamp: MonthCycle.stamp)
      }
      if case .conflict = twice {} else { Issue.record("expected a conflict, got \(String(describing: twice))") }
      await #expect(throws: ZhaoshangError.self) {
        try await store.disableAccount(login: "office", stamp: MonthCycle.stamp.by(Self.unit))
      }
      let actions = try await store.history(unit: nil, name: nil, trip: nil, month: nil).map(\.action)
      #expect(actions.suffix(4) == [.tokenRevoked, .tokenRevoked, .tokenAdded, .accountDisabled])
      #expect(actions.contains(.passwordChanged))
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "A roster file checked on a dry run writes nothing; written, its event names the file",
    arguments: StoreKind.available)
  func rosterFileDryRunAndSource(kind: StoreKind) async throws {
    try await kind.withStore { store in
      // Given the roster
      let rules = try MonthCycle.rules()
      try await Self.addRoster(to: store, rules: rules)
      let entry = Located(Post(unit: "统计局", name: "陈某", role: "局长", from: try MonthCycle.date("2022-03-01")))
      let source = FileSource(path: "花名册.csv", sha256: String(repeating: "b", count: 64))

      // When the file is checked on a dry run, then the entry would be added but nothing is written
      let dry = try await store.addPosts(
        [entry], rules: rules, stamp: MonthCycle.stamp, carrying: [], dryRun: true, amendment: nil, source: source)
      #expect(dry.added.map(\.name) == ["陈某"])
      #expect(try await store.posts(unit: "统计局", on: nil).isEmpty)
      // And a file with an unreadable line is refused with it, nothing written
      let unreadable = Problem(location: "花名册.csv:3", excerpt: nil, Localized("无法读取", "unreadable"))
      await #expect(throws: ZhaoshangError.self) {
        try await store.addPosts(
          [entry], rules: rules, stamp: MonthCycle.stamp, carrying: [unreadable], dryRun: false, amendment: nil,
          source: source)
      }
      #expect(try await store.posts(unit: "统计局", on: nil).isEmpty)

      // When it is written, then the post is there and the event names the file and its SHA-256
      _ = try await store.addPosts(
        [entry], rules: rules, stamp: MonthCycle.stamp, carrying: [], dryRun: false, amendment: nil, source: source)
      #expect(try await store.posts(unit: "统计局", on: nil).map(\.name) == ["陈某"])
      let last = try #require(try await store.history(unit: nil, name: nil, trip: nil, month: nil).last)
      #expect(last.action == .postsAdded && last.detail.contains("花名册.csv sha256 bbbbbbbbbbbb"))
      try await Self.expectVerifies(store)
    }
  }

  @Test(
    "The year summary is SQLite's in memory, closed months as frozen or, with current, from today's data",
    arguments: StoreKind.available)
  func yearSummary(kind: StoreKind) async throws {
    // Given the same ledger on this store and on SQLite in memory: July's trips, June and August short for
    // every unit (no trips), July closed and then a trip added to it as an amendment
    let rules = try MonthCycle.rules()
    let reference = SQLiteStore(try Ledger.inMemory())
    let late = [Located(try MonthCycle.trip("商务局", "郑某", "2022-07-20", "2022-07-31", "成都"))]
    func fill(_ store: any LedgerStore) async throws {
      try await Self.addJuly(to: store, rules: rules)
      try await Self.close(Self.july, in: store, rules: rules)
      _ = try await store.recordTrips(
        late, rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp,
        amendment: Amendment(reason: "补登", command: "log"))
    }
    try await fill(reference)
    try await kind.withStore { store in
      try await fill(store)

      // When the year is summed, frozen and current, as of a day in September
      let today = try MonthCycle.date("2022-09-15")
      for current in [false, true] {
        let summary = try await store.summary(year: 2022, rules: rules, today: today, current: current)

        // Then it is SQLite's, month for month and unit for unit
        let expected = try await reference.summary(year: 2022, rules: rules, today: today, current: current)
        #expect(summary == expected)
        #expect(summary.months == [Self.july])
      }
      // And 商务局's July counts the amended trip only from today's data, not as frozen
      let frozen = try await store.summary(year: 2022, rules: rules, today: today, current: false)
      let current = try await store.summary(year: 2022, rules: rules, today: today, current: true)
      let commerce = { (summary: YearSummary) in summary.units.first { $0.unit == "商务局" }?.personDays }
      #expect(commerce(frozen) == DayCount(days: 13) && commerce(current) == DayCount(days: 13 + 12))
      // And a year with nothing recorded is empty
      #expect(try await store.summary(year: 2021, rules: rules, today: today, current: false).months.isEmpty)
      try await Self.expectVerifies(store)
    }
  }
}
