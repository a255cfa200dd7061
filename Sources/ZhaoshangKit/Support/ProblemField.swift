/// The domain field a problem concerns: each front end shows it its own way (the command line as its option,
/// `--from`; the web as the form field the error stands beside; the API as `field`). The raw values are the
/// API's field names: never rename one.
public enum ProblemField: String, Sendable, Equatable, CaseIterable {
  case unit, names, from, to, kind, destination, purpose, companies
  case month, reason, note, received, document
  /// The day a post ends.
  case endDate
  case login, password
  /// A workbook's sheet, or a CSV file's text encoding.
  case sheet, encoding
  /// The number of days a trips file declares (its 天数 column), checked against the dates.
  case days
}

extension TextField {
  /// The domain field a text of this kind fills, where a problem with it is shown.
  var problemField: ProblemField? {
    switch self {
    case .unit: return .unit
    case .name: return .names
    case .role: return nil
    case .destination: return .destination
    case .purpose: return .purpose
    case .company: return .companies
    case .reason: return .reason
    case .note: return .note
    }
  }
}

extension ProblemField {
  /// The field a column of a trips, roster or leave sheet fills.
  init?(column key: String) {
    switch key {
    case "start": self = .from
    case "end": self = .to
    case "name": self = .names
    case "company", "companies": self = .companies
    default: self.init(rawValue: key)
    }
  }
}
