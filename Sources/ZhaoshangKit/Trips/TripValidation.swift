/// The rules a trip must keep before it is written.
public enum TripValidation {
  /// Every problem with recording `trips`, given the roster and today's date.
  public static func problems(recording trips: [Located<Trip>], posts: [Post], rules: RuleBook, today: CivilDate)
    -> [Problem]
  {
    let validator = TripValidator(posts: posts, rules: rules, today: today)
    return trips.flatMap { validator.problems(with: $0) }
  }
}

/// Checks trips one at a time against a roster read once, so a file of any length streams through it.
public struct TripValidator: Sendable {
  let postsByHead: [HeadKey: [Post]]
  let rules: RuleBook
  let today: CivilDate
  /// The units any rule file declares, as a set: `RuleBook.declares` walks every tier's list, once per row.
  let declaredUnits: Set<String>
  /// The ids of the kinds any rule file declares: `RuleBook.knownKinds` builds its list anew on every call.
  let knownKindIDs: Set<String>

  public init(posts: [Post], rules: RuleBook, today: CivilDate) {
    self.postsByHead = Dictionary(grouping: posts) { HeadKey(unit: $0.unit, name: $0.name) }
    self.rules = rules
    self.today = today
    self.declaredUnits = Set(rules.allUnits)
    self.knownKindIDs = Set(rules.knownKinds.map(\.id))
  }

  /// What the roster rule needs to know of a head: looked up once per head by a writer that meets the same
  /// head many times, instead of hashing its unit and name for every trip.
  struct HeadFacts {
    let posts: [Post]
    let unitDeclared: Bool
  }

  func facts(unit: String, name: String) -> HeadFacts {
    HeadFacts(posts: postsByHead[HeadKey(unit: unit, name: name)] ?? [], unitDeclared: declaredUnits.contains(unit))
  }

  /// The trip with its kind written as the rules name it (`外出招商` becomes `visit`).
  public func normalized(_ entry: Located<Trip>) -> Located<Trip> {
    let id = kindID(for: entry.value.kind)
    guard id != entry.value.kind else { return entry }
    var copy = entry
    copy.value.kind = id
    return copy
  }

  /// A kind as the rules name it, or the text as written when no rule file knows it (and `problems` refuses it).
  func kindID(for text: String) -> String { rules.kindID(for: text) ?? text }

  /// Every problem with recording this one trip; empty when it may be written.
  public func problems(with entry: Located<Trip>) -> [Problem] {
    problems(with: entry, facts: facts(unit: entry.value.unit, name: entry.value.name))
  }

  /// The same, given the facts of the trip's head.
  func problems(with entry: Located<Trip>, facts: HeadFacts) -> [Problem] {
    var problems: [Problem] = []
    let trip = entry.value
    if trip.end < trip.start {
      problems.append(
        entry.problem(
          .periodInvalid, field: .to,
          "结束日期 \(trip.end.iso) 早于开始日期 \(trip.start.iso)；请检查两个日期是否写反",
          "the trip ends (\(trip.end.iso)) before it starts (\(trip.start.iso)); check whether the dates are swapped",
          arguments: ["from": trip.start.iso, "to": trip.end.iso])
      )
    } else if trip.halves == nil {
      problems.append(
        entry.problem(
          .periodInvalid, field: .to,
          "同一天下午出发、上午返回，行程为空；请检查上午/下午标记",
          "the trip starts in the afternoon and ends in the morning of the same day, so it covers nothing; check the AM/PM marks"
        ))
    }
    if trip.start > today {
      problems.append(
        entry.problem(
          .dateInFuture, field: .from,
          "开始日期 \(trip.start.iso) 晚于今天（\(today.iso)）；只能登记已经开始的外出，请在出发后再登记",
          "the trip starts on \(trip.start.iso), after today (\(today.iso)); record trips once they have begun",
          arguments: ["from": trip.start.iso, "today": today.iso]))
    }
    if !knownKindIDs.contains(trip.kind) {
      problems.append(
        entry.problem(
          .kindUnknown, field: .kind,
          "未知的外出类型「\(trip.kind)」；可用的类型有 \(rules.knownKindList.zh)",
          "unknown trip kind \"\(trip.kind)\"; the kinds are \(rules.knownKindList.en)"))
    }
    if TextField.isBlank(trip.destination) {
      problems.append(
        entry.problem(
          .valueMissing, field: .destination, "缺少目的地；请填写外出去向，如 上海",
          "the destination is missing; write where the trip went, such as 上海"))
    }
    // Field by field, without building a list of them for every row.
    func judge(_ field: TextField, _ text: String) {
      guard !TextField.isBlank(text), let problem = field.problem(with: text) else { return }
      problems.append(entry.problem(.textInvalid, field: field.problemField, problem.zh, problem.en))
    }
    judge(.unit, trip.unit)
    judge(.name, trip.name)
    judge(.destination, trip.destination)
    judge(.purpose, trip.purpose)
    for company in trip.companies { judge(.company, company) }
    for date in [trip.start, trip.end] where !DateWindow.contains(date) {
      let refusal = DateWindow.refusal(of: date.iso)
      problems.append(
        entry.problem(.dateInvalid, field: date == trip.start ? .from : .to, refusal.zh, refusal.en))
    }
    if let rosterProblem = rosterProblem(with: entry, facts: facts) { problems.append(rosterProblem) }
    return problems
  }

