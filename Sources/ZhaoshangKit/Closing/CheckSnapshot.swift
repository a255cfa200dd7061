import Foundation

/// A `CheckReport` as a closed month stores it: everything needed to print it again exactly, rules included.
///
/// Kept apart from the `check --format json` interface so that either can grow without breaking the other;
/// `version` lets a later layout still read rows frozen under this one.
struct CheckSnapshot: Codable, Equatable {
  struct Rules: Codable, Equatable {
    var title: String
    var effectiveFrom: CivilDate
    var explanationDueDay: Int
    var countedKinds: [String]
    var prorate: Bool
    var escalateAfter: Int?
    var tiers: [TierEntry]
    var path: String
    var sha256: String
  }

  struct TierEntry: Codable, Equatable {
    var id: String
    var title: String
    var minDays: Int
    var units: [String]
  }

  struct Person: Codable, Equatable {
    var unit: String
    var tier: String
    var name: String
    var role: String
    var daysInPost: Int
    var required: DayCount
    var counted: DayCount
  }

  struct Unit: Codable, Equatable {
    var unit: String
    var tier: String
    var status: UnitStatus
    var peopleOut: Int
    var personDays: DayCount
    var explanationDue: CivilDate?
  }

  struct Warning: Codable, Equatable {
    var zh: String
    var en: String
  }

  var version = 1
  var month: Month
  var rules: Rules
  var people: [Person]
  var units: [Unit]
  var warnings: [Warning]

  init(_ report: CheckReport) {
    let ruleSet = report.rules
    month = report.month
    rules = Rules(
      title: ruleSet.title, effectiveFrom: ruleSet.effectiveFrom, explanationDueDay: ruleSet.explanationDueDay,
      countedKinds: ruleSet.countedKinds.sorted(), prorate: ruleSet.prorate, escalateAfter: ruleSet.escalateAfter,
      tiers: ruleSet.tiers.map { TierEntry(id: $0.id, title: $0.title, minDays: $0.minDays, units: $0.units) },
      path: ruleSet.source.path, sha256: ruleSet.source.sha256)
    people = report.people.map {
      Person(
        unit: $0.unit, tier: $0.tier.id, name: $0.name, role: $0.role, daysInPost: $0.daysInPost,
        required: $0.required, counted: $0.counted)
    }
    units = report.units.map {
      Unit(
        unit: $0.unit, tier: $0.tier.id, status: $0.status, peopleOut: $0.peopleOut, personDays: $0.personDays,
        explanationDue: $0.explanationDue)
    }
    warnings = report.warnings.map { Warning(zh: $0.zh, en: $0.en) }
  }

  /// The report as it was frozen; nil when the stored tiers do not cover its own rows (a damaged row).
  var report: CheckReport? {
    let tiers = rules.tiers.map { Tier(id: $0.id, title: $0.title, minDays: $0.minDays, units: $0.units) }
    let byId = Dictionary(tiers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let ruleSet = RuleSet(
      title: rules.title, effectiveFrom: rules.effectiveFrom, explanationDueDay: rules.explanationDueDay,
      countedKinds: Set(rules.countedKinds), prorate: rules.prorate, tiers: tiers,
      source: RuleSource(path: rules.path, sha256: rules.sha256), escalateAfter: rules.escalateAfter)
    var heads: [HeadResult] = []
    for person in people {
      guard let tier = byId[person.tier] else { return nil }
      heads.append(
        HeadResult(
          unit: person.unit, tier: tier, name: person.name, role: person.role, daysInPost: person.daysInPost,
          required: person.required, counted: person.counted))
    }
    var unitResults: [UnitResult] = []
    for unit in units {
      guard let tier = byId[unit.tier] else { return nil }
      unitResults.append(
        UnitResult(
          unit: unit.unit, tier: tier, status: unit.status, peopleOut: unit.peopleOut, personDays: unit.personDays,
          explanationDue: unit.explanationDue))
    }
    return CheckReport(
      month: month, rules: ruleSet, people: heads, units: unitResults,
      warnings: warnings.map { Localized($0.zh, $0.en) })
  }
}

/// The JSON text frozen months are stored in: stable key order, so equal values store as equal text.
package enum FrozenJSON {
  /// A frozen column's text as zhaoshang writes it, from the value it holds: for an engine that keeps JSON in its
  /// own form (PostgreSQL's jsonb), the text SQLite stores and the audit fingerprints. Text that is not the
  /// column's value is returned as it is, so the fingerprint then tells the change.
  package static func canonical(column: String, text: String) -> String {
    switch column {
    case "check_json": return (try? decode(CheckSnapshot.self, from: text)).flatMap { try? encode($0) } ?? text
    case "bulletin_json": return (try? decode(Bulletin.self, from: text)).flatMap { try? encode($0) } ?? text
    default: return text
    }
  }

  /// A month's check as a close freezes it in `check_json`.
  package static func frozen(_ report: CheckReport) throws -> String { try encode(CheckSnapshot(report)) }

  /// A frozen check read back.
  package static func report(from text: String) throws -> CheckReport {
    guard let report = try decode(CheckSnapshot.self, from: text).report else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a frozen check that is not one"))
    }
    return report
  }

  package static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  package static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
  }
}
