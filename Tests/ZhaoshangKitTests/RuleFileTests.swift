import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("Rule files")
struct RuleFileTests {
  /// Loads a rule file or folder that must be refused, returning the error.
  func refusal(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ZhaoshangError {
    try #require(throws: ZhaoshangError.self, sourceLocation: sourceLocation) {
      try RuleFileParser.loadBook(at: Fixture.path(relative))
    }
  }

  // MARK: Good files

  @Test("The shipped default rules load: three tiers, 27 units, the policy's defaults")
  func shippedDefault() throws {
    // Given the repository's rules/default.toml
    let path = Fixture.packageRoot.appendingPathComponent("rules/default.toml").path
    // When it is loaded
    let book = try RuleFileParser.loadBook(at: path)
    // Then it holds the policy as the README describes it
    let rules = try #require(book.ruleSets.first)
    #expect(book.ruleSets.count == 1)
    #expect(rules.title == "洪泽区“招商引资突破年”活动实施方案")
    #expect(rules.effectiveFrom == (try d("2022-01-01")))
    #expect(rules.explanationDueDay == 5)
    #expect(rules.countedKinds == ["visit"])
    #expect(rules.prorate)
    #expect(rules.tiers.map(\.id) == ["town", "industry", "task"])
    #expect(rules.tiers.map(\.minDays) == [10, 10, 5])
    #expect(rules.units.count == 27)
    #expect(rules.tier(of: "朱坝街道")?.id == "town")
    #expect(rules.tier(of: "商务局")?.id == "industry")
    #expect(rules.tier(of: "统计局")?.id == "task")
    #expect(rules.tier(of: "不存在的局") == nil)
    #expect(rules.source.path == path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(rules.source.sha256 == SHA256Digest.hex(of: bytes))
    #expect(rules.source.sha256.count == 64)
  }

  @Test("A folder's .toml files are read in name order; other files are ignored")
  func folder() throws {
    let files = try RuleFileParser.ruleFiles(at: Fixture.path("rules/history"))
    #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["2022.toml", "2023.toml"])
    let book = try RuleFileParser.loadBook(at: Fixture.path("rules/history"))
    #expect(book.ruleSets.map(\.title) == ["2022年规则", "2023年规则"])
  }

  @Test("An unquoted TOML date, counted_kinds and prorate are read")
  func tomlDate() throws {
    let book = try RuleFileParser.loadBook(at: Fixture.path("rules/history/2023.toml"))
    let rules = try #require(book.ruleSets.first)
    #expect(rules.effectiveFrom == (try d("2023-03-15")))
    #expect(rules.explanationDueDay == 10)
    #expect(rules.countedKinds == ["visit", "video"])
    #expect(!rules.prorate)
  }

  @Test("SHA-256 of a known text")
  func sha256() {
    #expect(SHA256Digest.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  // MARK: Choosing the file in force

  @Test(
    "The file in force is the latest effective_from on or before the month's first day",
    arguments: [
      ("2022-01", "2022年规则"), ("2022-12", "2022年规则"), ("2023-03", "2022年规则"),  // 2023 file starts on the 15th
      ("2023-04", "2023年规则"), ("2030-01", "2023年规则"),
    ])
  func fileInForce(month: String, title: String) throws {
    // Given a folder with files in force from 2022-01-01 and 2023-03-15
    let book = try RuleFileParser.loadBook(at: Fixture.path("rules/history"))
    // When choosing the rules for a month
    let rules = try book.ruleSet(for: try m(month))
    // Then the right file is chosen
    #expect(rules.title == title)
  }

  @Test("A month before every file is refused, naming the earliest effective_from")
  func beforeEveryFile() throws {
    let book = try RuleFileParser.loadBook(at: Fixture.path("rules/history"))
    let error = try #require(throws: ZhaoshangError.self) { try book.ruleSet(for: try m("2021-12")) }
    guard case .refused = error else {
      Issue.record("expected a refusal, got \(error)")
      return
    }
    #expect(error.text(.en).contains("no rule file is in force for 2021-12: the earliest effective_from is 2022-01-01"))
    #expect(error.text(.zh).contains("2021年12月没有生效的规则文件"))
  }

  @Test("Units of every file are known to the book, newest file first")
  func allUnits() throws {
    let book = try RuleFileParser.loadBook(at: Fixture.path("rules/history"))
    #expect(book.declares(unit: "岔河镇"))
    #expect(book.declares(unit: "朱坝街道"))
    #expect(!book.declares(unit: "统计局"))
    #expect(book.allUnits == ["朱坝街道", "黄集街道", "岔河镇"])
    #expect(book.paths.count == 2)
  }

  // MARK: Refused files

  @Test("A TOML syntax error is reported at its line")
  func syntaxError() throws {
    let path = Fixture.path("rules/syntax-error.toml")
    let error = try refusal("rules/syntax-error.toml")
    expectProblem(error, at: "\(path):3", en: "TOML syntax error", zh: "TOML 语法错误")
    #expect(error.text(.en).contains("| effective_from = \"2022-01-01"))
  }

  @Test("Unknown keys are reported at their lines, at the top level and inside a tier")
  func unknownKeys() throws {
    let path = Fixture.path("rules/unknown-keys.toml")
    let error = try refusal("rules/unknown-keys.toml")
    #expect(error.problems.count == 2)
    expectProblem(error, at: "\(path):3", en: "unknown key \"explanation_day\"", zh: "未知的键「explanation_day」")
    expectProblem(error, at: "\(path):9", en: "unknown key \"minimum_days\" in [[tier]]")
  }

  @Test("An impossible effective_from is reported with the date's own message")
  func badDate() throws {
    let path = Fixture.path("rules/bad-effective-from.toml")
    let error = try refusal("rules/bad-effective-from.toml")
    expectProblem(
      error, at: "\(path):2", en: "effective_from: the date \"2022-02-30\" does not exist: 2022-2 has only 28 days",
      zh: "2022年2月只有28天")
  }

  @Test("A negative min_days is refused with the range")
  func negativeMinDays() throws {
    let path = Fixture.path("rules/negative-min-days.toml")
    let error = try refusal("rules/negative-min-days.toml")
    expectProblem(
      error, at: "\(path):7", en: "min_days is -1; it must be a whole number of days from 0 to 31",
      zh: "min_days 为 -1")
  }

  @Test("A unit in two tiers is reported at its second occurrence")
  func unitInTwoTiers() throws {
    let path = Fixture.path("rules/unit-in-two-tiers.toml")
    let error = try refusal("rules/unit-in-two-tiers.toml")
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "\(path):16", en: "unit \"朱坝街道\" stands in tier town and in tier task",
      zh: "单位「朱坝街道」同时出现在档次 town 和 task 中")
    #expect(error.text(.en).contains("| \"朱坝街道\","))
  }

