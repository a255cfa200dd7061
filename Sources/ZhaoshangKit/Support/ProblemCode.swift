/// What kind of problem it is, as a stable machine-readable identifier: the API's `code`, a test's handle, and
/// what a front end keys its own wording on. The raw values are part of the API: never rename one.
public enum ProblemCode: String, Sendable, Equatable, CaseIterable {
  /// An input is wrong in a way no more specific code names.
  case inputInvalid = "input.invalid"
  /// A file or document could not be read at all.
  case fileUnreadable = "file.unreadable"
  /// A file's layout is wrong: header, columns, sheet, encoding.
  case fileLayout = "file.layout"
  /// A rule or calendar file says something it may not.
  case rulesInvalid = "rules.invalid"
  /// A date is not one the office writes, or outside the years the ledger keeps.
  case dateInvalid = "date.invalid"
  /// A text is empty, too long, or holds characters a clerk cannot see.
  case textInvalid = "text.invalid"
  /// A required value is missing.
  case valueMissing = "value.missing"
  /// No rule file declares the unit.
  case unitUnknown = "unit.unknown"
  /// The head is not on the unit's roster, or not in post on the days given.
  case headNotOnRoster = "head.notOnRoster"
  /// A roster entry clashes with the roster (a second post at once, an end before the start).
  case rosterInvalid = "roster.invalid"
  /// No rule file knows the trip kind.
  case kindUnknown = "kind.unknown"
  /// The dates of a trip or leave are in the wrong order, or cover no time.
  case periodInvalid = "period.invalid"
  /// The trip or leave starts after today.
  case dateInFuture = "date.inFuture"
  /// The trip overlaps another of the same head: a warning, the days counting once.
  case tripOverlap = "trip.overlap"
  /// The trip is already recorded.
  case tripDuplicate = "trip.duplicate"
  /// The trip repeats a voided one, so it was not recorded again: a warning that names the void to undo.
  case tripRepeatsVoided = "trip.repeatsVoided"
  /// The change would alter a closed month.
  case monthClosed = "trip.closedMonth"
  /// The month has not ended, or has not begun, or is already closed or not closed.
  case monthState = "month.state"
  /// Trips of the month wait for review.
  case reviewPending = "review.pending"
  /// A change to a closed month, a return or a voiding needs its reason.
  case reasonMissing = "reason.missing"
  /// A password or login does not meet the policy.
  case credentialsWeak = "credentials.weak"
  /// The unit owes no explanation, or the explanation's dates are wrong.
  case explanationInvalid = "explanation.invalid"
  /// A file would be overwritten.
  case fileExists = "file.exists"
  /// The actor's role or unit does not allow it.
  case forbidden = "forbidden"
  /// What the request names does not exist, or not where the actor can see it.
  case notFound = "not_found"
  /// The request clashes with the ledger's state.
  case conflict = "conflict"
  /// The ledger refuses the request.
  case refused = "refused"
  /// The ledger or a file could not be read or written.
  case storage = "storage"
}
