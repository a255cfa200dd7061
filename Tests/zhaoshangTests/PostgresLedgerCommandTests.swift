import Dispatch
import Foundation
import Testing
import ZhaoshangTestSupport

/// The command line and the web application on one shared PostgreSQL ledger, as a city's districts run them.
@Suite(
  "Commands and servers on one PostgreSQL ledger",
  .enabled(if: ThrowawayPostgres.isAvailable, "no throw-away PostgreSQL server could be started here"))
struct PostgresLedgerCommandTests {
  /// A folder whose commands all go to `database`: its address in `$ZHAOSHANG_DB`, its password in PGPASSWORD.
  struct SharedLedger {
    let folder: Workspace
    let environment: [String: String]

    init(_ database: ThrowawayPostgres.Database) throws {
      folder = try Workspace()
      environment = database.environment.merging(["ZHAOSHANG_DB": database.address]) { $1 }
      try folder.succeed(["init"], env: environment)
    }

    /// Another database read with the same folder's rules: a restored copy of the ledger, say.
    init(folder: Workspace, database: ThrowawayPostgres.Database) {
      self.folder = folder
      environment = database.environment.merging(["ZHAOSHANG_DB": database.address]) { $1 }
    }

    @discardableResult
    func succeed(_ args: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
      try folder.succeed(args, env: environment, stdin: stdin)
    }

    func trips() throws -> [TripRow] {
      try JSONDecoder().decode([TripRow].self, from: Data(succeed(["trips", "--format", "json"]).stdout.utf8))
    }
  }

