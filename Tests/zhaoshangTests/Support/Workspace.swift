import Foundation
import Testing

/// A fresh temporary folder a test runs the binary in; call `remove()` (in a `defer`) when done.
struct Workspace {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshangTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }

  /// Runs `zhaoshang ARGS` in this folder.
  @discardableResult
  func run(
    _ args: [String], env: [String: String] = [:], stdin: String? = nil, output: CLI.Output = .captured,
    asUser user: String? = nil
  ) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    try CLI.run(args, in: url, env: env, stdin: stdin, output: output, asUser: user)
  }

  /// Runs a command that must succeed, failing the test with its output otherwise.
  @discardableResult
  func succeed(_ args: [String], env: [String: String] = [:], stdin: String? = nil) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let result = try run(args, env: env, stdin: stdin)
    try #require(
      result.status == 0, "zhaoshang \(args.joined(separator: " ")) exited \(result.status): \(result.stderr)")
    return result
  }

  /// Writes a small fixture file and returns its name, relative to the folder.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return name
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name).path) }

  func data(_ name: String) throws -> Data { try Data(contentsOf: file(name)) }

  /// The folder's entries, sorted.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  // MARK: The ledger as the binary reports it

  func trips(_ extra: [String] = []) throws -> [TripRow] {
    let result = try succeed(["trips", "--format", "json"] + extra)
    return try JSONDecoder().decode([TripRow].self, from: Data(result.stdout.utf8))
  }

  func posts() throws -> [PostRow] {
    let result = try succeed(["roster", "list", "--format", "json"])
    return try JSONDecoder().decode([PostRow].self, from: Data(result.stdout.utf8))
  }

  func check(month: String = "2022-07") throws -> CheckOutput {
    let result = try succeed(["check", "--month", month, "--format", "json"])
    return try JSONDecoder().decode(CheckOutput.self, from: Data(result.stdout.utf8))
  }

  // MARK: Set-ups

  /// Removes the folder when a set-up step fails, then passes the failure on.
  func cleaningUpOnFailure(_ steps: (Workspace) throws -> Void) throws {
    do {
      try steps(self)
    } catch {
      remove()
      throw error
    }
  }

  /// A folder after `zhaoshang init`.
  static func initialised() throws -> Workspace {
    let workspace = try Workspace()
    try workspace.cleaningUpOnFailure { try $0.succeed(["init"]) }
    return workspace
  }

  /// A ledger holding the shipped example's roster and trips (its voids.csv is not applied: only the demo does).
  static func hongze() throws -> Workspace {
    let workspace = try initialised()
    try workspace.cleaningUpOnFailure {
      try $0.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
      try $0.succeed(["import", "trips", CLI.hongze.appendingPathComponent("trips.csv").path])
    }
    return workspace
  }

  /// A ledger with rules of one unit whose quota is `minDays`, and its one head on the roster.
  static func oneUnit(minDays: Int) throws -> Workspace {
    let workspace = try initialised()
    try workspace.cleaningUpOnFailure { workspace in
      try workspace.write(
        "rules/default.toml",
        """
        title = "测试规则"
        effective_from = "2022-01-01"

        [[tier]]
        id = "town"
        title = "镇街党政主要负责人"
        min_days = \(minDays)
        units = ["朱坝街道"]

        """)
      try workspace.succeed(["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"])
    }
    return workspace
  }
}

/// The header of every trip file the fixtures write.
let tripHeader = "unit,name,start,end,destination,purpose,companies,kind\n"
let rosterHeader = "unit,name,role,from,to\n"

/// One trip of `zhaoshang trips --format json`.
struct TripRow: Decodable, Equatable {
  let id: Int64
  let unit: String
  let name: String
  let start: String
  let end: String
  let kind: String
  let destination: String
  let days: Double
  let starts_afternoon: Bool
  let ends_morning: Bool
  let recorded_by: String
  let void_reason: String?
  let status: String
}

/// One entry of `zhaoshang roster list --format json`.
struct PostRow: Decodable, Equatable {
  let unit: String
  let name: String
  let role: String
  let from: String?
  let to: String?
}

/// `zhaoshang check --format json`.
struct CheckOutput: Decodable {
  struct Rules: Decodable {
    let path: String
    let sha256: String
    let title: String
    let effective_from: String
  }

  struct Person: Decodable {
    let unit: String
    let name: String
    let role: String
    let tier: String
    let days_in_post: Int
    let required_days: Double
    let counted_days: Double
    let pending_days: Double
    let shortfall_days: Double
    let compliant: Bool
  }

  struct Unit: Decodable {
    let unit: String
    let tier: String
    let status: String
    let people_out: Int
    let person_days: Double
    let explanation_due: String?
  }

  let month: String
  let rules: Rules
  let people: [Person]
  let units: [Unit]
  let warnings: [String]

  func person(_ unit: String, _ name: String) throws -> Person {
    try #require(people.first { $0.unit == unit && $0.name == name }, "\(unit) \(name) is not in the check")
  }

  func unit(_ name: String) throws -> Unit {
    try #require(units.first { $0.unit == name }, "\(name) is not in the check")
  }
}
