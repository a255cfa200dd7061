/// A head's approved leave or training (e.g. 党校学习): days that never count as days out, and with
/// `prorate_leave` come out of the days the head is held to.
public struct Leave: Sendable, Equatable, Hashable {
  public var id: Int64?
  public var unit: String
  public var name: String
  public var from: CivilDate
  public var to: CivilDate
  public var reason: String

  public init(id: Int64? = nil, unit: String, name: String, from: CivilDate, to: CivilDate, reason: String) {
    self.id = id
    self.unit = unit
    self.name = name
    self.from = from
    self.to = to
    self.reason = reason
  }

  public func covers(ordinal: Int) -> Bool { (from.ordinal...to.ordinal).contains(ordinal) }

  /// Whether any day of the leave falls in the month.
  public func touches(_ month: Month) -> Bool { from <= month.lastDay && to >= month.firstDay }
}
