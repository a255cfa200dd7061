/// A number of days counted in halves, since a trip may start in the afternoon or end at noon.
public struct DayCount: Hashable, Comparable, Sendable, CustomStringConvertible, AdditiveArithmetic {
  public var halves: Int

  public init(halves: Int) { self.halves = halves }
  public init(days: Int) { self.halves = days * 2 }

  public static let zero = DayCount(halves: 0)

  public var days: Double { Double(halves) / 2 }

  /// `10`, `5.5`, `0`: halves as `.5`, whole days without decimals.
  public var description: String {
    let sign = halves < 0 ? "-" : ""
    let magnitude = abs(halves)
    return sign + (magnitude % 2 == 0 ? "\(magnitude / 2)" : "\(magnitude / 2).5")
  }

  public static func < (lhs: DayCount, rhs: DayCount) -> Bool { lhs.halves < rhs.halves }
  public static func + (lhs: DayCount, rhs: DayCount) -> DayCount { DayCount(halves: lhs.halves + rhs.halves) }
  public static func - (lhs: DayCount, rhs: DayCount) -> DayCount { DayCount(halves: lhs.halves - rhs.halves) }
}
