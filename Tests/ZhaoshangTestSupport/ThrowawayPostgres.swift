import Dispatch
import Foundation

/// A PostgreSQL server of the tests' own: `initdb` in a temporary folder, a free loopback port, `pg_ctl start`,
/// and `pg_ctl stop` with the folder removed when the test process exits. Started once per run, on first use; each
/// test takes a database and role of its own (`makeDatabase`), so tests run in parallel without meeting.
///
/// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user. Where no server can be
/// started (no PostgreSQL installed, no `postgres` user), `shared` is nil, the reason is printed once, and the
/// PostgreSQL tests are skipped rather than failed.
public final class ThrowawayPostgres: Sendable {
  /// The server's superuser's password; the tests' roles get their own.
  static let superuserPassword = "throwaway-superuser"

  public let port: Int
  public let folder: URL
  /// The folder of PostgreSQL's programs, for the tests that run its client tools (`pg_dump`, `pg_restore`).
  public let binaries: URL
  let runAs: [String]

  public static let shared: ThrowawayPostgres? = {
    do {
      let server = try ThrowawayPostgres.start()
      serverToStop = server
      atexit { ThrowawayPostgres.serverToStop?.stop() }
      return server
    } catch {
      FileHandle.standardError.write(
        Data(
          "note: the PostgreSQL tests are skipped: no throw-away PostgreSQL server could be started (\(error))\n".utf8))
      return nil
    }
  }()

  /// The server `atexit` stops: a C callback cannot capture it.
  nonisolated(unsafe) static var serverToStop: ThrowawayPostgres?

  public static var isAvailable: Bool { shared != nil }

