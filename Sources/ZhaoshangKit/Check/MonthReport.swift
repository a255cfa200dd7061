/// A unit's declaration that its month is reported (报送): every trip it had is in the ledger, or, when
/// `nothingToReport`, that none of its heads went out (未外出), a report of zero rather than a silence.
///
/// Until a unit reports, its shortfall is provisional (未报送): the ledger may simply not hold its trips yet.
public struct MonthReport: Sendable, Equatable, Codable {
  public var id: Int64?
  public let unit: String
  public let month: Month
  /// The explicit zero report (未外出): nothing to report, the unit's heads did not go out.
  public let nothingToReport: Bool
  public let recordedBy: String
  public let recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id, unit, month
    case nothingToReport = "nothing_to_report"
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
  }

  public init(
    id: Int64? = nil, unit: String, month: Month, nothingToReport: Bool, recordedBy: String = "",
    recordedAt: String = ""
  ) {
    self.id = id
    self.unit = unit
    self.month = month
    self.nothingToReport = nothingToReport
    self.recordedBy = recordedBy
    self.recordedAt = recordedAt
  }

  /// 「已报送」 or 「已报送：未外出」.
  public func label(_ language: Language) -> String {
    nothingToReport ? language.pick("已报送：未外出", "reported: did not go out") : language.pick("已报送", "reported")
  }
}
