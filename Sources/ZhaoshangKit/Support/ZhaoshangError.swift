/// One thing wrong with an input file or a command, located where the user can find it.
public struct Problem: Sendable, Equatable {
  /// `FILE:LINE` or an option name such as `--from`; nil when the whole command is at fault.
  public var location: String?
  /// The offending text as the user wrote it.
  public var excerpt: String?
  /// What is wrong and how to fix it.
  public var message: Localized

  public init(location: String? = nil, excerpt: String? = nil, _ message: Localized) {
    self.location = location
    self.excerpt = excerpt
    self.message = message
  }

  /// hledger's layout: `FILE:LINE:` then the excerpt, then the explanation.
  public func text(_ language: Language) -> String {
    var lines: [String] = []
    var head = location.map { "\($0): " } ?? ""
    if let excerpt, !excerpt.isEmpty {
      lines.append(head.trimmingSuffixSpace())
      lines.append("  | \(excerpt)")
      head = "  "
    }
    lines.append(head + message.text(language))
    return lines.joined(separator: "\n")
  }
}

/// Every failure a user can meet: each says what is wrong and what to do instead.
public enum ZhaoshangError: Error, Sendable, Equatable {
  /// The input (a file, a rule file, an option's value) is wrong; nothing was written.
  case invalidInput([Problem])
  /// The request is well formed but the ledger refuses it (a duplicate, a closed month, ...).
  case refused(Localized)
  /// The database or a file could not be read or written.
  case storage(Localized)
  /// The actor's role or unit does not allow it (a unit's account reaching another unit, a viewer writing).
  case forbidden(Localized)
  /// What the request names (a trip id, a login) does not exist, or not where the actor can see it.
  case notFound(Localized)
  /// The request clashes with the ledger's state: a closed month, a trip already reviewed, a login taken.
  case conflict(Localized)

  /// The most problems listed before the rest are only counted.
  public static let problemListLimit = 100

  public static func invalid(_ location: String? = nil, excerpt: String? = nil, _ zh: String, _ en: String)
    -> ZhaoshangError
  {
    .invalidInput([Problem(location: location, excerpt: excerpt, Localized(zh, en))])
  }

  /// The problems as a list: one entry for a refusal or storage failure.
  public var problems: [Problem] {
    switch self {
    case .invalidInput(let problems): return problems
    case .refused(let message), .storage(let message), .forbidden(let message), .notFound(let message),
      .conflict(let message):
      return [Problem(message)]
    }
  }

  public func text(_ language: Language) -> String {
    switch self {
    case .invalidInput(let problems):
      var lines = problems.prefix(Self.problemListLimit).map { $0.text(language) }
      if problems.count > Self.problemListLimit {
        let more = problems.count - Self.problemListLimit
        lines.append(language.pick("……另有 \(more) 处问题未列出。", "... and \(more) more problems not shown."))
      }
      return lines.joined(separator: "\n")
    case .refused(let message), .storage(let message), .forbidden(let message), .notFound(let message),
      .conflict(let message):
      return message.text(language)
    }
  }
}

extension String {
  fileprivate func trimmingSuffixSpace() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