  /// The shipped example on a SQLite ledger and on a PostgreSQL one of its own, each with its roster and trips;
  /// the caller removes both.
  static func exampleOnBoth() throws -> (sqlite: Workspace, postgres: SharedLedger) {
    let sqlite = try Workspace.hongze()
    var postgres: SharedLedger?
    do {
      let ledger = try SharedLedger(try #require(ThrowawayPostgres.shared).makeDatabase())
      postgres = ledger
      try ledger.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
      try ledger.succeed(["import", "trips", CLI.hongze.appendingPathComponent("trips.csv").path])
      return (sqlite, ledger)
    } catch {
      sqlite.remove()
      postgres?.folder.remove()
      throw error
    }
  }

  /// The shipped example's trips, one file per three units, each with the header: files of different units that
  /// clerks import at the same time.
  static func tripFilesByUnit() throws -> [String] {
    let lines = try String(contentsOf: CLI.hongze.appendingPathComponent("trips.csv"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let byUnit = Dictionary(grouping: lines.dropFirst()) { $0.split(separator: ",").first.map(String.init) ?? "" }
    let units = byUnit.keys.sorted()
    return stride(from: 0, to: units.count, by: 3).map { first in
      tripHeader + units[first..<min(first + 3, units.count)].flatMap { byUnit[$0] ?? [] }.joined(separator: "\n")
        + "\n"
    }
  }

  /// Runs every job at once, each on a thread of its own (they wait on processes), and waits for all of them.
  static func together(_ jobs: [@Sendable () -> Void]) {
    let group = DispatchGroup()
    for job in jobs {
      group.enter()
      Thread {
        job()
        group.leave()
      }.start()
    }
    group.wait()
  }

  @Test func twoServersAndSeveralClerksAtOnceLoseNothingAndTheTrailVerifies() throws {
    // Given a PostgreSQL ledger holding the example's roster, a login of 朱坝街道 with an API token, the
    // example's trips split into files of different units, and two servers serving the ledger
    let database = try #require(ThrowawayPostgres.shared).makeDatabase()
    let ledger = try SharedLedger(database)
    defer { ledger.folder.remove() }
    try ledger.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    try ledger.succeed(
      ["user", "add", "zhuba", "--role", "unit", "--unit", "朱坝街道", "--password-stdin"], stdin: "Zhuba-shared-2022!\n")
    let token = try ledger.succeed(["user", "token", "zhuba"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let files = try Self.tripFilesByUnit().enumerated().map { index, text in
      try ledger.folder.write("trips-\(index).csv", text)
    }
    let servers = try (0..<2).map { _ in
      try ServerProcess([], in: ledger.folder.url, env: ledger.environment)
    }

    // When clerks import those files and log trips on the command line while a unit posts trips through both
    // servers' API, all at the same time
    let results = Results()
    var jobs: [@Sendable () -> Void] = []
    for file in files {
      jobs.append { results.add(Result { try ledger.folder.run(["import", "trips", file], env: ledger.environment) }) }
    }
    for day in 1...4 {
      let args = [
        "log", "--unit", "高良涧街道", "--name", "李某", "--from", "2022-06-0\(day)", "--destination", "日志\(day)",
        "--purpose", "拜访企业",
      ]
      jobs.append { results.add(Result { try ledger.folder.run(args, env: ledger.environment) }) }
    }
    for index in 1...20 {
      let server = servers[index % 2]
      let body = Self.apiTrip(index)
      jobs.append { results.add(api: Result { try server.post("/api/v1/trips", token: token, body: body) }) }
    }
    Self.together(jobs)
    let stopped = servers.map { $0.stop() }

    // Then every command succeeded and every post was answered 201
    for result in results.commands {
      let run = try result.get()
      #expect(run.status == 0, "\(run.stderr)")
    }
    #expect(try results.statuses.map { try $0.get() } == Array(repeating: 201, count: 20))
    // and the ledger holds each trip exactly once: the example's, the four logged and the twenty posted
    let trips = try ledger.trips()
    let exampleRows = try Self.tripFilesByUnit().map { $0.split(separator: "\n").count - 1 }.reduce(0, +)
    #expect(trips.count == exampleRows + 4 + 20)
    #expect(Set(trips.map(\.id)).count == trips.count)
    let destinations = trips.map(\.destination)
    for day in 1...4 { #expect(destinations.filter { $0 == "日志\(day)" }.count == 1) }
    for index in 1...20 { #expect(destinations.filter { $0 == "南京\(index)" }.count == 1) }
    // and the audit trail verifies, and both servers stopped cleanly when asked
    #expect(try ledger.succeed(["verify"]).status == 0)
    for server in stopped { #expect(server.status == 0, "\(server.stderr)") }
    // and, the servers stopped and the commands done, none of them left a connection open
    #expect(try Self.connectionsLeft(to: database) == 0)
  }

  /// The connections still open to `database`, once those closing have had a few seconds to go.
  static func connectionsLeft(to database: ThrowawayPostgres.Database) throws -> Int {
    let server = try #require(ThrowawayPostgres.shared)
    var left = -1
    for _ in 0..<50 {
      let count = try server.superuserSQL("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database.name)';")
      left = Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
      if left == 0 { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return left
  }

  /// Trip `index` of 朱坝街道's 王某 as a unit's script posts it: one half of a June day each, so none repeats or
  /// overlaps another (as in the server's own concurrency test).
  static func apiTrip(_ index: Int) -> String {
    let day = String(format: "2022-06-%02d", (index + 1) / 2)
    let (from, to) = index % 2 == 1 ? (day, "\(day) 上午") : ("\(day) 下午", day)
    return #"{"names": ["王某"], "from": "\#(from)", "to": "\#(to)", "destination": "南京\#(index)"}"#
  }

  @Test func theExampleChecksAndPrintsTheSameBulletinOnBothEngines() throws {
    // Given the shipped example imported into a SQLite ledger and into a PostgreSQL one
    let (sqlite, postgres) = try Self.exampleOnBoth()
    defer {
      sqlite.remove()
      postgres.folder.remove()
    }

    // When each is checked, its bulletin printed, and what it owes listed, in both languages
    for command in [["check"], ["bulletin"], ["owing"], ["check", "--unit", "朱坝街道", "--explain"]] {
      for language in ["zh", "en"] {
        let args = command + ["--month", "2022-07", "--lang", language]
        let onSQLite = try sqlite.succeed(args)
        let onPostgres = try postgres.succeed(args)

        // Then both print the same
        #expect(onPostgres.stdout == onSQLite.stdout, "\(args)")
        #expect(onPostgres.stderr == onSQLite.stderr, "\(args)")
      }
    }
  }

  /// Runs one of PostgreSQL's client programs as IT would, the role's password in PGPASSWORD; what it said.
  static func postgresTool(_ name: String, _ args: [String], password: String) throws -> (status: Int32, said: String) {
    let process = Process()
    process.executableURL = try #require(ThrowawayPostgres.shared).binaries.appendingPathComponent(name)
    process.arguments = args
    process.environment = ["PGPASSWORD": password, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    let said = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-\(name)-\(UUID().uuidString)")
    try Data().write(to: said)
    defer { try? FileManager.default.removeItem(at: said) }
    let output = try FileHandle(forWritingTo: said)
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    // Waited for through the termination handler, as `CLI.run` does.
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    finished.wait()
    try output.close()
    return (process.terminationStatus, (try? String(contentsOf: said, encoding: .utf8)) ?? "")
  }

  @Test func aDumpRestoredIntoAnEmptyDatabaseVerifiesAndReportsTheSame() throws {
    // Given the example on a PostgreSQL ledger, a trip voided and July closed
    let server = try #require(ThrowawayPostgres.shared)
    let database = try server.makeDatabase()
    let ledger = try SharedLedger(database)
    defer { ledger.folder.remove() }
    try ledger.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    try ledger.succeed(["import", "trips", CLI.hongze.appendingPathComponent("trips.csv").path])
    let first = try #require(try ledger.trips().first)
    try ledger.succeed(["void", String(first.id), "--reason", "重复登记"])
    try ledger.succeed(["close", "--month", "2022-07"])

    // When IT dumps it with pg_dump -Fc and restores the dump into a new, empty database of another role
    let dump = ledger.folder.file("zhaoshang.dump").path
    let dumped = try Self.postgresTool(
      "pg_dump", ["-Fc", "-h", "127.0.0.1", "-p", String(server.port), "-U", database.user, "-f", dump, database.name],
      password: database.password)
    let target = try server.makeDatabase()
    let restored = try Self.postgresTool(
      "pg_restore",
      ["--no-owner", "-h", "127.0.0.1", "-p", String(server.port), "-U", target.user, "-d", target.name, dump],
      password: target.password)

    // Then both succeed, verify passes on the restored ledger, and it reports as the original does
    #expect(dumped.status == 0, "\(dumped.said)")
    #expect(restored.status == 0, "\(restored.said)")
    let copy = SharedLedger(folder: ledger.folder, database: target)
    #expect(try copy.succeed(["verify"]).status == 0)
    for command in [["check", "--month", "2022-07"], ["bulletin", "--month", "2022-07"], ["trips"], ["history"]] {
      #expect(try copy.succeed(command).stdout == ledger.succeed(command).stdout, "\(command)")
    }
    // and the restored ledger takes new work, its ids going on after the dump's rather than from 1 again
    let before = try #require(try ledger.trips().map(\.id).max())
    try copy.succeed(["log", "--unit", "高良涧街道", "--name", "李某", "--from", "2022-08-01", "--destination", "恢复后"])
    let added = try #require(try copy.trips().first { $0.destination == "恢复后" })
    #expect(added.id > before)
    #expect(try copy.succeed(["verify"]).status == 0)
  }

  /// Runs `args` on the SQLite ledger and on the PostgreSQL one; both must end the same way, and PostgreSQL's audit
  /// trail must verify after it.
  @discardableResult
  static func onBoth(_ sqlite: Workspace, _ postgres: SharedLedger, _ args: [String], stdin: String? = nil) throws
    -> (
      sqlite: (status: Int32, stdout: String, stderr: String), postgres: (status: Int32, stdout: String, stderr: String)
    )
  {
    let onSQLite = try sqlite.run(args, stdin: stdin)
    let onPostgres = try postgres.folder.run(args, env: postgres.environment, stdin: stdin)
    #expect(onPostgres.status == onSQLite.status, "\(args): \(onPostgres.stderr) / \(onSQLite.stderr)")
    let verified = try postgres.folder.run(["verify"], env: postgres.environment)
    #expect(verified.status == 0, "verify after \(args): \(verified.stdout)")
    return (onSQLite, onPostgres)
  }

  @Test func leavePostsEndedVoidsUndoneAndTheSummaryGoAsOnSQLite() throws {
    // Given the shipped example on a SQLite ledger and on a PostgreSQL one, July closed on both
    let (sqlite, postgres) = try Self.exampleOnBoth()
    defer {
      sqlite.remove()
      postgres.folder.remove()
    }
    #expect(try Self.onBoth(sqlite, postgres, ["close", "--month", "2022-07"]).postgres.status == 0)
    let leave = ["leave", "add", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-11", "--to", "2022-07-12"]

    // When leave in closed July is added without --amend
    let refused = try Self.onBoth(sqlite, postgres, leave + ["--reason", "党校学习"])

    // Then PostgreSQL refuses it as SQLite does, saying July is closed, and records nothing
    #expect(refused.postgres.status == 65)
    #expect(refused.postgres.stderr.contains("is closed") && refused.sqlite.stderr.contains("is closed"))
    #expect(!(try postgres.succeed(["leave", "list"]).stdout.contains("党校学习")))

    // When it comes with --amend, a file of August leave is checked and imported, a post ends, and a July trip
    // is voided and its void undone, each on both ledgers
    try Self.onBoth(sqlite, postgres, leave + ["--reason", "党校学习", "--amend"])
    let file = "单位,姓名,开始日期,结束日期,事由\n朱坝街道,王某,2022-08-01,2022-08-03,病假\n共和镇,马某,2022-08-10,2022-08-10,年休假\n"
    let sqliteFile = try sqlite.write("8月请假.csv", file)
    _ = try postgres.folder.write("8月请假.csv", file)
    let dryRun = try Self.onBoth(sqlite, postgres, ["import", "leave", sqliteFile, "--dry-run"])
    #expect(dryRun.postgres.stdout == dryRun.sqlite.stdout)
    #expect(!(try postgres.succeed(["leave", "list"]).stdout.contains("病假")))
    let imported = try Self.onBoth(sqlite, postgres, ["import", "leave", sqliteFile])
    #expect(imported.postgres.stdout == imported.sqlite.stdout)
    let ended = try Self.onBoth(
      sqlite, postgres, ["roster", "end", "--unit", "共和镇", "--name", "马某", "--on", "2022-08-31"])
    #expect(ended.postgres.stdout == ended.sqlite.stdout)
    let first = { (trips: [TripRow]) in trips.first { $0.unit == "朱坝街道" && $0.void_reason == nil }?.id }
    let ids = (try #require(first(try sqlite.trips())), try #require(first(try postgres.trips())))
    #expect(ids.0 == ids.1)
    try Self.onBoth(sqlite, postgres, ["void", String(ids.0), "--reason", "重复登记", "--amend"])
    let undone = try Self.onBoth(sqlite, postgres, ["unvoid", String(ids.0), "--reason", "误作废", "--amend"])
    #expect(undone.postgres.status == 0, "\(undone.postgres.stderr)")
    // And undoing it twice is refused on both
    #expect(try Self.onBoth(sqlite, postgres, ["unvoid", String(ids.0), "--reason", "再次"]).postgres.status != 0)

    // Then PostgreSQL's ledger holds what SQLite's does: the leave, the roster, July today and the year's summary
    // in both languages and as frozen or current, word for word
    for args in [
      ["roster", "list"], ["check", "--month", "2022-07", "--current"], ["check", "--month", "2022-08"],
      ["summary", "--year", "2022"], ["summary", "--year", "2022", "--current", "--lang", "en"],
      ["summary", "--year", "2022", "--format", "csv"],
    ] {
      let printed = try Self.onBoth(sqlite, postgres, args)
      #expect(printed.postgres.stdout == printed.sqlite.stdout, "\(args)")
    }
    let leaves = try postgres.succeed(["leave", "list"]).stdout
    #expect(leaves.contains("党校学习") && leaves.contains("病假") && leaves.contains("年休假"))
    let counted = { (trips: [TripRow]) in trips.filter { $0.void_reason == nil }.map(\.destination).sorted() }
    #expect(counted(try postgres.trips()) == counted(try sqlite.trips()))
    // And the leave file is named in its event, and the audit trail verifies
    #expect(try postgres.succeed(["history"]).stdout.contains("8月请假.csv sha256"))
    #expect(try postgres.succeed(["verify"]).status == 0)
  }

  @Test func aRosterFileIsCheckedWithoutWritingAndNamedInItsEvent() throws {
    // Given an empty PostgreSQL ledger
    let ledger = try SharedLedger(try #require(ThrowawayPostgres.shared).makeDatabase())
    defer { ledger.folder.remove() }
    let roster = CLI.hongze.appendingPathComponent("roster.csv").path

    // When the example's roster is checked with --dry-run
    let dryRun = try ledger.succeed(["import", "roster", roster, "--dry-run"])

    // Then it says what would be added and writes nothing
    #expect(!dryRun.stdout.isEmpty)
    #expect(try ledger.succeed(["roster", "list"]).stdout.contains("王某") == false)

    // When it is imported, then the roster is there and the event names the file and its SHA-256
    try ledger.succeed(["import", "roster", roster])
    #expect(try ledger.succeed(["roster", "list"]).stdout.contains("王某"))
    #expect(try ledger.succeed(["history"]).stdout.contains("roster.csv sha256"))
    #expect(try ledger.succeed(["verify"]).status == 0)
  }

  @Test func loginsAreListedRepasswordedRevokedAndDisabledOnPostgres() throws {
    // Given a PostgreSQL ledger with the example's roster and a login of 朱坝街道 holding a token
    let ledger = try SharedLedger(try #require(ThrowawayPostgres.shared).makeDatabase())
    defer { ledger.folder.remove() }
    try ledger.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    try ledger.succeed(
      ["user", "add", "zhuba", "--role", "unit", "--unit", "朱坝街道", "--password-stdin"], stdin: "Zhuba-shared-2022!\n")
    try ledger.succeed(["user", "token", "zhuba"])

    // When its password is changed, its tokens revoked, and the login disabled
    let changed = try ledger.succeed(["user", "password", "zhuba", "--password-stdin"], stdin: "Zhuba-changed-2022!\n")
    let revoked = try ledger.succeed(["user", "token", "zhuba", "--revoke"])
    let disabled = try ledger.succeed(["user", "disable", "zhuba"])

    // Then each says so, and the list shows the login disabled
    #expect(changed.stdout.contains("changed the password of zhuba"))
    #expect(revoked.stdout.contains("revoked 1 token(s) of zhuba"))
    #expect(disabled.stdout.contains("disabled the login zhuba"))
    let list = try ledger.succeed(["user", "list"]).stdout
    #expect(list.contains("zhuba") && list.contains("disabled"))
    // And disabling it again, or issuing it a token, is refused
    let again = try ledger.folder.run(["user", "disable", "zhuba"], env: ledger.environment)
    #expect(again.status != 0 && again.stderr.contains("already disabled"), "\(again.stderr)")
    let token = try ledger.folder.run(["user", "token", "zhuba"], env: ledger.environment)
    #expect(token.status != 0 && token.stderr.contains("is disabled"), "\(token.stderr)")
    // And a second revoke finds nothing, and the audit trail verifies
    #expect(try ledger.succeed(["user", "token", "zhuba", "--revoke"]).stdout.contains("revoked 0 token(s)"))
    #expect(try ledger.succeed(["verify"]).status == 0)
  }
}

/// What the jobs of the concurrency test gave, gathered from their threads.
private final class Results: @unchecked Sendable {
  // Safe: `lock` guards both arrays; they are read only after every job's thread has finished (`together`).
  private let lock = NSLock()
  private var storedCommands: [Result<(status: Int32, stdout: String, stderr: String), any Error>] = []
  private var storedStatuses: [Result<Int, any Error>] = []

  var commands: [Result<(status: Int32, stdout: String, stderr: String), any Error>] {
    lock.withLock { storedCommands }
  }
  var statuses: [Result<Int, any Error>] { lock.withLock { storedStatuses } }

  func add(_ command: Result<(status: Int32, stdout: String, stderr: String), any Error>) {
    lock.withLock { storedCommands.append(command) }
  }

  func add(api status: Result<Int, any Error>) { lock.withLock { storedStatuses.append(status) } }
}
