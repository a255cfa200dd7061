/// The language people read zhaoshang's output in.
public enum Language: String, Sendable, CaseIterable, Codable {
  case zh
  case en

  /// Chinese when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `zh`, English otherwise.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[key], !value.isEmpty {
        return value.lowercased().hasPrefix("zh") ? .zh : .en
      }
    }
    return .en
  }

  /// Picks the text written for this language.
  public func pick(_ zh: String, _ en: String) -> String {
    self == .zh ? zh : en
  }
}

/// A sentence written in both of zhaoshang's languages, chosen when it is shown.
public struct Localized: Sendable, Equatable, CustomStringConvertible {
  public let zh: String
  public let en: String

  public init(_ zh: String, _ en: String) {
    self.zh = zh
    self.en = en
  }

  public func text(_ language: Language) -> String {
    language.pick(zh, en)
  }

  public var description: String { en }
}
