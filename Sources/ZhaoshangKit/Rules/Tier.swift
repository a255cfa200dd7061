/// A group of units held to the same monthly minimum (e.g. 镇街党政主要负责人, 10 days).
public struct Tier: Sendable, Equatable {
  public let id: String
  public let title: String
  public let minDays: Int
  public let units: [String]

  public init(id: String, title: String, minDays: Int, units: [String]) {
    self.id = id
    self.title = title
    self.minDays = minDays
    self.units = units
  }
}
