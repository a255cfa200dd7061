/// One thing wrong with an input file or a request, as a value each front end shows its own way: a code, where
/// it is (a file's line or cell, a field), the values the message was built from, what is wrong and what to do.
public struct Problem: Sendable, Equatable {
  public var code: ProblemCode
  public var at: ProblemLocation
  /// The offending text as the user wrote it.
  public var excerpt: String?
  /// What is wrong and, unless `remedy` says it, how to fix it.
  public var message: Localized
  /// What to do, when it is an action each front end words its own way.
  public var remedy: Remedy?
  /// The values the message was built from (a date, a unit, a month), for a front end's own wording.
  public var arguments: [String: String]

  public init(
    _ code: ProblemCode, at: ProblemLocation = ProblemLocation(), excerpt: String? = nil, _ message: Localized,
    remedy: Remedy? = nil, arguments: [String: String] = [:]
  ) {
    self.code = code
    self.at = at
    self.excerpt = excerpt
    self.message = message
    self.remedy = remedy
    self.arguments = arguments
  }

  /// A problem of no particular kind, in no particular place.
  public init(_ message: Localized) {
    self.init(.inputInvalid, message)
  }

  /// A problem at a position as the readers write it (`FILE`, `FILE:LINE`, `FILE:SHEET!CELL`).
  public init(
    _ code: ProblemCode = .inputInvalid, location: String?, field: ProblemField? = nil, excerpt: String? = nil,
    _ message: Localized, remedy: Remedy? = nil, arguments: [String: String] = [:]
  ) {
    let at = location.map { ProblemLocation(position: $0, field: field) } ?? ProblemLocation(field: field)
    self.init(code, at: at, excerpt: excerpt, message, remedy: remedy, arguments: arguments)
  }

  /// A problem with one field's value.
  public init(
    _ code: ProblemCode, field: ProblemField, excerpt: String? = nil, _ message: Localized, remedy: Remedy? = nil,
    arguments: [String: String] = [:]
  ) {
    self.init(code, at: ProblemLocation(field: field), excerpt: excerpt, message, remedy: remedy, arguments: arguments)
  }

  /// `FILE:LINE` or `FILE:SHEET!CELL`; nil when the problem is in no file.
  public var location: String? { at.position }

  /// The domain field at fault, if one is.
  public var field: ProblemField? { at.field }

  /// What is wrong and what to do, with the remedy's action in the front end's words.
  public func explanation(_ language: Language, phrasing: ProblemPhrasing = .domain) -> String {
    message.text(language) + (remedy?.text(language, phrasing: phrasing) ?? "")
  }

  /// `explanation` in both languages.
  public func explained(_ phrasing: ProblemPhrasing = .domain) -> Localized {
    Localized(explanation(.zh, phrasing: phrasing), explanation(.en, phrasing: phrasing))
  }

  /// hledger's layout: `FILE:LINE:` (or the field as the front end names it) then the excerpt, then the
  /// explanation.
  public func text(_ language: Language, phrasing: ProblemPhrasing = .domain) -> String {
    var lines: [String] = []
    let place = at.position ?? at.field.map { phrasing.field($0, language) }
    var head = place.map { "\($0): " } ?? ""
    if let excerpt, !excerpt.isEmpty {
      lines.append(head.trimmingSuffixSpace())
      lines.append("  | \(excerpt)")
      head = "  "
    }
    lines.append(head + explanation(language, phrasing: phrasing))
    return lines.joined(separator: "\n")
  }
}

extension Problem {
  /// No trip has the id, or none the actor may see: said the same either way, so guessing ids reveals nothing.
  package static func noSuchTrip(_ id: Int64, code: ProblemCode) -> Problem {
    Problem(
      code, Localized("没有编号为 \(id) 的外出记录；", "there is no trip \(id); "),
      remedy: Remedy(Localized("{action}", "{action}"), .findTripIDs), arguments: ["trip": String(id)])
  }
}

/// Every failure a user can meet: each says what is wrong and what to do instead.
public enum ZhaoshangError: Error, Sendable, Equatable {
  /// The input (a file, a rule file, an option's value) is wrong; nothing was written.
  case invalidInput([Problem])
  /// The request is well formed but the ledger refuses it (a duplicate, a closed month, ...).
  case refused(Problem)
  /// The database or a file could not be read or written.
  case storage(Problem)
  /// The actor's role or unit does not allow it (a unit's account reaching another unit, a viewer writing).
  case forbidden(Problem)
  /// What the request names (a trip id, a login) does not exist, or not where the actor can see it.
  case notFound(Problem)
  /// The request clashes with the ledger's state: a closed month, a trip already reviewed, a login taken.
  case conflict(Problem)

  /// The most problems listed before the rest are only counted.
  public static let problemListLimit = 100

  public static func refused(_ message: Localized) -> ZhaoshangError { .refused(Problem(.refused, message)) }
  public static func storage(_ message: Localized) -> ZhaoshangError { .storage(Problem(.storage, message)) }
  public static func forbidden(_ message: Localized) -> ZhaoshangError { .forbidden(Problem(.forbidden, message)) }
  public static func notFound(_ message: Localized) -> ZhaoshangError { .notFound(Problem(.notFound, message)) }
  public static func conflict(_ message: Localized) -> ZhaoshangError { .conflict(Problem(.conflict, message)) }

  /// One problem at a position as the readers write it (`FILE:LINE`), or at none.
  public static func invalid(_ location: String? = nil, excerpt: String? = nil, _ zh: String, _ en: String)
    -> ZhaoshangError
  {
    .invalidInput([Problem(location: location, excerpt: excerpt, Localized(zh, en))])
  }

  /// One problem with one field's value.
  public static func invalid(
    _ code: ProblemCode, field: ProblemField, excerpt: String? = nil, _ message: Localized, remedy: Remedy? = nil,
    arguments: [String: String] = [:]
  ) -> ZhaoshangError {
    .invalidInput([Problem(code, field: field, excerpt: excerpt, message, remedy: remedy, arguments: arguments)])
  }

  /// The problems as a list: one entry for a refusal or storage failure.
  public var problems: [Problem] {
    switch self {
    case .invalidInput(let problems): return problems
    case .refused(let problem), .storage(let problem), .forbidden(let problem), .notFound(let problem),
      .conflict(let problem):
      return [problem]
    }
  }

  /// The code of the error: its first problem's.
  public var code: ProblemCode { problems.first?.code ?? .inputInvalid }

  public func text(_ language: Language, phrasing: ProblemPhrasing = .domain) -> String {
    switch self {
    case .invalidInput(let problems):
      var lines = problems.prefix(Self.problemListLimit).map { $0.text(language, phrasing: phrasing) }
      if problems.count > Self.problemListLimit {
        let more = problems.count - Self.problemListLimit
        lines.append(language.pick("……另有 \(more) 处问题未列出。", "... and \(more) more problems not shown."))
      }
      return lines.joined(separator: "\n")
    case .refused(let problem), .storage(let problem), .forbidden(let problem), .notFound(let problem),
      .conflict(let problem):
      return problem.explanation(language, phrasing: phrasing)
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
