/// A head's month so far, as a unit's clerk watches it: days counted, days waiting for review, days required,
/// days left in the month, and a warning (预警) when the days left can no longer, or only just, make up the
/// shortfall.
public struct HeadStanding: Sendable, Equatable {
  public let unit: String
  public let name: String
  public let role: String
  public let counted: DayCount
  public let pending: DayCount
  public let required: DayCount
  /// Calendar days from today to the month's end, today included; the whole month before it begins, 0 after.
  public let daysLeft: Int
  public let warning: StandingWarning?

  /// Days still to be spent out once the pending ones are approved.
  public var stillNeeded: DayCount {
    let needed = required - counted - pending
    return needed > .zero ? needed : .zero
  }

  /// Two days or fewer to spare is "only just".
  public static let tightMargin = 2

  public init(_ person: HeadResult, month: Month, today: CivilDate) {
    unit = person.unit
    name = person.name
    role = person.role
    counted = person.counted
    pending = person.pending
    required = person.required
    if today < month.firstDay {
      daysLeft = month.lastDay.ordinal - month.firstDay.ordinal + 1
    } else if today > month.lastDay {
      daysLeft = 0
    } else {
      daysLeft = month.lastDay.ordinal - today.ordinal + 1
    }
    let needed = max(0, (person.required - person.counted - person.pending).halves)
    if needed == 0 {
      warning = nil
    } else if needed > daysLeft * 2 {
      warning = .cannotMeet
    } else if needed >= (daysLeft - Self.tightMargin) * 2 {
      warning = .tight
    } else {
      warning = nil
    }
  }
}

/// Why a head's standing is flagged (预警).
public enum StandingWarning: String, Sendable, Equatable {
  /// Even out every remaining day, the head cannot reach the days required.
  case cannotMeet
  /// The days left only just cover what is still needed.
  case tight

  public func title(_ language: Language) -> String {
    switch self {
    case .cannotMeet: return language.pick("预警：本月剩余天数已不足以补足", "warning: the days left can no longer make it up")
    case .tight: return language.pick("预警：剩余天数仅够补足", "warning: the days left only just make it up")
    }
  }
}
