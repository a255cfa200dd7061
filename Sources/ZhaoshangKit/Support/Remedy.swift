/// What to do about a problem, when doing it is an action each front end offers its own way: the command line
/// by an option (`--amend --reason`, `--force`), the web by a field or a button. The library words the rest of
/// the sentence; `template` holds `Remedy.slot` where the front end's words for `action` go.
public struct Remedy: Sendable, Equatable {
  /// Marks where the action goes in `template`.
  public static let slot = "{action}"

  public var template: Localized
  public var action: RemedyAction

  public init(_ template: Localized, _ action: RemedyAction) {
    self.template = template
    self.action = action
  }

  public func text(_ language: Language, phrasing: ProblemPhrasing) -> String {
    template.text(language).replacingOccurrences(of: Self.slot, with: phrasing.action(action, language))
  }
}

/// An action a front end offers to get past a problem.
public enum RemedyAction: Sendable, Equatable {
  /// Repeat the change as an amendment of the closed month, with the reason for it.
  case amendWithReason
  /// Repeat the request, insisting: replace what is there, or close a month early or with trips pending.
  case insist
  /// Give the field a value, such as the example.
  case fill(ProblemField, example: Localized)
  /// Name the field itself ("check the date and the month").
  case field(ProblemField)
  /// Look the trips' ids up where the front end lists them.
  case findTripIDs
  /// Undo the void of the trip with this id, which the entry repeats.
  case unvoid(Int64)
}
