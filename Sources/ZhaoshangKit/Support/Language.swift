/// The language people read zhaoshang's output in.
public enum Language: String, Sendable, CaseIterable, Codable {
  case zh
  case en

  /// English only when the locale asks for it (`LC_ALL`, `LC_MESSAGES` or `LANG` starting with `en`, the first
  /// one set deciding); Chinese otherwise. zhaoshang's readers are Chinese offices, and servers usually run with
  /// `LANG=C.UTF-8` or none at all, which must not turn a bulletin into English.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[key], !value.isEmpty {
        return value.lowercased().hasPrefix("en") ? .en : .zh
      }
    }
    return .zh
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
