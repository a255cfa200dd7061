/// Which leave of a batch is new and whether it may be recorded, decided once over values for every store: a
/// repeat of recorded leave (or of a row earlier in the same batch) adds nothing, the rest must keep
/// `LeaveValidation`'s rules, and leave falling on a recorded trip is recorded with a warning naming the trip.
public enum LeaveAdmission {
  /// A trip that is not void, as a store reads it for the warnings: dates as ISO text, compared as text.
  public struct RecordedTrip: Sendable {
    public let id: Int64
    public let unit: String
    public let name: String
    public let start: String
    public let end: String
    public let destination: String

    public init(id: Int64, unit: String, name: String, start: String, end: String, destination: String) {
      self.id = id
      self.unit = unit
      self.name = name
      self.start = start
      self.end = end
      self.destination = destination
    }
  }

  /// The batch split into the leave to add and the repeats; refused with every problem, `earlier` ones (a file's
  /// unreadable lines) included, when any entry breaks a rule.
  public static func admit(
    _ entries: [Located<Leave>], existing: [Leave], posts: [Post], rules: RuleBook, carrying earlier: [Problem]
  ) throws(ZhaoshangError) -> (fresh: [Located<Leave>], alreadyPresent: [Located<Leave>]) {
    var problems = earlier
    var fresh: [Located<Leave>] = []
    var alreadyPresent: [Located<Leave>] = []
    for entry in entries {
      let leave = entry.value
      let same = { (other: Leave) in
        other.unit == leave.unit && other.name == leave.name && other.from == leave.from && other.to == leave.to
      }
      if existing.contains(where: same) || fresh.contains(where: { same($0.value) }) {
        alreadyPresent.append(entry)
        continue
      }
      problems += LeaveValidation.problems(with: entry, posts: posts, rules: rules)
      fresh.append(entry)
    }
    guard problems.isEmpty else { throw ZhaoshangError.invalidInput(problems.sortedByLine()) }
    return (fresh, alreadyPresent)
  }

  /// The days the batch spans: the store reads the trips not void that touch them, for `tripsUnder`.
  public static func span(of entries: [Located<Leave>]) -> (first: CivilDate, last: CivilDate)? {
    guard let first = entries.map(\.value.from).min(), let last = entries.map(\.value.to).max() else { return nil }
    return (first, last)
  }

  /// A warning for each leave recorded over a trip of the same head, naming the first such trip of `trips` (by
  /// start date and id): its days of leave will not count as days out.
  public static func tripsUnder(_ entries: [Located<Leave>], trips: [RecordedTrip]) -> [Problem] {
    entries.compactMap { entry in
      let leave = entry.value
      guard
        let trip = trips.first(where: { trip in
          trip.unit == leave.unit && trip.name == leave.name && trip.start <= leave.to.iso
            && trip.end >= leave.from.iso
        })
      else { return nil }
      return entry.problem(
        .tripOverlap, field: .from,
        "与\(leave.name)已登记的外出 #\(trip.id)（\(trip.destination)，\(trip.start) 至 \(trip.end)）时间重叠；请假的日子不计为外出天数，已登记，请核对日期或作废该外出",
        "overlaps \(leave.name)'s recorded trip #\(trip.id) (\(trip.destination), \(trip.start) to \(trip.end)); days of leave never count as days out: recorded, but check the dates or void the trip",
        arguments: ["trip": String(trip.id), "from": trip.start, "to": trip.end])
    }
  }

  /// What the audit event of the leave added says about it, the same on every store: the heads, the months the
  /// leave spans, and for one record its line.
  package static func event(of added: [Leave]) -> (subject: AuditTrail.Subject, summary: String?) {
    let months = added.flatMap { [Month(containing: $0.from), Month(containing: $0.to)] }
    return (
      AuditTrail.Subject(
        heads: added.map { HeadKey(unit: $0.unit, name: $0.name) },
        months: months.min().flatMap { low in months.max().map { low...$0 } }),
      added.count == 1 ? added.first.map { "\($0.unit) \($0.name) \($0.from.iso)–\($0.to.iso) \($0.reason)" } : nil
    )
  }
}
