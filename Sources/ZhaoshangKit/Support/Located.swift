/// A value with the place it was read from, so a later check can still say `FILE:LINE:`.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  /// `FILE:LINE`, or the option it came from; nil for a value typed whole on the command line.
  public var location: String?
  public var excerpt: String?

  public init(_ value: Value, location: String? = nil, excerpt: String? = nil) {
    self.value = value
    self.location = location
    self.excerpt = excerpt
  }

  func problem(_ zh: String, _ en: String) -> Problem {
    Problem(location: location, excerpt: excerpt, Localized(zh, en))
  }

  func problem(
    _ code: ProblemCode, field: ProblemField?, _ zh: String, _ en: String, arguments: [String: String] = [:]
  ) -> Problem {
    Problem(code, location: location, field: field, excerpt: excerpt, Localized(zh, en), arguments: arguments)
  }
}
