/// Whether a trip about to be recorded is new, a repeat of one the head already has, or an overlap with one: the
/// rule every store applies to each trip of a write, over values it has read, so the engines cannot disagree.
///
/// A repeat (same head, half-days, kind and destination, void or not) adds nothing: sending a file again must not
/// add its trips twice, nor revive a voided one. An overlap with a trip that counts is recorded with a warning: the
/// days shared count once. The SQLite writer (`TripWriter`) keeps the same rule over 12-byte footprints, for
/// imports of millions of rows; `PostgresStoreTests` hold the two stores to the same answers and words.
public enum TripAdmission {
  /// A trip the head already has: recorded (with its id) or earlier in the same write (without one). Only what
  /// the verdict reads is kept, not the trip with its purpose and companies: an import holds one for every trip
  /// of every head it meets, a million of them in a province's year.
  public struct Known: Sendable {
    public let id: Int64?
    /// The trip's half-days, worked out once: a write judges each new trip against every one the head has.
    let halves: ClosedRange<Int>?
    let kind: String
    let destination: String
    let isVoid: Bool

    public init(id: Int64?, trip: Trip) {
      self.id = id
      halves = trip.halves
      kind = trip.kind
      destination = trip.destination
      isVoid = trip.isVoid
    }
  }

  public enum Verdict: Sendable, Equatable {
    /// Already there: skipped. `voided` names the recorded void trip it repeats when no counting one does, for
    /// the clerk to undo that void if it was a mistake.
    case repeats(voided: Int64?)
    /// New: written, with the first counting trip it overlaps, if any (its id when recorded, nil when earlier
    /// in the same write).
    case new(overlapping: Int64??)
  }

  /// The verdict on `trip` (its kind already as the rules name it) against the head's `known` trips: the recorded
  /// ones first, by start date and id, leaving out those their unit withdrew, then the earlier ones of the write.
  public static func judge(_ trip: Trip, against known: [Known]) -> Verdict {
    let halves = trip.halves
    func repeats(_ other: Known) -> Bool {
      other.halves == halves && other.destination == trip.destination && other.kind == trip.kind
    }
    if let repeated = known.first(where: repeats) {
      guard !trip.isVoid, repeated.isVoid, !known.contains(where: { !$0.isVoid && repeats($0) })
      else { return .repeats(voided: nil) }
      return .repeats(voided: repeated.id)
    }
    guard !trip.isVoid, let halves else { return .new(overlapping: nil) }
    let overlap = known.first { other in
      guard !other.isVoid, let theirs = other.halves else { return false }
      return theirs.overlaps(halves)
    }
    return .new(overlapping: overlap.map(\.id))
  }

  /// The warning for a repeat of a voided trip, naming it and how to undo the void.
  public static func repeatsVoidedWarning(_ entry: Located<Trip>, voided: Int64) -> Problem {
    var problem = entry.problem(
      .tripRepeatsVoided, field: nil,
      "与已作废的第 \(voided) 条外出记录相同，未再登记；如那次作废有误，",
      "repeats trip \(voided), which was voided, so it was not recorded again; if that void was a mistake, ",
      arguments: ["trip": String(voided)])
    problem.remedy = Remedy(Localized("{action}", "{action}"), .unvoid(voided))
    return problem
  }

  /// The warning for an overlap with another trip of the same head (`id` when that one is recorded).
  public static func overlapWarning(_ entry: Located<Trip>, with id: Int64?) -> Problem {
    let reference = id.map { " #\($0)" } ?? ""
    return entry.problem(
      .tripOverlap, field: nil,
      "与已登记的外出\(reference)时间重叠；重叠的日子只计一次", "overlaps trip\(reference) of the same head; overlapping days count once")
  }

  /// The warning for a trip recorded over the head's leave: the days of leave do not count as days out.
  public static func leaveWarning(_ entry: Located<Trip>, leave: Leave) -> Problem {
    let trip = entry.value
    let reference = leave.id.map { " #\($0)" } ?? ""
    return entry.problem(
      .tripOverlap, field: .from,
      "与\(trip.name)已登记的请假\(reference)（\(leave.reason)，\(leave.from.iso) 至 \(leave.to.iso)）时间重叠；请假的日子不计为外出天数，已登记，请核对日期",
      "overlaps \(trip.name)'s recorded leave\(reference) (\(leave.reason), \(leave.from.iso) to \(leave.to.iso)); days of leave never count as days out: recorded, but check the dates",
      arguments: ["leave": leave.id.map(String.init) ?? "", "from": leave.from.iso, "to": leave.to.iso])
  }
}
