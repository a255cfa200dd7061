import Foundation

/// All the rule files of a ledger, each in force from its own `effective_from`.
public struct RuleBook: Sendable, Equatable {
  /// Sorted by `effectiveFrom`, earliest first; never empty.
  public let ruleSets: [RuleSet]

  public init(ruleSets: [RuleSet]) {
    self.ruleSets = ruleSets.sorted { $0.effectiveFrom < $1.effectiveFrom }
  }

  /// The file in force for a month: the latest `effective_from` on or before the month's first day.
  public func ruleSet(for month: Month) throws(ZhaoshangError) -> RuleSet {
    let first = month.firstDay
    guard let inForce = ruleSets.last(where: { $0.effectiveFrom <= first }) else {
      let earliest = ruleSets.first?.effectiveFrom.iso ?? "-"
      throw .refused(
        Localized(
          "\(month.chinese)没有生效的规则文件：最早的 effective_from 是 \(earliest)；请选择此后的月份，或添加更早生效的规则文件",
          "no rule file is in force for \(month.iso): the earliest effective_from is \(earliest); choose a later month or add a rule file in force earlier"
        ))
    }
    return inForce
  }

  /// Whether any rule file names the unit: a unit nobody assesses cannot hold a roster entry.
  public func declares(unit: String) -> Bool {
    ruleSets.contains { $0.tier(of: unit) != nil }
  }

  /// Every unit any file names, the newest file's order first.
  public var allUnits: [String] {
    var seen = Set<String>()
    return ruleSets.reversed().flatMap(\.units).filter { seen.insert($0).inserted }
  }

  /// The files' paths joined for `--verbose`.
  public var paths: [String] { ruleSets.map(\.source.path) }

  /// The clock times are shown by: the `timezone` of the file that took effect last, which is the office's
  /// present setting (times are shown, not counted, so older files' zones do not matter).
  public var clock: OfficeClock {
    ruleSets.max { $0.effectiveFrom < $1.effectiveFrom }?.clock ?? .district
  }

  /// Every trip kind any file declares, in first-seen order: what a trip record may carry.
  public var knownKinds: [TripKind] {
    var seen = Set<String>()
    return ruleSets.flatMap(\.kinds).filter { seen.insert($0.id).inserted }
  }

  /// The kind a record names by its id, its title in a rule file, or a common Chinese name (实地拜访, 视频, ...).
  public func kindID(for text: String) -> String? {
    let key = text.trimmingCharacters(in: .whitespaces)
    let kinds = knownKinds
    if let kind = kinds.first(where: { $0.id == key.lowercased() || $0.title.zh == key }) { return kind.id }
    if let builtIn = TripKind.named(key), kinds.contains(where: { $0.id == builtIn.id }) { return builtIn.id }
    return nil
  }

  /// The known kinds as a list for error messages.
  public var knownKindList: Localized {
    let kinds = knownKinds
    return Localized(
      kinds.map { "\($0.id)（\($0.title.zh)）" }.joined(separator: "、"),
      kinds.map { "\($0.id) (\($0.title.en))" }.joined(separator: ", "))
  }
}
