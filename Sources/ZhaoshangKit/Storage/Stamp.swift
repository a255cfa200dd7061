import Foundation

/// Who made a change and when, written beside every record.
public struct Stamp: Sendable, Equatable {
  /// Who acts, with the role and unit that decide what they may change.
  public let actor: ActingUser
  public let at: String
  /// The command line (or the web request) that made the change, kept in the audit trail.
  public let command: String
  /// The actor is the OS login only because no one was named (`--by`, `$ZHAOSHANG_ACTOR`): `history` says so,
  /// since `root` on a shared server names nobody.
  public var byOSLogin = false
  /// The office's clock, for the times the ledger's own messages name (when a month was closed, a trip voided):
  /// the command line sets it from the rule file's `timezone`; elsewhere it is the district's.
  public var clock: OfficeClock = .district

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

  /// The name given, else `$ZHAOSHANG_ACTOR`, else the OS login (marked as such); and the current time in UTC,
  /// e.g. `2022-08-01T01:30:00Z`: unambiguous whatever the server's zone, shown in the office's (`OfficeClock`).
  public static func now(
    by name: String? = nil, command: String = "", environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Stamp {
    let named = [name, environment["ZHAOSHANG_ACTOR"]].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
      .first { !$0.isEmpty }
    let user = named ?? environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
    var stamp = Stamp(by: user.isEmpty ? "unknown" : user, at: formatter.string(from: Date()), command: command)
    stamp.byOSLogin = named == nil
    return stamp
  }
}