  /// Whether every day of the trip falls in one of the head's posts: the question asked of every row, answered
  /// without building a string.
  func isWithinPosts(_ trip: Trip, facts: HeadFacts) -> Bool {
    guard !facts.posts.isEmpty, trip.end >= trip.start else { return true }
    if facts.posts.contains(where: { $0.covers(trip.start) && $0.covers(trip.end) }) { return true }
    // Two posts one after the other (a new role) may cover the trip between them.
    return (trip.start.ordinal...trip.end.ordinal).allSatisfy { ordinal in
      facts.posts.contains { $0.covers(CivilDate(ordinal: ordinal)) }
    }
  }

  /// A warning for a trip some of whose days fall before the head's post began or after it ended: it is
  /// recorded, and those days do not count, but a wrong date or a post recorded too late is likelier.
  public func postWarning(with entry: Located<Trip>) -> Problem? {
    postWarning(with: entry, facts: facts(unit: entry.value.unit, name: entry.value.name))
  }

  func postWarning(with entry: Located<Trip>, facts: HeadFacts) -> Problem? {
    let trip = entry.value
    guard !isWithinPosts(trip, facts: facts) else { return nil }
    // A trip with no day in post at all is refused, not warned of.
    guard facts.posts.contains(where: { $0.daysInPost(from: trip.start, to: trip.end) != nil }) else { return nil }
    let outside = (trip.start.ordinal...trip.end.ordinal).filter { ordinal in
      !facts.posts.contains { $0.covers(CivilDate(ordinal: ordinal)) }
    }.count
    let tenures = facts.posts.map { "\($0.role) \($0.tenure(.zh))" }.joined(separator: "；")
    let tenuresEn = facts.posts.map { "\($0.role) \($0.tenure(.en))" }.joined(separator: "; ")
    return entry.problem(
      .headNotOnRoster, field: .from,
      "\(trip.name)的任职为 \(tenures)，这次外出 \(trip.start.iso) 至 \(trip.end.iso) 有 \(outside) 天不在任期内，这些天不计入；已登记，请核对外出日期或任职记录",
      "\(trip.name)'s post is \(tenuresEn), so \(outside) days of the trip \(trip.start.iso) to \(trip.end.iso) fall outside it and do not count; recorded, but check the trip's dates or the roster",
      arguments: ["from": trip.start.iso, "to": trip.end.iso, "daysOutside": String(outside)])
  }

  /// The trip's unit must be declared, its head on the unit's roster and in post on a day of the trip.
  private func rosterProblem(with entry: Located<Trip>, facts: HeadFacts) -> Problem? {
    let trip = entry.value
    guard facts.unitDeclared else {
      let message = RosterValidation.unknownUnit(trip.unit, rules: rules)
      return entry.problem(.unitUnknown, field: .unit, message.zh, message.en, arguments: ["unit": trip.unit])
    }
    let heldPosts = facts.posts
    if heldPosts.isEmpty {
      return
        (entry.problem(
          .headNotOnRoster, field: .names,
          "\(trip.unit)的花名册中没有「\(trip.name)」；请核对姓名，或先用 zhaoshang roster add 登记",
          "\"\(trip.name)\" is not on the roster of \(trip.unit); check the name, or add the head with `zhaoshang roster add` first"
        ))
    } else if trip.end >= trip.start,
      !heldPosts.contains(where: { $0.daysInPost(from: trip.start, to: trip.end) != nil })
    {
      let tenures = heldPosts.map { "\($0.role) \($0.tenure(.zh))" }.joined(separator: "；")
      let tenuresEn = heldPosts.map { "\($0.role) \($0.tenure(.en))" }.joined(separator: "; ")
      return
        (entry.problem(
          .headNotOnRoster, field: .names,
          "\(trip.name)在 \(trip.start.iso) 至 \(trip.end.iso) 期间不在任（任职：\(tenures)）；请核对日期或任职记录",
          "\(trip.name) was not in post on any day from \(trip.start.iso) to \(trip.end.iso) (posts: \(tenuresEn)); check the dates or the roster"
        ))
    }
    return nil
  }
}