  @Test("Missing keys are each reported, a tier's at its [[tier]] header")
  func missingKeys() throws {
    let path = Fixture.path("rules/missing-keys.toml")
    let error = try refusal("rules/missing-keys.toml")
    let texts = error.problems.map { $0.text(.en) }
    #expect(error.problems.count == 5, "\(texts)")
    #expect(error.problems(at: "\(path):1").count == 2)
    #expect(texts.contains { $0.hasPrefix("\(path):1:") && $0.contains("title is missing") })
    #expect(texts.contains { $0.hasPrefix("\(path):1:") && $0.contains("effective_from is missing") })
    #expect(texts.contains { $0.hasPrefix("\(path):4:") && $0.contains("min_days is missing") })
    #expect(texts.contains { $0.hasPrefix("\(path):4:") && $0.contains("units is missing") })
    #expect(texts.contains { $0.hasPrefix("\(path):8:") && $0.contains("id is missing") })
  }

  @Test("A file without any [[tier]] is refused")
  func noTiers() throws {
    let path = Fixture.path("rules/no-tiers.toml")
    let error = try refusal("rules/no-tiers.toml")
    #expect(error.problems.count == 1)
    #expect(error.problems.first?.location == path)
    #expect(error.text(.en).contains("there is no [[tier]]"))
    #expect(error.text(.zh).contains("没有任何 [[tier]]"))
  }

  @Test("Every problem of a file is reported at once")
  func allAtOnce() throws {
    let path = Fixture.path("rules/many-problems.toml")
    let error = try refusal("rules/many-problems.toml")
    #expect(error.problems.count == 4, "\(error.text(.en))")
    expectProblem(error, at: "\(path):2", en: "there is no month 13")
    expectProblem(error, at: "\(path):4", en: "unknown key \"colour\"")
    expectProblem(error, at: "\(path):9", en: "min_days is -2")
    expectProblem(error, at: "\(path):16", en: "unit \"朱坝街道\" stands in tier town and in tier task")
  }

  @Test("Values of the wrong type or out of range are each reported at their line")
  func badValues() throws {
    let path = Fixture.path("rules/bad-values.toml")
    let error = try refusal("rules/bad-values.toml")
    #expect(error.problems.count == 7, "\(error.text(.en))")
    expectProblem(error, at: "\(path):2", en: "effective_from is a plain date, without AM/PM")
    expectProblem(error, at: "\(path):3", en: "explanation_due_day must be a whole number from 1 to 28")
    expectProblem(error, at: "\(path):4", en: "unknown trip kind \"phone\"", zh: "未知的外出类型「phone」")
    expectProblem(error, at: "\(path):5", en: "prorate must be true or false")
    expectProblem(error, at: "\(path):11", en: "unit \"朱坝街道\" is listed twice in the same tier")
    expectProblem(error, at: "\(path):14", en: "tier id \"town\" is used twice")
    expectProblem(error, at: "\(path):16", en: "min_days is 40")
  }

