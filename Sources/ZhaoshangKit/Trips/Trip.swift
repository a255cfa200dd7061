import Foundation

/// One head's trip out: the record a unit reports and the check counts.
public struct Trip: Sendable, Equatable, Hashable {
  public var id: Int64?
  public var unit: String
  public var name: String
  public var start: CivilDate
  /// The trip began at noon (`下午`/`PM` on the start date).
  public var startsAfternoon: Bool
  public var end: CivilDate
  /// The trip ended at noon (`上午`/`AM` on the end date).
  public var endsMorning: Bool
  public var kind: String
  public var destination: String
  public var purpose: String
  public var companies: [String]
  public var recordedBy: String
  public var recordedAt: String
  public var voiding: Voiding?
  /// The office's review: approved unless a unit submitted the trip and the office has not approved it yet.
  public var review: ReviewStatus = .approved
  /// The reason the office gave when it last returned the trip.
  public var returnReason: String?

  public init(
    id: Int64? = nil, unit: String, name: String, start: CivilDate, startsAfternoon: Bool = false,
    end: CivilDate, endsMorning: Bool = false, kind: String = TripKind.visit.id, destination: String,
    purpose: String = "", companies: [String] = [], recordedBy: String = "", recordedAt: String = "",
    voiding: Voiding? = nil
  ) {
    self.id = id
    self.unit = unit
    self.name = name
    self.start = start
    self.startsAfternoon = startsAfternoon
    self.end = end
    self.endsMorning = endsMorning
    self.kind = kind
    self.destination = destination
    self.purpose = purpose
    self.companies = companies
    self.recordedBy = recordedBy
    self.recordedAt = recordedAt
    self.voiding = voiding
  }

  public var isVoid: Bool { voiding != nil }

  /// Whether the trip's days count (of a counted kind): neither void nor waiting for, or refused in, review.
  public var isCounted: Bool { voiding == nil && review == .approved }

  /// Half-day indices covered: each date is two halves, `2 x ordinal` the morning and `+1` the afternoon.
  public var halves: ClosedRange<Int>? {
    let first = start.ordinal * 2 + (startsAfternoon ? 1 : 0)
    let last = end.ordinal * 2 + (endsMorning ? 0 : 1)
    return first <= last ? first...last : nil
  }

  /// The days the trip covers, counted in halves.
  public var length: DayCount { DayCount(halves: halves?.count ?? 0) }

  /// Whether two records describe the same trip: same head, dates, halves, kind and destination.
  public func isSameTrip(as other: Trip) -> Bool {
    unit == other.unit && name == other.name && start == other.start && end == other.end
      && startsAfternoon == other.startsAfternoon && endsMorning == other.endsMorning && kind == other.kind
      && destination == other.destination
  }

  /// `2022-07-04 下午` style start text.
  public func startText(_ language: Language) -> String {
    start.iso + (startsAfternoon ? language.pick(" 下午", " PM") : "")
  }

  public func endText(_ language: Language) -> String {
    end.iso + (endsMorning ? language.pick(" 上午", " AM") : "")
  }
}

/// Why and by whom a trip was withdrawn: a voided trip stays on record and no longer counts.
public struct Voiding: Sendable, Equatable, Hashable {
  public var reason: String
  public var by: String
  public var at: String

  public init(reason: String, by: String, at: String) {
    self.reason = reason
    self.by = by
    self.at = at
  }
}

extension Trip {
  /// Whether two trips share a half day.
  public func overlaps(_ other: Trip) -> Bool {
    guard let mine = halves, let theirs = other.halves else { return false }
    return mine.overlaps(theirs)
  }
}
