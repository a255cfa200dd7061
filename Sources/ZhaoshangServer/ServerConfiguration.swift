import ZhaoshangKit

/// How `zhaoshang serve` runs: where it listens, what it serves, and the clock it judges "today" by.
public struct ServerConfiguration: Sendable {
  public var host: String
  /// 0 asks the system for a free port (tests); the URL printed names the one given.
  public var port: Int
  /// Marks the session cookie Secure: for a server behind HTTPS (nginx), so browsers send it only over HTTPS.
  public var secureCookies: Bool
  /// Today's date: the real one, or a fixed day for the demo (mid-July 2022, so its month is in progress).
  public var today: @Sendable () -> CivilDate
  /// The month pages show when none is asked for; the current month when nil.
  public var defaultMonth: Month?
  /// How long a browser session lasts without logging in again.
  public var sessionLifetime: Double = 12 * 3600
  /// The largest request body accepted (forms and JSON).
  public var maxBodyBytes: Int = 256 * 1024

  public init(
    host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
    today: @escaping @Sendable () -> CivilDate = { CivilDate.today() }, defaultMonth: Month? = nil
  ) {
    self.host = host
    self.port = port
    self.secureCookies = secureCookies
    self.today = today
    self.defaultMonth = defaultMonth
  }

  /// The month a page shows: the one asked for, else the default.
  func month(_ asked: Month?) -> Month { asked ?? defaultMonth ?? Month(containing: today()) }
}
