import Foundation
import TOMLKit

/// Reads working calendars, `calendar/NAME-YYYY.toml` beside the rule files: one file per year with
/// `year`, `holidays` (days off) and `workdays` (weekend days that are working days).
public enum CalendarFileParser {
  /// The folder holding a rule file's calendars.
  public static func folder(besideRuleFile path: String) -> String {
    URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("calendar").path
  }

  /// The path the calendar of one year is expected at, named in errors.
  public static func path(name: String, year: Int, besideRuleFile rulePath: String) -> String {
    URL(fileURLWithPath: folder(besideRuleFile: rulePath)).appendingPathComponent("\(name)-\(year).toml").path
  }

  /// Loads every year of the calendar `name`; problems are returned, not thrown, to join the rule file's own.
  public static func load(name: String, besideRuleFile rulePath: String) -> (WorkingCalendar?, [Problem]) {
    let folder = folder(besideRuleFile: rulePath)
    let prefix = name + "-"
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      // Only NAME-YYYY.toml: another calendar (cn-js-2022.toml) or a copy (cn-2022 - 副本.toml) is not this one.
      .filter { file in
        guard file.hasPrefix(prefix), file.hasSuffix(".toml") else { return false }
        let year = file.dropFirst(prefix.count).dropLast(".toml".count)
        return year.count == 4 && year.allSatisfy(\.isASCIIDigit)
      }.sorted()
    guard !files.isEmpty else { return (nil, []) }
    var years = Set<Int>()
    var holidays: [CivilDate] = []
    var workdays: [CivilDate] = []
    var problems: [Problem] = []
    for file in files {
      let path = URL(fileURLWithPath: folder).appendingPathComponent(file).path
      let expectedYear = Int(file.dropFirst(prefix.count).dropLast(".toml".count))
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        problems.append(
          Problem(location: path, Localized("无法读取日历文件（需为 UTF-8）", "cannot read the calendar file (it must be UTF-8)")))
        continue
      }
      let (year, off, on, fileProblems) = parse(text: text, path: path, expectedYear: expectedYear)
      problems += fileProblems
      if let year, fileProblems.isEmpty {
        years.insert(year)
        holidays += off
        workdays += on
      }
    }
    return (WorkingCalendar(name: name, years: years, holidays: holidays, workdays: workdays), problems)
  }

  static func parse(text: String, path: String, expectedYear: Int?) -> (
    Int?, [CivilDate], [CivilDate], [Problem]
  ) {
    let lines = TOMLLineIndex(text: text)
    var problems: [Problem] = []
    func report(_ line: Int?, _ zh: String, _ en: String) {
      problems.append(
        Problem(
          location: line.map { "\(path):\($0)" } ?? path, excerpt: line.flatMap { lines.text(ofLine: $0) },
          Localized(zh, en)))
    }
    let table: TOMLTable
    switch TOMLPreflight.parse(text, unreadable: ("无法解析日历文件", "cannot parse the calendar file")) {
    case .success(let parsed): table = parsed
    case .failure(let errors):
      for finding in errors.findings { report(finding.line, finding.zh, finding.en) }
      return (nil, [], [], problems)
    }
    for key in table.keys where !["year", "holidays", "workdays"].contains(key) {
      report(
        lines.line(ofKey: key), "未知的键「\(key)」；日历文件只有 year、holidays、workdays",
        "unknown key \"\(key)\"; a calendar has year, holidays and workdays")
    }
    guard let year = table["year"]?.int else {
      report(
        lines.line(ofKey: "year") ?? 1, "缺少 year 或不是整数，如 year = 2022",
        "year is missing or not a whole number, e.g. year = 2022")
      return (nil, [], [], problems)
    }
    let years = DateWindow.first.year...DateWindow.last.year
    guard years.contains(year) else {
      report(
        lines.line(ofKey: "year"), "year = \(year) 超出可登记的年份（\(years.lowerBound) 至 \(years.upperBound)）；请检查年份是否写错",
        "year = \(year) is outside the years zhaoshang accepts (\(years.lowerBound) to \(years.upperBound)); check the year"
      )
      return (nil, [], [], problems)
    }
    if let expectedYear, expectedYear != year {
      report(
        lines.line(ofKey: "year"), "文件名表示 \(expectedYear) 年，但 year = \(year)；请使二者一致",
        "the file name says \(expectedYear) but year = \(year); make them agree")
    }
    func dates(_ key: String) -> [CivilDate] {
      guard let value = table[key] else { return [] }
      guard let array = value.array else {
        report(
          lines.line(ofKey: key), "\(key) 应为日期列表，如 [\"\(year)-10-01\"]",
          "\(key) must be a list of dates, e.g. [\"\(year)-10-01\"]")
        return []
      }
      var result: [CivilDate] = []
      for element in array {
        let text = element.string ?? element.date.map { "\($0.year)-\($0.month)-\($0.day)" } ?? element.debugDescription
        guard case .success(let parsed) = DateText.parse(text), parsed.half == nil else {
          report(
            lines.line(ofQuoted: text) ?? lines.line(ofKey: key), "\(key) 中的「\(text)」不是有效日期",
            "\"\(text)\" in \(key) is not a valid date")
          continue
        }
        if parsed.date.year != year {
          report(
            lines.line(ofQuoted: text) ?? lines.line(ofKey: key), "\(text) 不在 \(year) 年；每个日历文件只写本年的日期",
            "\(text) is not in \(year); a calendar file holds the dates of its own year")
          continue
        }
        result.append(parsed.date)
      }
      return result
    }
    return (year, dates("holidays"), dates("workdays"), problems)
  }
}