  init(port: Int, folder: URL, binaries: URL, runAs: [String]) {
    self.port = port
    self.folder = folder
    self.binaries = binaries
    self.runAs = runAs
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// PostgreSQL's programs: Debian keeps them in /usr/lib/postgresql/VERSION/bin, off PATH; the newest there, else
  /// wherever PATH has initdb.
  static func findBinaries() throws -> URL {
    let debian = URL(fileURLWithPath: "/usr/lib/postgresql")
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian.path)) ?? [])
      .compactMap(Int.init).sorted(by: >)
    for version in versions {
      let bin = debian.appendingPathComponent("\(version)/bin")
      if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
    }
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let bin = URL(fileURLWithPath: String(folder))
      if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) {
        return bin.appendingPathComponent("initdb").resolvingSymlinksInPath().deletingLastPathComponent()
      }
    }
    throw Failure(description: "initdb is neither in /usr/lib/postgresql/*/bin nor on PATH")
  }

  static func start() throws -> ThrowawayPostgres {
    let binaries = try findBinaries()
    var template = Array("/tmp/zhaoshang-pg-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw Failure(description: "cannot make a temporary folder") }
    let folder = URL(fileURLWithPath: String(cString: made))
    var runAs: [String] = []
    if getuid() == 0 {
      guard let user = getpwnam("postgres") else {
        throw Failure(description: "running as root and there is no postgres user to run the server as")
      }
      guard chown(folder.path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
        throw Failure(description: "cannot hand \(folder.path) to the postgres user")
      }
      runAs = ["/usr/sbin/runuser", "-u", "postgres", "--"]
      if !FileManager.default.isExecutableFile(atPath: runAs[0]) {
        runAs = ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups"]
      }
    }
    let passwordFile = folder.appendingPathComponent("superuser-password").path
    try run(runAs + ["/bin/sh", "-c", "umask 077; printf %s '\(superuserPassword)' > \(passwordFile)"])
    let data = folder.appendingPathComponent("data").path
    try run(
      runAs + [
        binaries.appendingPathComponent("initdb").path, "-D", data, "-U", "postgres", "--pwfile", passwordFile,
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
      ])
    // A port that was free a moment ago may be taken by the time the server binds it: try a few.
    var lastError: Error = Failure(description: "no free port")
    for _ in 0..<5 {
      let port = try freePort()
      let server = ThrowawayPostgres(port: port, folder: folder, binaries: binaries, runAs: runAs)
      do {
        // The server inherits every descriptor pg_ctl has, Foundation's own watch on the child among them, and
        // would keep it open for as long as it runs: the start is never seen to end. bash closes them first.
        try run(
          ["/bin/bash", "-c", Self.closeInheritedDescriptors, "bash"] + runAs + [
            binaries.appendingPathComponent("pg_ctl").path, "-D", data, "-l", folder.appendingPathComponent("log").path,
            "-w", "-t", "60", "-o",
            "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder.path) -c fsync=off -c max_connections=200",
            "start",
          ])
        return server
      } catch {
        lastError = error
      }
    }
    throw lastError
  }

  static let closeInheritedDescriptors = """
    for fd in /proc/$$/fd/*; do n=${fd##*/}; if ((n > 2 && n != 255)); then eval "exec $n>&-" 2>/dev/null; fi; done
    exec "$@"
    """

  /// A port nobody listens on now: bound to port 0, read back, released.
  public static func freePort() throws -> Int {
    let socketHandle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketHandle >= 0 else { throw Failure(description: "cannot open a socket") }
    defer { close(socketHandle) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(socketHandle, pointer, length) == 0 && getsockname(socketHandle, pointer, &length) == 0
      }
    }
    guard bound else { throw Failure(description: "cannot find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Runs a program to its end; its output is returned, a failure thrown with what it said.
  ///
  /// Output goes to a file, not a pipe: `pg_ctl start` leaves the server running with the output it inherited,
  /// and a pipe would then never reach its end.
  @discardableResult
  static func run(_ arguments: [String], input: String? = nil) throws -> String {
    let outputURL = URL(fileURLWithPath: "/tmp/zhaoshang-pg-output-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outputURL) }
    // The postgres user must be able to write it when the program runs as postgres.
    chmod(outputURL.path, 0o666)
    let output = try FileHandle(forWritingTo: outputURL)
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    process.standardOutput = output
    process.standardError = output
    let inputURL = URL(fileURLWithPath: "/tmp/zhaoshang-pg-input-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: inputURL.path, contents: Data((input ?? "").utf8))
    defer { try? FileManager.default.removeItem(at: inputURL) }
    chmod(inputURL.path, 0o644)
    let inputHandle = try FileHandle(forReadingFrom: inputURL)
    defer { try? inputHandle.close() }
    process.standardInput = inputHandle
    // Waited for through the termination handler, as the CLI tests do: waitUntilExit spins a run loop that a
    // test's thread does not run.
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    if finished.wait(timeout: .now() + 120) == .timedOut {
      process.terminate()
      finished.wait()
      throw Failure(description: "\(arguments.joined(separator: " ")) did not finish within two minutes")
    }
    let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    guard process.terminationStatus == 0 else {
      throw Failure(description: "\(arguments.joined(separator: " ")) failed: \(text)")
    }
    return text
  }

  /// Runs SQL as the superuser over the server's Unix socket (trusted, so no password is needed).
  @discardableResult
  public func superuserSQL(_ sql: String, database: String = "postgres") throws -> String {
    try Self.run(
      runAs + [
        binaries.appendingPathComponent("psql").path, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
        "-h", folder.path, "-p", String(port), "-U", "postgres", "-d", database, "-f", "-",
      ], input: sql)
  }

  /// A database of one test's own, owned by a role of its own with a password.
  public struct Database: Sendable {
    public let name: String
    public let user: String
    public let password: String
    public let port: Int

    /// The ledger address the tool is given, without the password.
    public var address: String { "postgres://\(user)@127.0.0.1:\(port)/\(name)" }
    /// The environment a command needs to log in: the password the way a clerk would give it.
    public var environment: [String: String] { ["PGPASSWORD": password] }
  }

  /// A fresh, empty database, owned by a fresh role with a password, as an administrator would make them.
  public func makeDatabase() throws -> Database {
    let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    let database = Database(name: "ledger_\(suffix)", user: "clerk_\(suffix)", password: "pw-\(suffix)", port: port)
    try superuserSQL(
      """
      CREATE ROLE \(database.user) LOGIN PASSWORD '\(database.password)';
      CREATE DATABASE \(database.name) OWNER \(database.user);
      """)
    // PostgreSQL 15 lets the database's owner create tables in `public`; older servers left it the superuser's.
    // Handing it over makes the tests' databases the same on either.
    try superuserSQL("ALTER SCHEMA public OWNER TO \(database.user);", database: database.name)
    return database
  }

  func stop() {
    _ = try? Self.run(
      runAs + [
        binaries.appendingPathComponent("pg_ctl").path, "-D", folder.appendingPathComponent("data").path, "-m",
        "immediate", "-w", "stop",
      ])
    try? FileManager.default.removeItem(at: folder)
  }
}
