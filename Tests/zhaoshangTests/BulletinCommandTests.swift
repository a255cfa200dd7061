import Foundation
import Testing
import ZhaoshangKit

@testable import zhaoshang

@Suite("zhaoshang bulletin and summary")
struct BulletinCommandTests {
  /// Given July's trips, when the bulletin is printed as CSV, then the rows are ranked with 未外出 last and a 合计;
  /// 甲镇 and 商务局 tie on 10 days and keep the rule file's order (甲镇's tier is listed first), not the code points'.
  @Test func printsTheRankedTable() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }

    // When
    let csv = try workspace.run(["bulletin", "--month", "2022-07", "--format", "csv"], language: "zh").out

    // Then
    #expect(
      csv.components(separatedBy: "\r\n") == [
        "序号,单位,外出人数,外出天数,去向,是否达标",
        "1,甲镇,1,10,上海,是",
        "2,商务局,1,10,深圳、广州,是",
        "3,乙镇,1,4.5,杭州,否",
        "4,文旅局,0,0,未外出,否",
        ",合计,3,24.5,,",
        "",
      ])
  }

  /// Given a rule file naming the office in `[bulletin]`, when the bulletin is printed with --issue 7, then 第7期 and
  /// the office with today's date head it and it ends with the office and the date (落款).
  @Test func printsTheOfficeIssueAndSignature() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    let rules = URL(fileURLWithPath: workspace.rules).appendingPathComponent("test.toml")
    try Data((MonthCycleWorkspace.rulesText + "\n\n[bulletin]\noffice = \"测试区督考服务中心\"\n").utf8).write(to: rules)

    // When
    let today = CivilDate.today().chinese
    let text = try workspace.run(["bulletin", "--month", "2022-07", "--issue", "7"], language: "zh").out

    // Then
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(Array(lines.prefix(3)) == ["第7期", "测试区督考服务中心　　\(today)", "2022年7月外出招商情况通报"])
    #expect(Array(lines.suffix(2)) == ["测试区督考服务中心", today])
  }

  /// Given an issue number below 1, when asked for, then it is refused in Chinese and English.
  @Test func refusesAnIssueBelowOne() throws {
    #expect(throws: (any Error).self) { try Zhaoshang.parseAsRoot(["bulletin", "--issue", "0"]) }
  }

  /// Given --output with .html, when the bulletin is written, then the file is one printable page.
  @Test func writesHTMLByExtension() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    let file = workspace.folder.appendingPathComponent("7月通报.html")

    // When
    _ = try workspace.run(["bulletin", "--month", "2022-07", "--output", file.path], language: "zh")

    // Then
    let html = try String(contentsOf: file, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<h1>2022年7月外出招商情况通报</h1>"))
    #expect(!html.contains("<script"))
  }

  /// Given an unknown format, when the bulletin is asked for it, then the command line names the formats to use.
  @Test func refusesFormatsItDoesNotWrite() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }

    // When
    let failure = workspace.failure(["bulletin", "--month", "2022-07", "--format", "notice"])

    // Then
    let formats = "text, table, markdown, html, csv, json, xlsx, docx"
    #expect(
      failure?.message
        == "--format: "
        + CommandLineLanguage.guess().pick(
          "这里不能写出 notice 格式；可用的有：\(formats)", "notice is not available here; use one of: \(formats)."))
    #expect(failure?.code == 64)
  }

  /// Given a closed and amended month, when its bulletin is printed, then it is the frozen one and the notes say
  /// what today's would change and which amendments were made.
  @Test func aClosedMonthPrintsTheFrozenBulletinWithNotes() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    _ = try workspace.run(["close", "--month", "2022-07"])
    _ = try workspace.run([
      "log", "--unit", "文旅局", "--name", "冯某", "--from", "2022-07-25", "--to", "2022-07-29", "--destination", "成都",
      "--amend", "--reason", "补登漏报",
    ])

    // When
    let frozen = try workspace.run(["bulletin", "--month", "2022-07", "--format", "csv"])
    let current = try workspace.run(["bulletin", "--month", "2022-07", "--format", "csv", "--current"])

    // Then
    #expect(frozen.out.contains("4,文旅局,0,0,did not go out,no"))
    #expect(frozen.notes.contains("this is the frozen result"))
    #expect(frozen.notes.contains("  - 文旅局 冯某: counted days 0 → 5"))
    #expect(frozen.notes.contains("amendments since closing (1):"))
    #expect(
      frozen.notes.contains(
        "测试员: log --unit 文旅局 --name 冯某 --from 2022-07-25 --to 2022-07-29 --destination 成都 (reason: 补登漏报)"))
    #expect(current.out.contains(",文旅局,1,5,成都,yes"))
    #expect(current.notes.contains("as --current asks, this is today's computation"))
  }

  /// Given three months where 文旅局 never goes out, when the year is summarised, then it is marked 约谈.
  @Test func summaryMarksEscalation() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    for month in ["08", "09"] {
      _ = try workspace.run([
        "log", "--unit", "甲镇", "--name", "赵某", "--from", "2022-\(month)-01", "--to", "2022-\(month)-10",
        "--destination", "上海",
      ])
    }

    // When
    let csv = try workspace.run(["summary", "--year", "2022", "--format", "csv"]).out

    // Then
    #expect(csv.contains("2022,unit,文旅局,dept,,,3,3,0,3,2022-09\r\n"))
    #expect(csv.contains("2022,unit,甲镇,town,,,3,0,30,0,\r\n"))
  }
}
