import ArgumentParser
import ZhaoshangKit

extension Month: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(parsing: argument)
  }

  public static var defaultCompletionKind: CompletionKind { .default }
}

extension Language: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
