import Foundation

/// The JSON interface of `check`: the names here are a promise to scripts that read them.
struct CheckJSON: Encodable {
  struct Rules: Encodable {
    let path: String
    let sha256: String
    let title: String
    let effectiveFrom: String

    enum CodingKeys: String, CodingKey {
      case path, sha256, title
      case effectiveFrom = "effective_from"
    }
  }

  struct Person: Encodable {
    let unit: String
    let name: String
    let role: String
    let tier: String
    let daysInPost: Int
    let requiredDays: Double
    let countedDays: Double
    /// Days of trips still waiting for the office's review: shown, not counted.
    let pendingDays: Double
    let shortfallDays: Double
    let compliant: Bool

    enum CodingKeys: String, CodingKey {
      case unit, name, role, tier, compliant
      case daysInPost = "days_in_post"
      case requiredDays = "required_days"
      case countedDays = "counted_days"
      case pendingDays = "pending_days"
      case shortfallDays = "shortfall_days"
    }
  }

  struct Unit: Encodable {
    let unit: String
    let tier: String
    let status: String
    let peopleOut: Int
    let personDays: Double
    let explanationDue: String?

    enum CodingKeys: String, CodingKey {
      case unit, tier, status
      case peopleOut = "people_out"
      case personDays = "person_days"
      case explanationDue = "explanation_due"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(unit, forKey: .unit)
      try container.encode(tier, forKey: .tier)
      try container.encode(status, forKey: .status)
      try container.encode(peopleOut, forKey: .peopleOut)
      try container.encode(personDays, forKey: .personDays)
      // The interface promises the key with null, not a missing key.
      try container.encode(explanationDue, forKey: .explanationDue)
    }
  }

  /// Where the month stands on the day it was read, and who has reported it; absent from a frozen result.
  struct Completeness: Encodable {
    /// `future`, `so_far` or `ended`.
    let monthState: String
    let asOf: String
    /// Days of the month after `as_of`, while it is under way.
    let daysLeft: Int?
    /// False when no trip at all touches the month: the figures are then no result.
    let hasTrips: Bool
    /// True when nobody was in post: no unit was assessed, which is not "every unit met its quota".
    let rosterEmpty: Bool
    /// Until this day a short unit that has not reported is `not_reported`, not `short`.
    let reportsDue: String
    let reported: [MonthReport]
    let notReported: [String]

    enum CodingKeys: String, CodingKey {
      case reported
      case monthState = "month_state"
      case asOf = "as_of"
      case daysLeft = "days_left"
      case hasTrips = "has_trips"
      case rosterEmpty = "roster_empty"
      case reportsDue = "reports_due"
      case notReported = "not_reported"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(monthState, forKey: .monthState)
      try container.encode(asOf, forKey: .asOf)
      try container.encode(daysLeft, forKey: .daysLeft)
      try container.encode(hasTrips, forKey: .hasTrips)
      try container.encode(rosterEmpty, forKey: .rosterEmpty)
      try container.encode(reportsDue, forKey: .reportsDue)
      try container.encode(reported, forKey: .reported)
      try container.encode(notReported, forKey: .notReported)
    }
  }

  let month: String
  let rules: Rules
  let people: [Person]
  let units: [Unit]
  let warnings: [String]
  let completeness: Completeness?

  init(_ report: CheckReport, language: Language) {
    month = report.month.iso
    rules = Rules(
      path: report.rules.source.path, sha256: report.rules.source.sha256, title: report.rules.title,
      effectiveFrom: report.rules.effectiveFrom.iso)
    people = report.people.map {
      Person(
        unit: $0.unit, name: $0.name, role: $0.role, tier: $0.tier.id, daysInPost: $0.daysInPost,
        requiredDays: $0.required.days, countedDays: $0.counted.days, pendingDays: $0.pending.days,
        shortfallDays: $0.shortfall.days,
        compliant: $0.compliant)
    }
    units = report.units.map {
      Unit(
        unit: $0.unit, tier: $0.tier.id, status: $0.status.rawValue, peopleOut: $0.peopleOut,
        personDays: $0.personDays.days, explanationDue: $0.explanationDue?.iso)
    }
    var warnings = report.warnings
    if report.completeness == nil, let empty = MonthCompleteness.emptyRosterNotice(report) {
      warnings.insert(empty, at: 0)
    }
    self.warnings = warnings.map { $0.text(language) }
    completeness = report.completeness.map { completeness in
      var daysLeft: Int?
      if case .underway(let left) = completeness.phase { daysLeft = left }
      return Completeness(
        monthState: completeness.phaseKey, asOf: completeness.asOf.iso, daysLeft: daysLeft,
        hasTrips: completeness.hasTrips, rosterEmpty: MonthCompleteness.emptyRosterNotice(report) != nil,
        reportsDue: completeness.reportsDue.iso, reported: completeness.reports,
        notReported: completeness.unreported(in: report))
    }
  }

  /// The value as pretty, sorted JSON. A value JSON cannot hold (a day count that is not a number) is an
  /// internal failure, said as such: printing `{}` instead would pass an empty report off as a real one.
  static func encode<T: Encodable>(_ value: T) throws(ZhaoshangError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
      throw .storage(
        Problem(
          .storage,
          Localized(
            "无法把结果写成 JSON（其中有不能表示的数值），未输出任何内容；请把所用命令告知督考服务中心或维护人员",
            "the result could not be written as JSON (it holds a value JSON cannot represent), so nothing was printed; tell the office or whoever maintains zhaoshang which command did this"
          ),
          arguments: ["detail": String(describing: error)]))
    }
  }
}
