import Foundation
import Testing

@testable import ZhaoshangKit

/// Helpers for the bulletin, explanation, closing and summary tests.
enum MonthCycle {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static let rulesText = """
    title = "测试区招商引资考核办法"
    effective_from = "2022-01-01"
    explanation_due_day = 5
    escalate_after = 3

    [[tier]]
    id = "town"
    title = "镇街党政主要负责人"
    min_days = 10
    units = ["甲镇", "乙镇", "丙街道"]

    [[tier]]
    id = "dept"
    title = "部门负责人"
    min_days = 5
    units = ["商务局", "工信局", "文旅局", "统计局"]
    """

  static func rules(_ text: String = rulesText, path: String = "rules/test.toml") throws -> RuleBook {
    switch RuleFileParser.parse(data: Data(text.utf8), path: path) {
    case .success(let ruleSet): return RuleBook(ruleSets: [ruleSet])
    case .failure(let error): throw error
    }
  }

  static func date(_ text: String) throws -> CivilDate {
    guard let date = CivilDate(iso: text) else { throw Failure(description: "bad date \(text)") }
    return date
  }

  static func month(_ text: String) throws -> Month {
    guard let month = Month(parsing: text) else { throw Failure(description: "bad month \(text)") }
    return month
  }

  static let stamp = Stamp(by: "督查室", at: "2022-08-10T09:00:00+08:00")

  /// A day after every month the tests write to, so no trip is "in the future".
  static let today = CivilDate(year: 2023, month: 12, day: 20) ?? CivilDate(ordinal: 0)

  static let roster: [(String, String, String)] = [
    ("甲镇", "赵某", "党委书记"), ("甲镇", "钱某", "镇长"),
    ("乙镇", "孙某", "党委书记"), ("乙镇", "李某", "镇长"),
    ("丙街道", "周某", "党工委书记"), ("丙街道", "吴某", "办事处主任"),
    ("商务局", "郑某", "局长"), ("工信局", "王某", "局长"), ("文旅局", "冯某", "局长"),
  ]

  /// A trip as a row of the fixture: unit, name, start (`2022-07-19 PM`), end (`2022-07-16 AM`), destination, kind.
  static func trip(
    _ unit: String, _ name: String, _ start: String, _ end: String, _ destination: String, kind: String = "visit"
  ) throws -> Trip {
    let startParts = start.split(separator: " ")
    let endParts = end.split(separator: " ")
    return Trip(
      unit: unit, name: name, start: try date(String(startParts[0])), startsAfternoon: startParts.last == "PM",
      end: try date(String(endParts[0])), endsMorning: endParts.last == "AM", kind: kind, destination: destination)
  }

  /// The published July 2022 bulletin's trips, from which the tests rebuild it (one of them began in June).
  static func julyTrips() throws -> [Trip] {
    [
      try trip("甲镇", "赵某", "2022-07-04", "2022-07-08", "上海"),
      try trip("甲镇", "钱某", "2022-07-05", "2022-07-09", "上海"),
      try trip("甲镇", "赵某", "2022-07-18", "2022-07-22", "苏州"),
      try trip("甲镇", "钱某", "2022-07-19 PM", "2022-07-24", "深圳"),
      try trip("乙镇", "李某", "2022-07-01", "2022-07-03", "南京"),
      try trip("乙镇", "孙某", "2022-07-11", "2022-07-20", "杭州"),
      try trip("乙镇", "李某", "2022-07-25", "2022-07-31", "合肥"),  // voided below
      try trip("丙街道", "周某", "2022-06-28", "2022-07-06", "宁波"),
      try trip("丙街道", "吴某", "2022-07-10", "2022-07-16 AM", "宁波"),
      try trip("丙街道", "吴某", "2022-07-20", "2022-07-20", "线上", kind: "video"),
      try trip("商务局", "郑某", "2022-07-04", "2022-07-16", "广州"),
      try trip("工信局", "王某", "2022-07-25 PM", "2022-07-27", "无锡"),
      try trip("文旅局", "冯某", "2022-07-12", "2022-07-12", "线上", kind: "video"),
    ]
  }

  /// A ledger holding the fixture's roster (in post all year) and July's trips, the 合肥 trip voided.
  static func julyLedger(rules: RuleBook) throws -> Ledger {
    let ledger = try Ledger.inMemory()
    try addRoster(to: ledger, rules: rules)
    try ledger.recordTrips(try julyTrips().map { Located($0) }, rules: rules, today: today, stamp: stamp)
    let voided = try ledger.trips(unit: "乙镇", name: "李某").first { $0.destination == "合肥" }
    guard let id = voided?.id else { throw Failure(description: "the 合肥 trip is missing") }
    try ledger.voidTrip(id: id, reason: "重复登记", stamp: stamp)
    return ledger
  }

  static func addRoster(to ledger: Ledger, rules: RuleBook, from: String = "2022-01-01") throws {
    let start = try date(from)
    try ledger.addPosts(
      roster.map { Located(Post(unit: $0.0, name: $0.1, role: $0.2, from: start)) }, rules: rules, stamp: stamp)
  }

  /// Records one trip per head named, covering `days` whole days from the month's first day.
  static func record(
    _ ledger: Ledger, rules: RuleBook, month: Month, days: Int, heads: [(String, String)],
    stamp: Stamp = MonthCycle.stamp, amendment: Amendment? = nil
  ) throws {
    let trips = heads.map { unit, name in
      Located(
        Trip(
          unit: unit, name: name, start: month.firstDay, end: month.firstDay.adding(days: days - 1),
          destination: "北京"))
    }
    try ledger.recordTrips(trips, rules: rules, today: today, stamp: stamp, amendment: amendment)
  }

  /// The message of a zhaoshang error in both languages, for `#expect(... contains ...)`.
  static func messages(_ body: () throws -> Void) -> (zh: String, en: String)? {
    do {
      try body()
      return nil
    } catch let error as ZhaoshangError {
      return (error.text(.zh), error.text(.en))
    } catch {
      return ("\(error)", "\(error)")
    }
  }
}
