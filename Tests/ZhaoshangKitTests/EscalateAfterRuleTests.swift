import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("escalate_after in the rule file")
struct EscalateAfterRuleTests {
  /// Given a rule file with escalate_after = 3, when parsed, then the rule set carries it.
  @Test func readsTheKey() throws {
    // Given / When
    let book = try MonthCycle.rules()

    // Then
    #expect(book.ruleSets.first?.escalateAfter == 3)
  }

  /// Given a rule file without the key, when parsed, then nobody is marked for escalation.
  @Test func isOptional() throws {
    // Given
    let text = MonthCycle.rulesText.replacingOccurrences(of: "escalate_after = 3\n", with: "")

    // When
    let book = try MonthCycle.rules(text)

    // Then
    #expect(book.ruleSets.first?.escalateAfter == nil)
  }

  /// Given escalate_after below 2 or not a number, when parsed, then the problem names the file, line and fix.
  @Test(arguments: ["1", "0", "\"3\"", "2.5"])
  func refusesBadValues(_ value: String) throws {
    // Given
    let text = MonthCycle.rulesText.replacingOccurrences(of: "escalate_after = 3", with: "escalate_after = \(value)")

    // When
    let result = RuleFileParser.parse(data: Data(text.utf8), path: "rules/bad.toml")

    // Then
    guard case .failure(let error) = result else {
      Issue.record("escalate_after = \(value) was accepted")
      return
    }
    let problem = try #require(error.problems.first)
    #expect(problem.location == "rules/bad.toml:4")
    #expect(problem.excerpt == "escalate_after = \(value)")
    #expect(problem.message.en.contains("it must be a whole number of months from 2 to 120"))
    #expect(problem.message.zh.contains("应为 2 到 120 之间的整数"))
  }

  /// Given the shipped default rules, when parsed, then they escalate after three short months.
  @Test func defaultRulesEscalateAfterThree() throws {
    // Given / When
    let result = RuleFileParser.parse(data: Data(ShippedFiles.defaultRules.utf8), path: "rules/default.toml")

    // Then
    guard case .success(let ruleSet) = result else {
      Issue.record("the shipped rules do not parse")
      return
    }
    #expect(ruleSet.escalateAfter == 3)
  }
}
