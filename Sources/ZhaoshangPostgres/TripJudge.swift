import ZhaoshangKit

/// Judges a write's trips one at a time, as they come: validates each (`TripValidator`), skips repeats and notes
/// overlaps and leave (`TripAdmission`), keeping the problems, the warnings and the first ten repeats.
///
/// Shared by `recordTrips`, which has its entries in hand, and imports, which stream theirs: what a trip is judged
/// against (the head's recorded trips, then those admitted before it) is read the first time its head is met and
/// grows with what is admitted, so the judge's memory grows with the heads' trips, not with anything else.
struct TripJudge {
  private let validator: TripValidator
  private(set) var problems = ProblemList()
  private(set) var warnings = ProblemList()
  /// The first ten entries already recorded.
  private(set) var alreadyPresent: [Located<Trip>] = []
  /// Every entry already recorded.
  private(set) var alreadyPresentCount = 0
  private var known: [HeadKey: [TripAdmission.Known]] = [:]
  private var leaves: [HeadKey: [Leave]]?
  /// Whether the ledger held no trip when the write began: then no head has recorded trips to read, and an import
  /// into a new ledger asks nothing of the database for each of its thousands of heads.
  private let ledgerHadNoTrips: Bool

  /// A judge over the roster as it stands, carrying the problems of rows that could not be read.
  init(rules: RuleBook, today: CivilDate, carrying earlier: [Problem], link: PostgresLink) async throws(ZhaoshangError)
  {
    validator = TripValidator(posts: try await PostgresStore.posts(unit: nil, link: link), rules: rules, today: today)
    ledgerHadNoTrips = try await link.value("SELECT NOT EXISTS (SELECT 1 FROM trip)") == "1"
    for problem in earlier { problems.append(problem) }
  }

  mutating func reject(_ problem: Problem) { problems.append(problem) }
  mutating func warn(_ problem: Problem) { warnings.append(problem) }

  /// The trip to write for `entry`, normalized; nil when it repeats a recorded trip or has problems.
  mutating func admit(_ entry: Located<Trip>, link: PostgresLink) async throws(ZhaoshangError) -> Trip? {
    let located = validator.normalized(entry)
    let trip = located.value
    let key = HeadKey(unit: trip.unit, name: trip.name)
    if known[key] == nil {
      known[key] = ledgerHadNoTrips ? [] : try await PostgresStore.recordedTrips(of: key, link: link)
    }
    switch TripAdmission.judge(trip, against: known[key] ?? []) {
    case .repeats(let voided):
      alreadyPresentCount += 1
      if alreadyPresent.count < 10 { alreadyPresent.append(located) }
      if let voided { warnings.append(TripAdmission.repeatsVoidedWarning(located, voided: voided)) }
      return nil
    case .new(let overlapping):
      let found = validator.problems(with: located)
      guard found.isEmpty else {
        problems.append(contentsOf: found)
        return nil
      }
      if let warning = validator.postWarning(with: located) { warnings.append(warning) }
      if trip.voiding == nil {
        if leaves == nil { leaves = try await PostgresStore.leavesByHead(link: link) }
        if let leave = leaves?[key]?.first(where: { $0.from <= trip.end && trip.start <= $0.to }) {
          warnings.append(TripAdmission.leaveWarning(located, leave: leave))
        }
      }
      if let overlapping { warnings.append(TripAdmission.overlapWarning(located, with: overlapping)) }
      known[key, default: []].append(TripAdmission.Known(id: nil, trip: trip))
      return trip
    }
  }
}
