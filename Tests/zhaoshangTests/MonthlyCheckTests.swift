import Foundation
import Testing
import ZhaoshangKit

/// The July 2022 example imported into a ledger and checked by the built binary.
@Suite("Checking a month end to end")
struct MonthlyCheckTests {
  /// The JSON with the rule file's path (which holds the temporary folder) and digest (which changes with
  /// every edit of the shipped rules' comments) made fixed, keys sorted; the test checks both separately.
  static func normalised(_ data: Data) throws -> String {
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var rules = try #require(object["rules"] as? [String: Any])
    rules["path"] = "rules/default.toml"
    rules["sha256"] = "<sha256 of rules/default.toml>"
    object["rules"] = rules
    // The check is read as of today (`completeness.as_of`): the day the test runs, not part of what is reviewed.
    if var completeness = object["completeness"] as? [String: Any] {
      completeness["as_of"] = "<today>"
      object["completeness"] = completeness
    }
    let text = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: text, as: UTF8.self)
  }

  @Test func theJulyCheckMatchesTheReviewedExpectedReport() throws {
    // Given the example's roster and trips imported (its voids.csv is not: 工信局 宋某 keeps 13 days)
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July 2022 is checked as JSON
    let result = try ledger.run(["check", "--month", "2022-07", "--format", "json"])

    // Then it is the report reviewed by hand and kept in Expected/, naming the folder's own rule file and its digest
    #expect(result.status == 0)
    let actual = try JSONDecoder().decode(CheckOutput.self, from: Data(result.stdout.utf8))
    #expect(actual.rules.path.hasSuffix("/rules/default.toml"))
    #expect(actual.rules.path.contains(ledger.url.lastPathComponent))
    #expect(actual.rules.sha256 == SHA256Digest.hex(of: try ledger.data("rules/default.toml")))
    let expected = try Data(
      contentsOf: CLI.testFolder.appendingPathComponent("Expected/hongze-2022-07-check.json"))
    #expect(try Self.normalised(Data(result.stdout.utf8)) == Self.normalised(expected))
  }

  @Test func theJulyCountsFollowThePolicy() throws {
    // Given the example imported
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July 2022 is checked
    let report = try ledger.check(month: "2022-07")

    // Then one day out of ten leaves 朱坝街道's secretary 9 days short
    let wang = try report.person("朱坝街道", "王某")
    #expect(wang.required_days == 10)
    #expect(wang.counted_days == 1)
    #expect(wang.shortfall_days == 9)
    #expect(wang.compliant == false)
    // and the 共和镇 handover on 16 July prorates both 镇长: 15 days owe 5, 16 days owe 5.5 (rounded up to a half)
    let guo = try report.person("共和镇", "郭某")
    #expect(guo.days_in_post == 15)
    #expect(guo.required_days == 5)
    #expect(guo.counted_days == 5)
    let ma = try report.person("共和镇", "马某")
    #expect(ma.days_in_post == 16)
    #expect(ma.required_days == 5.5)
    #expect(ma.counted_days == 5.5)
    #expect(ma.compliant)
    // and leaving at noon counts half a day
    #expect(try report.person("西顺河镇", "周某").counted_days == 11.5)
    // and coming back at noon counts half a day
    #expect(try report.person("老子山镇", "孙某").counted_days == 12.5)
    // and the voids file of the example is not applied by an import
    #expect(try report.person("工信局", "宋某").counted_days == 13)
    // and two 商务局 trips sharing 13 July count it once
    #expect(try report.person("商务局", "韩某").counted_days == 16)
    // and only the July days of trips crossing the month's ends count
    #expect(try report.person("岔河镇", "黄某").counted_days == 12)
    #expect(try report.person("高良涧街道", "李某").counted_days == 13)
    // and video talks do not count
    #expect(try report.person("黄集街道", "杨某").counted_days == 1)
    #expect(try report.person("住建局", "唐某").counted_days == 0)
    // and an August trip does not count in July
    #expect(try report.person("财政局", "于某").counted_days == 0)
    // and 14 units are short, each owing an explanation by 5 August
    let short = report.units.filter { $0.status == "short" }
    #expect(short.count == 14)
    #expect(short.allSatisfy { $0.explanation_due == "2022-08-05" })
    #expect(try report.unit("统计局").status == "compliant")
    #expect(try report.unit("统计局").explanation_due == nil)
  }

  @Test func exitCodeFlagMakesAShortMonthExit1() throws {
    // Given the example, where 14 units are short in July
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July is checked with and without --exit-code
    let flagged = try ledger.run(["check", "--month", "2022-07", "--exit-code"])
    let plain = try ledger.run(["check", "--month", "2022-07"])

    // Then only the flag turns the finding into status 1, and both still print the report
    #expect(flagged.status == 1)
    #expect(plain.status == 0)
    #expect(flagged.stdout == plain.stdout)
    #expect(flagged.stdout.contains("14 short"))
  }

  @Test func unitShowsThatUnitAloneAndAnUnknownUnitIsRefused() throws {
    // Given the example, where 朱坝街道 is short in July and 岔河镇 is not
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July is checked for one unit, as CSV, and for a unit the rule file does not name
    let zhuba = try ledger.run(["check", "--month", "2022-07", "--unit", "朱坝街道", "--format", "csv", "--exit-code"])
    let chahe = try ledger.run(["check", "--month", "2022-07", "--unit", "岔河镇", "--exit-code"])
    let unknown = try ledger.run(["check", "--month", "2022-07", "--unit", "朱坝镇"])

    // Then only that unit's heads are listed, --exit-code follows that unit alone, and the typo is refused
    let rows = zhuba.stdout.split(whereSeparator: \.isNewline).dropFirst()
    #expect(rows.count == 2)
    #expect(rows.allSatisfy { $0.contains(",朱坝街道,") })
    #expect(zhuba.status == 1)
    #expect(chahe.status == 0)
    #expect(!chahe.stdout.contains("朱坝街道"))
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("has no unit \"朱坝镇\""))
  }

  @Test func exitCodeFlagExits0WhenEveryUnitComplies() throws {
    // Given a one-unit ledger whose head owes 1 day and went out on 14 July
    let ledger = try Workspace.oneUnit(minDays: 1)
    defer { ledger.remove() }
    try ledger.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-14", "--destination", "南京"])

    // When July (complied) and August (nothing logged) are checked with --exit-code
    let july = try ledger.run(["check", "--month", "2022-07", "--exit-code"])
    let august = try ledger.run(["check", "--month", "2022-08", "--exit-code"])

    // Then only the short month exits 1
    #expect(july.status == 0)
    #expect(august.status == 1)
  }

  @Test func owingNoticeInChineseReadsLikeTheBulletin() throws {
    // Given the example imported
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the owing list is asked for as the bulletin's paragraph in Chinese
    let result = try ledger.run(["owing", "--month", "2022-07", "--format", "notice", "--lang", "zh"])

    // Then it names each short unit's heads with their days and ends with the due date
    #expect(result.status == 0)
    let notice = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(notice.hasPrefix("7月份外出招商天数未达要求的单位：朱坝街道（党工委书记王某外出1天，应外出10天；"))
    #expect(notice.contains("朱坝街道（党工委书记王某外出1天，应外出10天；"))
    #expect(notice.contains("住建局（局长唐某未外出，应外出5天）"))
    #expect(!notice.contains("统计局"))
    #expect(notice.hasSuffix("请以上单位于8月5日前向区委区政府作出情况说明。"))
  }

  @Test func owingNoticeInEnglishNamesTheSameUnits() throws {
    // Given the example imported
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the notice is asked for in English
    let result = try ledger.run(["owing", "--month", "2022-07", "--format", "notice"])

    // Then the same heads and the ISO due date are given
    #expect(result.status == 0)
    #expect(result.stdout.contains("朱坝街道 (党工委书记 王某: 1 of 10 days; 办事处主任 刘某: 1 of 10 days)"))
    #expect(result.stdout.contains("by 2022-08-05."))
  }

  @Test func owingAsJSONListsOnlyTheShortUnitsAndTheirShortHeads() throws {
    // Given the example imported
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the owing list is asked for as JSON
    let result = try ledger.succeed(["owing", "--month", "2022-07", "--format", "json"])

    // Then the 14 short units are listed with what each head lacks
    struct Owing: Decodable {
      struct Unit: Decodable {
        struct Head: Decodable {
          let name: String
          let shortfall_days: Double
        }
        let unit: String
        let explanation_due: String
        let people: [Head]
      }
      let month: String
      let units: [Unit]
    }
    let owing = try JSONDecoder().decode(Owing.self, from: Data(result.stdout.utf8))
    #expect(owing.month == "2022-07")
    #expect(owing.units.count == 14)
    let zhuba = try #require(owing.units.first)
    #expect(zhuba.unit == "朱坝街道")
    #expect(zhuba.explanation_due == "2022-08-05")
    #expect(zhuba.people.map(\.name) == ["王某", "刘某"])
    #expect(zhuba.people.map(\.shortfall_days) == [9, 9])
  }

  @Test func owingSaysSoWhenEveryUnitComplies() throws {
    // Given a one-unit ledger whose head owes no days at all
    let ledger = try Workspace.oneUnit(minDays: 0)
    defer { ledger.remove() }

    // When the notice for July is asked for
    let result = try ledger.run(["owing", "--month", "2022-07", "--format", "notice"])

    // Then it says every unit met its days
    #expect(result.status == 0)
    #expect(result.stdout.contains("Every assessed unit met its days out in 2022-07."))
  }

  @Test func checkWithoutAMonthChecksLastMonth() throws {
    // Given an initialised ledger
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    let before = Month(containing: CivilDate.today()).previous.iso

    // When check is run with no --month
    let result = try ledger.succeed(["check", "--format", "json"])

    // Then the month checked is the one before today's
    let after = Month(containing: CivilDate.today()).previous.iso
    let report = try JSONDecoder().decode(CheckOutput.self, from: Data(result.stdout.utf8))
    #expect(report.month == before || report.month == after)
  }

  @Test func aMonthBeforeAnyRuleFileIsRefused() throws {
    // Given rules in force from 2022-01-01
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }

    // When December 2021 is checked
    let result = try ledger.run(["check", "--month", "2021-12"])

    // Then it is refused, naming the earliest effective_from
    #expect(result.status == 65)
    #expect(result.stderr.contains("no rule file is in force for 2021-12"))
    #expect(result.stderr.contains("2022-01-01"))
    #expect(result.stdout.isEmpty)
  }

  @Test func vacantUnitsAreWarnedAboutAndNotCountedShort() throws {
    // Given the shipped rules and a roster holding only 朱坝街道's secretary
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"])

    // When July is checked
    let report = try ledger.check(month: "2022-07")

    // Then the other 26 units are vacant, warned about, and not short
    #expect(report.units.filter { $0.status == "vacant" }.count == 26)
    #expect(report.units.filter { $0.status == "short" }.map(\.unit) == ["朱坝街道"])
    #expect(report.warnings.contains { $0.contains("黄集街道") && $0.contains("nobody in post") })
  }

  @Test func verboseNamesTheDatabaseAndRuleFileOnStandardError() throws {
    // Given the example imported
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July is checked with and without --verbose
    let verbose = try ledger.run(["check", "--month", "2022-07", "--verbose"])
    let quiet = try ledger.run(["check", "--month", "2022-07"])

    // Then the database and the rule file with its effective date are named on stderr only
    #expect(verbose.status == 0)
    #expect(verbose.stderr.contains("database: zhaoshang.sqlite"))
    #expect(verbose.stderr.contains("rules: "))
    #expect(verbose.stderr.contains("rules/default.toml (effective_from 2022-01-01, sha256 "))
    #expect(verbose.stdout == quiet.stdout)
    #expect(quiet.stderr.isEmpty)
  }

  @Test func aLaterRuleFileTakesOverFromItsEffectiveDate() throws {
    // Given the shipped rules and a second file in force from August 2022 asking only 1 day of every unit
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    try ledger.write(
      "rules/2022-08.toml",
      """
      title = "2022年8月起的新规则"
      effective_from = "2022-08-01"

      [[tier]]
      id = "all"
      title = "全部单位"
      min_days = 1
      units = ["朱坝街道", "财政局"]

      """)

    // When July and August are checked
    let july = try ledger.check(month: "2022-07")
    let august = try ledger.check(month: "2022-08")

    // Then July keeps the old rules and August uses the new file
    #expect(july.rules.effective_from == "2022-01-01")
    #expect(try july.person("财政局", "于某").required_days == 5)
    #expect(august.rules.effective_from == "2022-08-01")
    #expect(august.rules.path.hasSuffix("rules/2022-08.toml"))
    #expect(august.units.map(\.unit) == ["朱坝街道", "财政局"])
    #expect(try august.person("财政局", "于某").required_days == 1)
    // 财政局's only trip is a July video call, so August's single day is not met under the new file either
    #expect(try august.person("财政局", "于某").counted_days == 0)
    #expect(try august.unit("财政局").status == "short")
  }
}

