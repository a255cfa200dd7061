import Foundation

/// Who made a change and when, written beside every record.
public struct Stamp: Sendable, Equatable {
  /// Who acts, with the role and unit that decide what they may change.
  public let actor: ActingUser
  public let at: String
  /// The command line (or the web request) that made the change, kept in the audit trail.
  public let command: String

  /// The login written beside records as `recorded_by`.
  public var by: String { actor.login }

  /// A change by the office (the command line's actor).
  public init(by: String, at: String, command: String = "") {
    self.init(actor: .office(by), at: at, command: command)
  }

  public init(actor: ActingUser, at: String, command: String = "") {
    self.actor = actor
    self.at = at
    self.command = command
  }

  /// The same moment and command, made by another actor.
  public func by(_ actor: ActingUser) -> Stamp { Stamp(actor: actor, at: at, command: command) }

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
