import Foundation

// Frozen months are stored as JSON and bulletins are written as JSON, so the calendar types encode in the
// forms a reader expects: dates and months as text, day counts as numbers with halves as `.5`.

extension CivilDate: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = CivilDate(iso: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}

extension Month: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let month = Month(parsing: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a month: \(text)")
    }
    self = month
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}

extension DayCount: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let days = try container.decode(Double.self)
    let halves = (days * 2).rounded()
    guard halves == days * 2, abs(halves) < 1e12 else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a whole or half day: \(days)")
    }
    self.init(halves: Int(halves))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    // Whole days as integers, so the JSON reads `10`, not `10.0`.
    if halves % 2 == 0 {
      try container.encode(halves / 2)
    } else {
      try container.encode(days)
    }
  }
}

extension UnitStatus: Codable {}