@Suite("The demo")
struct DemoTests {
  @Test func demoPrintsTheCheckAndTheNoticeTouchingNoLedger() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When the demo is run
    let result = try folder.run(["demo"])

    // Then it prints the check and the notice, and leaves the folder empty
    #expect(result.status == 0)
    #expect(result.stdout.contains("27 units assessed, 14 short"))
    #expect(result.stdout.contains("Notice:"))
    #expect(result.stdout.contains("These units are to submit a written explanation to the district by 2022-08-05."))
    #expect(try folder.entries().isEmpty)
  }

  @Test func demoAppliesTheExampleVoid() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When the demo is run
    let result = try folder.succeed(["demo"])

    // Then 工信局 宋某's voided trip to 常州 no longer counts: 12 days, not 13
    let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("宋某") })
    let cells = line.split(separator: " ", omittingEmptySubsequences: true)
    #expect(cells.count >= 6)
    #expect(cells.dropFirst(4).first == "10")
    #expect(cells.dropFirst(5).first == "12")
  }

  @Test func demoInChinesePrintsTheBulletinParagraph() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When the demo is run in Chinese
    let result = try folder.run(["demo", "--lang", "zh"])

    // Then the notice is the bulletin's paragraph
    #expect(result.status == 0)
    #expect(result.stdout.contains("通报用语："))
    #expect(result.stdout.contains("朱坝街道（党工委书记王某外出1天，应外出10天；"))
    #expect(result.stdout.contains("请以上单位于8月5日前向区委区政府作出情况说明。"))
  }
}
