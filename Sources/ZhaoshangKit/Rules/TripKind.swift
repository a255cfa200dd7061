import Foundation

/// What a trip record is: a visit out, a video negotiation, an online signing.
public struct TripKind: Sendable, Hashable, Comparable {
  public let id: String
  public let title: Localized
  /// Whether trips of this kind count towards the quota under the rule file that declared it.
  public let counts: Bool

  public init(id: String, title: Localized, counts: Bool = false) {
    self.id = id
    self.title = title
    self.counts = counts
  }

  /// The same kind, counting or not.
  public func counting(_ counts: Bool) -> TripKind {
    TripKind(id: id, title: title, counts: counts)
  }

  public static let visit = TripKind(id: "visit", title: Localized("外出招商", "visit"), counts: true)
  public static let video = TripKind(id: "video", title: Localized("视频洽谈", "video negotiation"))
  public static let online = TripKind(id: "online", title: Localized("线上签约", "online signing"))

  /// The kinds a trip record may carry.
  public static let known: [TripKind] = [.visit, .video, .online]

  /// Finds a kind by its id or by its Chinese name (外出招商, 实地拜访, 视频洽谈, ...).
  public static func named(_ text: String) -> TripKind? {
    let key = text.trimmingCharacters(in: .whitespaces)
    if key.isEmpty { return .visit }
    if let kind = known.first(where: { $0.id == key.lowercased() || $0.title.zh == key }) {
      return kind
    }
    switch key {
    case "实地拜访", "外出", "拜访", "出访": return .visit
    case "视频", "视频会议", "线上洽谈", "云洽谈": return .video
    case "线上", "网上签约", "云签约": return .online
    default: return nil
    }
  }

  /// The list shown when a kind is not recognised.
  public static var knownList: Localized {
    Localized(
      known.map { "\($0.id)（\($0.title.zh)）" }.joined(separator: "、"),
      known.map { "\($0.id) (\($0.title.en))" }.joined(separator: ", "))
  }

  public static func < (lhs: TripKind, rhs: TripKind) -> Bool { lhs.id < rhs.id }
  public static func == (lhs: TripKind, rhs: TripKind) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
