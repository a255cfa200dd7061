/// ANSI colour for statuses on a terminal; `.none` leaves text plain (files, pipes, `NO_COLOR`).
public enum TerminalColour: Sendable {
  case none
  case ansi

  public func alarm(_ text: String) -> String { wrap(text, "31") }
  public func fine(_ text: String) -> String { wrap(text, "32") }
  public func notice(_ text: String) -> String { wrap(text, "33") }

  private func wrap(_ text: String, _ code: String) -> String {
    self == .ansi ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
  public static func choose(isTerminal: Bool, environment: [String: String]) -> TerminalColour {
    guard isTerminal, environment["NO_COLOR"].map({ $0.isEmpty }) ?? true else { return .none }
    return .ansi
  }
}
