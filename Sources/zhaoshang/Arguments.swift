import ArgumentParser
import ZhaoshangKit

extension Month: ExpressibleByArgument {
  public init?(argument: String) {
    // A month outside the dates zhaoshang accepts is refused like any unreadable month.
    guard let month = Month(parsing: argument), DateWindow.contains(month) else { return nil }
    self = month
  }

  public static var defaultCompletionKind: CompletionKind { .default }

  /// The forms `Month(parsing:)` reads, shown in every month option's help and so beside a refused month.
  static let acceptedForms = Localized(
    "写作 2022-07、2022-7、2022/7、202207 或 2022年7月（须带年份）",
    "written 2022-07, 2022-7, 2022/7, 202207 or 2022年7月 (with the year)")
}

extension Language: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
