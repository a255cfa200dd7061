import ArgumentParser
import ZhaoshangKit

extension Month: ExpressibleByArgument {
  public init?(argument: String) {
    // A month outside the dates zhaoshang accepts is refused like any unreadable month.
    guard let month = Month(parsing: argument), DateWindow.contains(month) else { return nil }
    self = month
  }

  public static var defaultCompletionKind: CompletionKind { .default }
}

extension Language: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
