import Foundation
import Testing

/// A `zhaoshang serve` running in the background as an office runs it: on any free port, its address read from the
/// line it prints, stopped with SIGTERM as a service manager stops it.
///
/// Shared by the threads that post to it (`@unchecked Sendable`): every stored property is a constant set in
/// `init`; `post` only reads `url`, and `stop` is called once, after the posting threads have finished.
final class ServerProcess: @unchecked Sendable {
  let process: Process
  /// Where it serves, e.g. `http://127.0.0.1:41234`.
  let url: String
  private let log: URL

  /// Starts `zhaoshang serve --port 0 ARGS` in `dir` and waits until it says where it serves.
  init(_ args: [String], in dir: URL, env: [String: String]) throws {
    process = Process()
    process.executableURL = try CLI.binary()
    process.arguments = ["serve", "--port", "0"] + args
    process.currentDirectoryURL = dir
    process.environment = CLI.environment(adding: env)
    process.standardInput = FileHandle.nullDevice
    let output = Pipe()
    process.standardOutput = output
    // Standard error to a file: the request log, however long, can never fill a pipe and stall the server.
    log = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-serve-\(UUID().uuidString).log")
    try Data().write(to: log)
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    var said = ""
    // The demo says its logins first: read on until the line that says where it serves is whole.
    while !said.split(separator: "\n", omittingEmptySubsequences: false).dropLast().contains(where: {
      $0.contains("http://")
    }) {
      let data = output.fileHandleForReading.availableData
      guard !data.isEmpty else { break }
      said += String(decoding: data, as: UTF8.self)
    }
    let address = said.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init)
    guard let address else {
      process.terminate()
      process.waitUntilExit()
      let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      throw ServerFailure(text: "serve did not start: \(said) \(errors)")
    }
    url = address.hasSuffix("/") ? String(address.dropLast()) : address
  }

  /// Asks it to stop (SIGTERM) and waits; its exit status, and what it said on standard error.
  func stop() -> (status: Int32, stderr: String) {
    process.terminate()
    process.waitUntilExit()
    defer { try? FileManager.default.removeItem(at: log) }
    return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
  }

  /// Posts `body` as JSON to `path` with the bearer `token`, through curl as a unit's own script would; the
  /// HTTP status.
  func post(_ path: String, token: String, body: String) throws -> Int {
    let curl = Process()
    curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    curl.arguments = [
      "curl", "--silent", "--output", "/dev/null", "--write-out", "%{http_code}", "--max-time", "120",
      "--header", "Authorization: Bearer \(token)", "--header", "Content-Type: application/json",
      "--data-binary", body, url + path,
    ]
    let output = Pipe()
    curl.standardOutput = output
    try curl.run()
    let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    curl.waitUntilExit()
    return Int(said) ?? 0
  }

  struct ServerFailure: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
  }
}
