import Foundation
import Testing
import ZIPFoundation

@testable import ZhaoshangKit

// MARK: Literals

/// `d("2022-07-04")`: a date literal; a mistyped literal fails the test instead of crashing it.
func d(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CivilDate {
  try #require(CivilDate(iso: text), "not a date literal: \(text)", sourceLocation: sourceLocation)
}

/// `m("2022-07")`: a month literal.
func m(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Month {
  try #require(Month(parsing: text), "not a month literal: \(text)", sourceLocation: sourceLocation)
}

/// Who writes in the tests' ledgers.
let testStamp = Stamp(by: "测试员", at: "2022-08-01T09:00:00+08:00")

// MARK: Rules

enum TestRules {
  static let town = Tier(id: "town", title: "镇街党政主要负责人", minDays: 10, units: ["朱坝街道", "黄集街道", "共和镇"])
  static let task = Tier(id: "task", title: "其他有项目招引任务的部门负责人", minDays: 5, units: ["住建局", "残联"])

  /// A rule file as the parser would produce it, with the policy's defaults unless told otherwise.
  static func set(
    effectiveFrom: String = "2022-01-01", dueDay: Int = 5, counted: Set<String> = ["visit"], prorate: Bool = true,
    tiers: [Tier] = [town, task], path: String = "rules/test.toml", sha256: String = "0123abcd",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> RuleSet {
    RuleSet(
      title: "测试规则", effectiveFrom: try d(effectiveFrom, sourceLocation: sourceLocation), explanationDueDay: dueDay,
      countedKinds: counted, prorate: prorate, tiers: tiers, source: RuleSource(path: path, sha256: sha256))
  }

  /// A close stores the rule file's SHA-256, which must look like one: pass `sha256` for tests that close months.
  static func book(
    prorate: Bool = true, tiers: [Tier] = [town, task], sha256: String = "0123abcd",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> RuleBook {
    RuleBook(ruleSets: [try set(prorate: prorate, tiers: tiers, sha256: sha256, sourceLocation: sourceLocation)])
  }
}

// MARK: Roster and trips

func post(
  _ unit: String, _ name: String, role: String = "党工委书记", from: String? = nil, to: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Post {
  Post(
    unit: unit, name: name, role: role, from: try from.map { try d($0, sourceLocation: sourceLocation) },
    to: try to.map { try d($0, sourceLocation: sourceLocation) })
}

/// A trip; `pm` marks a start at noon, `am` an end at noon; no `end` means a one-day trip.
func trip(
  _ unit: String, _ name: String, _ start: String, _ end: String? = nil, pm: Bool = false, am: Bool = false,
  kind: String = "visit", destination: String = "上海", voided: Bool = false,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Trip {
  let first = try d(start, sourceLocation: sourceLocation)
  return Trip(
    unit: unit, name: name, start: first, startsAfternoon: pm,
    end: try end.map { try d($0, sourceLocation: sourceLocation) } ?? first, endsMorning: am, kind: kind,
    destination: destination, voiding: voided ? Voiding(reason: "重复登记", by: "测试员", at: "2022-08-01") : nil)
}

/// A value as an importer would hand it over: with the `FILE:LINE` it was read from.
func located<Value>(_ value: Value, line: Int, file: String = "input.csv") -> Located<Value> {
  Located(value, location: "\(file):\(line)", excerpt: "row \(line)")
}

// MARK: Errors

extension ZhaoshangError {
  /// The problems found at `location` (`FILE:LINE`).
  func problems(at location: String) -> [Problem] {
    problems.filter { $0.location == location }
  }
}

/// Checks that exactly one problem stands at `location` and that its text holds the given fragments.
func expectProblem(
  _ error: ZhaoshangError, at location: String, en: String, zh: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let found = error.problems(at: location)
  #expect(found.count == 1, "problems at \(location): \(error.text(.en))", sourceLocation: sourceLocation)
  guard let problem = found.first else { return }
  #expect(problem.text(.en).hasPrefix("\(location):"), sourceLocation: sourceLocation)
  #expect(problem.text(.en).contains(en), "\(problem.text(.en))", sourceLocation: sourceLocation)
  if let zh {
    #expect(problem.text(.zh).contains(zh), "\(problem.text(.zh))", sourceLocation: sourceLocation)
  }
  // The whole error's text carries the location too, as `FILE:LINE:`.
  #expect(error.text(.en).contains("\(location):"), sourceLocation: sourceLocation)
}

/// Checks that exactly one problem concerns `field`, with `code`, and that its text holds the given fragments.
func expectProblem(
  _ error: ZhaoshangError, field: ProblemField, code: ProblemCode, en: String, zh: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let found = error.problems.filter { $0.field == field }
  #expect(found.count == 1, "problems of \(field): \(error.text(.en))", sourceLocation: sourceLocation)
  guard let problem = found.first else { return }
  #expect(problem.code == code, sourceLocation: sourceLocation)
  #expect(problem.text(.en).contains(en), "\(problem.text(.en))", sourceLocation: sourceLocation)
  if let zh {
    #expect(problem.text(.zh).contains(zh), "\(problem.text(.zh))", sourceLocation: sourceLocation)
  }
}

// MARK: Files

enum Fixture {
  /// `Tests/ZhaoshangKitTests/Fixtures`.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  /// The package's root folder.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func path(_ relative: String) -> String {
    folder.appendingPathComponent(relative).path
  }
}

/// Runs `body` with a fresh temporary folder, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "zhaoshang-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  return try body(folder)
}

/// A deterministic byte generator (SplitMix64), so "random" inputs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

// MARK: Errors

/// Which kind of `ZhaoshangError` the body threw: "forbidden", "notFound", "conflict", "refused", "invalid",
/// "storage"; "none" when it threw nothing, "other" for any other error.
func errorKind(_ body: () throws -> Void) -> String {
  do {
    try body()
    return "none"
  } catch let error as ZhaoshangError {
    switch error {
    case .forbidden: return "forbidden"
    case .notFound: return "notFound"
    case .conflict: return "conflict"
    case .refused: return "refused"
    case .invalidInput: return "invalid"
    case .storage: return "storage"
    }
  } catch {
    return "other"
  }
}

/// The text of one part of an Office package (.xlsx, .docx), e.g. `word/document.xml`.
func officePart(_ data: Data, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
  let archive = try Archive(data: data, accessMode: .read)
  let entry = try #require(archive[path], "no part \(path) in the package", sourceLocation: sourceLocation)
  var bytes = Data()
  _ = try archive.extract(entry) { bytes.append($0) }
  return String(decoding: bytes, as: UTF8.self)
}
