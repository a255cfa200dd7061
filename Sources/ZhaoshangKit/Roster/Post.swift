/// A head's time in one post: who, in which unit, in what role, from when to when.
public struct Post: Sendable, Equatable, Hashable {
  public var id: Int64?
  public var unit: String
  public var name: String
  public var role: String
  /// First day in post; nil when the post began before anything the ledger assesses.
  public var from: CivilDate?
  /// Last day in post; nil while the head is still in post.
  public var to: CivilDate?

  public init(id: Int64? = nil, unit: String, name: String, role: String, from: CivilDate? = nil, to: CivilDate? = nil)
  {
    self.id = id
    self.unit = unit
    self.name = name
    self.role = role
    self.from = from
    self.to = to
  }

  public func covers(_ date: CivilDate) -> Bool {
    (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
  }

  /// The days of `month` the head was in post, as a range of date ordinals, or nil when none.
  public func daysInPost(during month: Month) -> ClosedRange<Int>? {
    daysInPost(from: month.firstDay, to: month.lastDay)
  }

  /// The days between two dates (inclusive) the head was in post, or nil when none.
  public func daysInPost(from first: CivilDate, to last: CivilDate) -> ClosedRange<Int>? {
    let lower = max(first.ordinal, from?.ordinal ?? Int.min)
    let upper = min(last.ordinal, to?.ordinal ?? Int.max)
    return lower <= upper ? lower...upper : nil
  }

  /// Whether two posts share a day: one person may not hold two such posts in one unit.
  public func overlaps(_ other: Post) -> Bool {
    let lower = max(from?.ordinal ?? Int.min, other.from?.ordinal ?? Int.min)
    let upper = min(to?.ordinal ?? Int.max, other.to?.ordinal ?? Int.max)
    return lower <= upper
  }

  /// `2022-07-16 至 今` style description of the tenure.
  public func tenure(_ language: Language) -> String {
    let start = from?.iso ?? language.pick("（未填）", "(open)")
    let end = to?.iso ?? language.pick("今", "now")
    return language.pick("\(start) 至 \(end)", "\(start) to \(end)")
  }
}

extension Post {
  /// The same unit, name, role and dates: a re-imported row, not a new post.
  public func sameEntry(as other: Post) -> Bool {
    unit == other.unit && name == other.name && role == other.role && from == other.from && to == other.to
  }
}