  @Test("Values of the wrong TOML type are each reported at their line")
  func wrongTypes() throws {
    let path = Fixture.path("rules/wrong-types.toml")
    let error = try refusal("rules/wrong-types.toml")
    #expect(error.problems.count == 6, "\(error.text(.en))")
    expectProblem(error, at: "\(path):1", en: "title must be non-empty quoted text", zh: "title 应为非空的带引号文字")
    expectProblem(error, at: "\(path):2", en: "effective_from must be a date, such as effective_from = \"2022-01-01\"")
    expectProblem(error, at: "\(path):3", en: "counted_kinds must be a list, such as counted_kinds = [\"visit\"]")
    expectProblem(error, at: "\(path):9", en: "units must be a list of unit names", zh: "units 应为单位名称列表")
    expectProblem(error, at: "\(path):14", en: "it must be a whole number of days from 0 to 31")
    expectProblem(error, at: "\(path):15", en: "every entry of units must be a quoted unit name")
  }

  @Test("A tier that is not a [[tier]] table is refused")
  func tierNotTable() throws {
    let path = Fixture.path("rules/tier-not-table.toml")
    let error = try refusal("rules/tier-not-table.toml")
    expectProblem(error, at: "\(path):3", en: "tier must be written as [[tier]] tables", zh: "tier 应写成 [[tier]] 表格")
  }

  @Test("A list of tier names instead of [[tier]] tables is refused, not read as no tiers")
  func tierArrayOfNames() throws {
    let path = Fixture.path("rules/tier-array-of-names.toml")
    let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: path) }
    #expect(error.problems.contains { $0.location == "\(path):3" })
  }

  @Test("A rule file that cannot be read is reported by name, with the other files' problems")
  func unreadableFile() throws {
    try withTemporaryFolder { folder in
      // Given a folder where one "file" is in fact a folder
      try FileManager.default.copyItem(
        at: URL(fileURLWithPath: Fixture.path("rules/history/2022.toml")),
        to: folder.appendingPathComponent("2022.toml"))
      let broken = folder.appendingPathComponent("broken.toml")
      try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: false)
      // When the folder is loaded
      let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: folder.path) }
      // Then the unreadable one is named
      expectProblem(
        error, at: broken.path, en: "cannot read the rule file; check that it exists and is readable",
        zh: "无法读取规则文件")
    }
  }

  @Test("A rule file that is not UTF-8 is refused")
  func notUTF8() throws {
    let path = Fixture.path("rules/not-utf8.toml")
    let error = try refusal("rules/not-utf8.toml")
    #expect(error.problems.map(\.location) == [path])
    #expect(error.text(.en).contains("the rule file is not UTF-8"))
    #expect(error.text(.zh).contains("规则文件不是 UTF-8 编码"))
  }

  @Test("Two files of a folder with the same effective_from are refused, at the second file's line")
  func duplicateEffectiveFrom() throws {
    let folder = Fixture.path("rules/duplicate-effective-from")
    let error = try refusal("rules/duplicate-effective-from")
    #expect(error.problems.count == 1)
    expectProblem(
      error, at: "\(folder)/b.toml:3", en: "effective_from = 2022-01-01 is the same as in \(folder)/a.toml",
      zh: "无法确定哪个文件生效")
  }

  @Test("Problems of several files in a folder are reported together")
  func problemsAcrossFiles() throws {
    try withTemporaryFolder { folder in
      // Given a folder with a good file and two bad ones
      for name in ["history/2022.toml", "negative-min-days.toml", "unknown-keys.toml"] {
        let source = URL(fileURLWithPath: Fixture.path("rules/\(name)"))
        try FileManager.default.copyItem(
          at: source, to: folder.appendingPathComponent(source.lastPathComponent))
      }
      // When the folder is loaded
      let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: folder.path) }
      // Then the problems of both bad files are listed
      let locations = error.problems.compactMap(\.location).map { URL(fileURLWithPath: $0).lastPathComponent }
      #expect(locations.sorted() == ["negative-min-days.toml:7", "unknown-keys.toml:3", "unknown-keys.toml:9"])
    }
  }

  @Test("A missing path is refused with the way out")
  func missingPath() throws {
    let path = Fixture.path("rules/does-not-exist.toml")
    let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: path) }
    #expect(error.text(.en).contains("no rule file or folder at \(path); run `zhaoshang init`"))
    #expect(error.text(.zh).contains("找不到规则文件或目录"))
  }

  @Test("A folder without .toml files is refused")
  func emptyFolder() throws {
    try withTemporaryFolder { folder in
      try Data("notes".utf8).write(to: folder.appendingPathComponent("README.txt"))
      let error = try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: folder.path) }
      #expect(error.text(.en).contains("the folder \(folder.path) holds no .toml rule file"))
    }
  }
}
