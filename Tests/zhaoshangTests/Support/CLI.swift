import Dispatch
import Foundation
import Testing

/// Runs the built `zhaoshang` binary as a clerk would: in a folder of its own, with a plain environment.
enum CLI {
  /// The package's root folder: this file is `Tests/zhaoshangTests/Support/CLI.swift`.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // zhaoshangTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// The shipped example the end-to-end tests import.
  static let hongze = packageRoot.appendingPathComponent("examples/hongze-2022-07")

  /// Files this test target keeps next to its sources (expected outputs).
  static let testFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

  /// A run gives up after this long, so a hanging binary fails one test instead of stalling the run.
  static let timeout: DispatchTimeInterval = .seconds(300)

  /// The places the binary may be, best first: beside the test bundle (whatever the build folder or
  /// configuration), then the package's default debug build folder.
  static var candidates: [URL] {
    var folders: [URL] = []
    // macOS: the .xctest bundle sits in the build products folder.
    for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
      folders.append(bundle.bundleURL.deletingLastPathComponent())
    }
    // Linux: the test runner is itself `<products>/zhaoshangPackageTests.xctest`.
    if let executable = Bundle.main.executableURL {
      folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    if let first = CommandLine.arguments.first, first.contains("/") {
      folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    folders.append(packageRoot.appendingPathComponent(".build/debug"))
    return folders.map { $0.appendingPathComponent("zhaoshang") }
  }

  static let setpriv = "/usr/bin/setpriv"

  /// Whether tests can run the binary as `nobody`: as root, with setpriv, and with the binary reachable by others.
  static var canRunAsAnotherUser: Bool {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv), let binary = try? binary() else {
      return false
    }
    var folder = binary.deletingLastPathComponent()
    while folder.path != "/" {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path),
        let mode = attributes[.posixPermissions] as? Int, mode & 0o001 != 0
      else { return false }
      folder = folder.deletingLastPathComponent()
    }
    // A container may deny changing user even to root: try it once.
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: setpriv)
    probe.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "/bin/true"]
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }

  /// The built executable; `swift build --build-tests` and `swift test` build it with the tests.
  static func binary() throws -> URL {
    let found = candidates.first { url in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        && FileManager.default.isExecutableFile(atPath: url.path)
    }
    return try #require(
      found,
      "the zhaoshang executable was not found; run `swift build --build-tests` first. Looked at: \(candidates.map(\.path))"
    )
  }

  /// The environment of every run: English, no colour, and no ledger or rules chosen by the caller's shell.
  static func environment(adding extra: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { key, _ in
      !key.hasPrefix("ZHAOSHANG_") && !key.hasPrefix("LC_") && key != "LANGUAGE"
    }
    environment["LANG"] = "en_US.UTF-8"
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { _, new in new }
    return environment
  }

  /// Where a run's standard output goes.
  enum Output {
    /// A file the test reads back afterwards.
    case captured
    /// `/dev/full`, where every write fails with ENOSPC, as on a full disk.
    case fullDisk
    /// A pipe whose reading end is closed before the run, as `zhaoshang trips | head -1` leaves it.
    case closedPipe
  }

  /// Runs `zhaoshang ARGS` with `dir` as the working folder; stdin is `stdin`, else empty.
  static func run(
    _ args: [String], in dir: URL, env: [String: String] = [:], stdin: String? = nil, output: Output = .captured,
    asUser user: String? = nil
  ) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    // Output goes to files outside `dir`, so a test can check that a command left `dir` untouched,
    // and so a large output cannot fill a pipe and block the child.
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let outURL = capture.appendingPathComponent("stdout")
    let errURL = capture.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)

    let process = Process()
    if let user {
      // Permissions only bind a user other than root: run as `user` through setpriv (see `canRunAsAnotherUser`).
      process.executableURL = URL(fileURLWithPath: setpriv)
      process.arguments =
        ["--reuid=\(user)", "--regid=\(user == "nobody" ? "nogroup" : user)", "--clear-groups"]
        + [try binary().path] + args
    } else {
      process.executableURL = try binary()
      process.arguments = args
    }
    process.currentDirectoryURL = dir
    process.environment = environment(adding: env)
    if let stdin {
      let inURL = capture.appendingPathComponent("stdin")
      try Data(stdin.utf8).write(to: inURL)
      process.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    var pipe: Pipe?
    switch output {
    case .captured: process.standardOutput = out
    case .fullDisk: process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    case .closedPipe:
      let closed = Pipe()
      try closed.fileHandleForReading.close()
      process.standardOutput = closed.fileHandleForWriting
      pipe = closed
    }
    defer { withExtendedLifetime(pipe) {} }
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    if finished.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      finished.wait()
      Issue.record("zhaoshang \(args.joined(separator: " ")) did not finish and was stopped")
    }
    try out.close()
    try err.close()
    return (
      process.terminationStatus,
      String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    )
  }
}
