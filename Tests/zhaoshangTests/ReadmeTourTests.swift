import Foundation
import Testing
import ZhaoshangKit

/// The README's tour, run as written on the shipped example: a new clerk follows it line by line, so every line
/// must work and the ids it names must be the ones the listings just above it show.
@Suite("README tour")
struct ReadmeTourTests {
  /// One command of the tour: its words as the shell would split them, and the line as written.
  struct TourLine {
    let words: [String]
    let text: String
  }

  /// The `sh` block under `## A tour`, continuation lines joined, comments and the build line dropped.
  static func tourLines() throws -> [TourLine] {
    let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.components(separatedBy: "\n## A tour\n").dropFirst().first)
    let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first)
    let body = try #require(block.components(separatedBy: "\n```").first)
    var lines: [TourLine] = []
    var pending = ""
    for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = withoutComment(String(raw)).trimmingCharacters(in: .whitespaces)
      if line.hasSuffix("\\") {
        pending += line.dropLast() + " "
        continue
      }
      let whole = (pending + line).trimmingCharacters(in: .whitespaces)
      pending = ""
      guard !whole.isEmpty, !whole.hasPrefix("swift build") else { continue }
      lines.append(TourLine(words: try words(whole), text: whole))
    }
    return lines
  }

  /// The line without a `# comment`: a `#` after a space and outside quotes starts one.
  static func withoutComment(_ line: String) -> String {
    var quoted = false
    var previous: Character = " "
    for index in line.indices {
      let character = line[index]
      if character == "\"" { quoted.toggle() }
      if character == "#", !quoted, previous == " " { return String(line[..<index]) }
      previous = character
    }
    return line
  }

  /// Splits a line as `sh` does for the tour's plain words and double-quoted values.
  static func words(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var inWord = false
    for character in line {
      switch character {
      case "\"":
        quoted.toggle()
        inWord = true
      case " " where !quoted:
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    try #require(!quoted, "unbalanced quote in the tour: \(line)")
    if inWord { words.append(current) }
    return words
  }

  /// The value after `option` on a tour line.
  static func value(of option: String, in words: [String]) -> String? {
    guard let index = words.firstIndex(of: option), index + 1 < words.count else { return nil }
    return words[index + 1]
  }

  /// What 朱坝街道's clerk reports in the browser while `serve` runs: the same library call the server makes.
  static func clerkReportsTrips(in workspace: Workspace) throws -> [Int64] {
    let ledger = try Ledger.open(at: workspace.file("zhaoshang.sqlite").path)
    let rules = try RuleFileParser.loadBook(at: workspace.file("rules").path)
    let clerk = Stamp(
      actor: ActingUser(login: "zhuba", role: .unit, unit: "朱坝街道"), at: "2022-07-29T09:00:00+08:00", command: "web")
    var ids: [Int64] = []
    for (name, day, destination) in [
      ("王某", "2022-07-25", "南京"), ("刘某", "2022-07-26", "南京"), ("王某", "2022-07-29", "盐城"),
    ] {
      let date = try #require(CivilDate(iso: day))
      let outcome = try ledger.recordTrips(
        [Located(Trip(unit: "朱坝街道", name: name, start: date, end: date, destination: destination))],
        rules: rules, today: try #require(CivilDate(iso: "2022-07-31")), stamp: clerk)
      ids += outcome.added.compactMap(\.id)
    }
    return ids
  }

  @Test func theTourRunsAsWrittenOnTheExample() throws {
    // Given a new folder beside the shipped example, as after a clone, and the tour as the README writes it
    let workspace = try Workspace()
    defer { workspace.remove() }
    try FileManager.default.createSymbolicLink(
      at: workspace.file("examples"), withDestinationURL: CLI.packageRoot.appendingPathComponent("examples"))
    let lines = try Self.tourLines()
    #expect(lines.count > 30)
    let chinese = ["LANG": "zh_CN.UTF-8"]
    let password = "Zhuba-tour-2022!"
    var listedForVoid: [TripRow] = []
    var submitted: [Int64] = []

    // When each line is run in turn
    for line in lines {
      let words = line.words
      if words.first == "mkdir" {
        for folder in words.dropFirst() where !folder.hasPrefix("-") {
          try FileManager.default.createDirectory(at: workspace.file(folder), withIntermediateDirectories: true)
        }
        continue
      }
      try #require(words.first == "zhaoshang", "the tour's line is not a zhaoshang command: \(line.text)")
      let args = Array(words.dropFirst())
      if args.first == "serve" {
        // The server would wait for a browser; what a unit's clerk does there is done here instead.
        submitted = try Self.clerkReportsTrips(in: workspace)
        continue
      }
      if args.first == "void", let id = args.dropFirst().first {
        // Then the id voided is one the listing above showed for that unit, the trip the reason speaks of
        let trip = try #require(listedForVoid.first { String($0.id) == id }, "void \(id): not in the listing above")
        #expect(trip.unit == "朱坝街道" && trip.name == "刘某" && trip.destination == "上海")
      }
      if args.first == "review", args.count > 1 {
        // Then the ids reviewed are the trips the clerk submitted, as `review` listed them
        let ids = args.dropFirst(2).prefix { Int64($0) != nil }.compactMap { Int64($0) }
        #expect(!ids.isEmpty && ids.allSatisfy(submitted.contains), "\(line.text): submitted were \(submitted)")
      }
      // The password is asked twice on a terminal, which a test has not: it comes on standard input instead.
      let typed = args.first == "user" ? ["--password-stdin"] : []
      let result = try workspace.run(args + typed, env: chinese, stdin: typed.isEmpty ? nil : password + "\n")
      #expect(result.status == 0, "\(line.text) exited \(result.status): \(result.stderr)")
      if args.first == "trips", let unit = Self.value(of: "--unit", in: args) {
        listedForVoid = try workspace.trips(["--month", "2022-07", "--unit", unit])
      }
    }

    // Then the ledger still proves itself, and the tour went through every step it shows
    #expect(try workspace.succeed(["verify"]).status == 0)
    #expect(!submitted.isEmpty)
    #expect(try workspace.trips().contains { $0.void_reason != nil && $0.name == "刘某" })
  }
}
