import Foundation
import Testing

@testable import ZhaoshangKit

/// Times shown in the office's zone, read from the rule file's `timezone`.
@Suite("office clock: times in the rule file's time zone")
struct OfficeClockTests {
  private func parse(_ extra: String) -> Result<RuleSet, ZhaoshangError> {
    RuleFileParser.parse(
      data: Data((MonthCycle.rulesText.replacingOccurrences(of: "escalate_after = 3\n", with: extra)).utf8),
      path: "rules/test.toml")
  }

  @Test("A UTC time, and one stored with another offset, are shown as Beijing wall-clock minutes")
  func showsBeijingTime() {
    let clock = OfficeClock.district
    #expect(clock.show("2026-12-01T23:36:19Z") == "2026-12-02 07:36")
    #expect(clock.show("2022-08-01T01:30:00Z") == "2022-08-01 09:30")
    #expect(clock.show("2022-08-01T09:30:00+08:00") == "2022-08-01 09:30")
    #expect(clock.show("2022-07-31T20:00:00-05:00") == "2022-08-01 09:00")
    #expect(clock.show("2024-02-29T16:00:00.123Z") == "2024-03-01 00:00")
    // Text that is not a time with an offset is shown as it is, never guessed at
    #expect(clock.show("2022-08-01") == "2022-08-01")
    #expect(clock.show("y") == "y")
  }

  @Test("Without timezone the rule file means Asia/Shanghai; another zone shows times there")
  func ruleFileZone() throws {
    let plain = try parse("").get()
    #expect(plain.clock.timeZone.identifier == "Asia/Shanghai")
    let utc = try parse("timezone = \"UTC\"\n").get()
    #expect(utc.clock.show("2022-08-01T01:30:00Z") == "2022-08-01 01:30")
    #expect(RuleBook(ruleSets: [utc]).clock == utc.clock)
  }

  @Test("An unknown zone name is refused at its line, saying what to write")
  func unknownZoneRefused() throws {
    guard case .failure(let error) = parse("timezone = \"Beijing\"\n") else {
      Issue.record("an unknown zone was accepted")
      return
    }
    let problem = try #require(error.problems.first)
    #expect(problem.location == "rules/test.toml:4")
    #expect(problem.message.zh.contains("timezone 为「Beijing」，不是已知的时区名称"))
    #expect(problem.message.en.contains("timezone = \"Asia/Shanghai\""))
  }
}
