import Foundation
import ZhaoshangKit

/// libpq's password file (`~/.pgpass`, or `$PGPASSFILE`): lines of `host:port:database:username:password`, each of
/// the first four `*` for any, `\:` and `\\` for a colon and a backslash; the first line that matches wins.
///
/// Read as libpq reads it, so one file serves `psql`, `pg_dump` and zhaoshang alike; like libpq, a file that
/// group or others may read or write is ignored, since anyone who could read it would have the passwords.
public struct PasswordFile: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var host: String
    public var port: String
    public var database: String
    public var user: String
    public var password: String

    func matches(_ address: PostgresAddress) -> Bool {
      Self.field(host, matches: address.host) && Self.field(port, matches: String(address.port))
        && Self.field(database, matches: address.database) && Self.field(user, matches: address.user)
    }

    private static func field(_ pattern: String, matches value: String) -> Bool {
      pattern == "*" || pattern == value
    }
  }

  public var entries: [Entry]

  /// The lines of a password file; comments, blank lines and lines with fewer than five fields are skipped.
  public init(parsing text: String) {
    entries = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }.compactMap { line in
      if line.hasPrefix("#") { return nil }
      let fields = Self.fields(of: String(line))
      guard fields.count >= 5 else { return nil }
      // The password is the rest of the line: a colon after the fourth field belongs to it.
      return Entry(
        host: fields[0], port: fields[1], database: fields[2], user: fields[3],
        password: fields[4...].joined(separator: ":"))
    }
  }

  /// The password of the first entry that matches the address.
  public func password(for address: PostgresAddress) -> String? {
    entries.first { $0.matches(address) }?.password
  }

  /// The file libpq reads: `$PGPASSFILE`, else `.pgpass` in the home folder.
  public static func path(environment: [String: String]) -> String? {
    if let path = environment["PGPASSFILE"], !path.isEmpty { return path }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return (home as NSString).appendingPathComponent(".pgpass")
  }

  /// The file at `path`, or nil when it is missing, unreadable, or open to group or others (then libpq ignores it
  /// too).
  public static func load(at path: String) -> PasswordFile? {
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_mode & (S_IRWXG | S_IRWXO) == 0,
      let data = FileManager.default.contents(atPath: path)
    else { return nil }
    return PasswordFile(parsing: String(decoding: data, as: UTF8.self))
  }

  /// Splits at unescaped colons, turning `\:` and `\\` into `:` and `\`.
  private static func fields(of line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
