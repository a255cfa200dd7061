import Foundation

/// Who made a change and when, written beside every record.
public struct Stamp: Sendable, Equatable {
  public let by: String
  public let at: String
  /// The command line that made the change, kept in the audit trail.
  public let command: String

  public init(by: String, at: String, command: String = "") {
    self.by = by
    self.at = at
    self.command = command
  }

  /// The OS user (or an explicit name) and the current time with its offset, e.g. `2022-08-01T09:30:00+08:00`.
  public static func now(
    by name: String? = nil, command: String = "", environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Stamp {
    let user = name ?? environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = .current
    return Stamp(by: user.isEmpty ? "unknown" : user, at: formatter.string(from: Date()), command: command)
  }
}
