/// A closed month: the check and bulletin frozen when it was closed, the rule file behind them, who and when.
public struct ClosedMonth: Sendable, Equatable {
  public let id: Int64
  public let month: Month
  public let report: CheckReport
  public let bulletin: Bulletin
  public let rulesPath: String
  public let rulesSHA256: String
  public let closedBy: String
  public let closedAt: String
  /// Closed with `--force` before the month had ended.
  public let forced: Bool
  /// Set once the close was undone; the frozen result stays on record.
  public let reopening: Reopening?

  public init(
    id: Int64, month: Month, report: CheckReport, bulletin: Bulletin, rulesPath: String, rulesSHA256: String,
    closedBy: String, closedAt: String, forced: Bool, reopening: Reopening?
  ) {
    self.id = id
    self.month = month
    self.report = report
    self.bulletin = bulletin
    self.rulesPath = rulesPath
    self.rulesSHA256 = rulesSHA256
    self.closedBy = closedBy
    self.closedAt = closedAt
    self.forced = forced
    self.reopening = reopening
  }
}

/// Who undid a close, when and why.
public struct Reopening: Sendable, Equatable {
  public let by: String
  public let at: String
  public let reason: String

  public init(by: String, at: String, reason: String) {
    self.by = by
    self.at = at
    self.reason = reason
  }
}

/// Leave to change what counts in a closed month, with the reason recorded beside the change.
public struct Amendment: Sendable, Equatable {
  public let reason: String
  /// The command that made the change, as the record shows it, e.g. `void 17`.
  public let command: String

  public init(reason: String, command: String) {
    self.reason = reason
    self.command = command
  }
}

/// A change recorded against a closed month: an amended write, or the month's reopening.
public struct AmendmentEntry: Sendable, Equatable {
  public let id: Int64?
  public let month: Month
  /// The close it was made under.
  public let closedMonthId: Int64
  public let command: String
  public let reason: String
  public let by: String
  public let at: String

  public init(
    id: Int64?, month: Month, closedMonthId: Int64, command: String, reason: String, by: String, at: String
  ) {
    self.id = id
    self.month = month
    self.closedMonthId = closedMonthId
    self.command = command
    self.reason = reason
    self.by = by
    self.at = at
  }
}
