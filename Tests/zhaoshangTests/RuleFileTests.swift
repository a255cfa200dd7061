import Foundation
import Testing

@Suite("Checking rule files")
struct RuleFileTests {
  /// A valid rule file with one tier of 朱坝街道, to be broken line by line.
  static let goodRules = """
    title = "测试规则"
    effective_from = "2022-01-01"

    [[tier]]
    id = "town"
    title = "镇街党政主要负责人"
    min_days = 10
    units = ["朱坝街道", "黄集街道"]

    """

  @Test func theShippedRulesAreValid() throws {
    // Given an initialised folder
    let folder = try Workspace.initialised()
    defer { folder.remove() }

    // When its rules are checked
    let result = try folder.run(["rules", "check"])

    // Then the file is OK, with its three tiers and 27 units
    #expect(result.status == 0)
    #expect(result.stdout.contains("rules/default.toml: OK."))
    #expect(result.stdout.contains("in force from 2022-01-01, 3 tiers, 27 units."))
  }

  @Test func aTOMLSyntaxErrorIsNamedByFileAndLine() throws {
    // Given a rule file whose min_days has no value on line 7
    let folder = try Workspace()
    defer { folder.remove() }
    try folder.write("bad.toml", Self.goodRules.replacingOccurrences(of: "min_days = 10", with: "min_days ="))

    // When it is checked
    let result = try folder.run(["rules", "check", "bad.toml"])

    // Then bad.toml:7: is printed with the line's text
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.toml:7:"))
    #expect(result.stderr.contains("| min_days ="))
    #expect(result.stderr.contains("TOML syntax error"))
  }

  @Test func everyProblemOfARuleFileIsListedWithItsLine() throws {
    // Given a rule file with an unknown key on line 3 and min_days = 40 on line 8
    let folder = try Workspace()
    defer { folder.remove() }
    try folder.write(
      "bad.toml",
      Self.goodRules
        .replacingOccurrences(
          of: "effective_from = \"2022-01-01\"\n", with: "effective_from = \"2022-01-01\"\nfoo = 1\n"
        )
        .replacingOccurrences(of: "min_days = 10", with: "min_days = 40"))

    // When it is checked
    let result = try folder.run(["rules", "check", "bad.toml"])

    // Then both problems are reported, each with its line
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.toml:3:"))
    #expect(result.stderr.contains("unknown key \"foo\""))
    #expect(result.stderr.contains("bad.toml:8:"))
    #expect(result.stderr.contains("min_days is 40"))
  }

  @Test func aUnitInTwoTiersIsNamedAtItsSecondPlace() throws {
    // Given 黄集街道 listed again in a second tier, on line 15
    let folder = try Workspace()
    defer { folder.remove() }
    try folder.write(
      "bad.toml",
      Self.goodRules + """

        [[tier]]
        id = "task"
        title = "其他部门"
        min_days = 5
        units = ["统计局",
          "黄集街道"]

        """)

    // When it is checked
    let result = try folder.run(["rules", "check", "bad.toml"])

    // Then the unit and both tiers are named at line 15
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.toml:15:"))
    #expect(result.stderr.contains("unit \"黄集街道\" stands in tier town and in tier task"))
  }

  @Test func twoFilesInForceFromTheSameDayAreRefused() throws {
    // Given the shipped rules and a second file with the same effective_from
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    try folder.write("rules/zz-copy.toml", Self.goodRules)

    // When the folder is checked
    let result = try folder.run(["rules", "check"])

    // Then the later file's effective_from line is named
    #expect(result.status == 65)
    #expect(result.stderr.contains("zz-copy.toml:2:"))
    #expect(result.stderr.contains("is the same as in"))
  }

  @Test func aMalformedRuleFileStopsEveryCommandBeforeItWrites() throws {
    // Given the example ledger whose rule file then breaks
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write(
      "rules/default.toml", Self.goodRules.replacingOccurrences(of: "min_days = 10", with: "min_days = \"十\""))

    // When a trip is logged and July checked
    let log = try ledger.run(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--destination", "上海"])
    let check = try ledger.run(["check", "--month", "2022-07"])

    // Then both are refused naming the rule file's line, and the ledger is unchanged
    #expect(log.status == 65)
    #expect(log.stderr.contains("rules/default.toml:7:"))
    #expect(check.status == 65)
    #expect(check.stderr.contains("rules/default.toml:7:"))
    #expect(check.stdout.isEmpty)
    #expect(try LedgerContents(ledger) == before)
  }
}
