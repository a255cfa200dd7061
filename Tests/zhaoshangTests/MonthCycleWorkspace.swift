import ArgumentParser
import Foundation
import Testing
import ZhaoshangKit

@testable import zhaoshang

/// A throw-away folder with a rule file and a ledger, driven through the real command line.
struct MonthCycleWorkspace {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let folder: URL
  var db: String { folder.appendingPathComponent("test.sqlite").path }
  var rules: String { folder.appendingPathComponent("rules").path }

  static let rulesText = """
    title = "测试区招商引资考核办法"
    effective_from = "2022-01-01"
    escalate_after = 3

    [[tier]]
    id = "town"
    title = "镇街党政主要负责人"
    min_days = 10
    units = ["甲镇", "乙镇"]

    [[tier]]
    id = "dept"
    title = "部门负责人"
    min_days = 5
    units = ["商务局", "文旅局"]
    """

  static let roster = """
    单位,姓名,职务,任职起始
    甲镇,赵某,党委书记,2022-01-01
    乙镇,孙某,党委书记,2022-01-01
    商务局,郑某,局长,2022-01-01
    文旅局,冯某,局长,2022-01-01
    """

  /// 甲镇 and 商务局 tie on 10 days (the rule file's order breaks the tie), 乙镇 is short by half days, 文旅局 never went out.
  static let trips = """
    单位,姓名,开始日期,结束日期,目的地
    甲镇,赵某,2022-07-04,2022-07-13,上海
    商务局,郑某,2022-07-04,2022-07-08,深圳
    商务局,郑某,2022-07-11,2022-07-15,广州
    乙镇,孙某,2022-07-18 下午,2022-07-22,杭州
    """

  /// Creates the folder, the rules and the ledger, and imports the July roster and trips.
  static func july() throws -> MonthCycleWorkspace {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
    try Data(rulesText.utf8).write(to: folder.appendingPathComponent("rules/test.toml"))
    try Data(roster.utf8).write(to: folder.appendingPathComponent("roster.csv"))
    try Data(trips.utf8).write(to: folder.appendingPathComponent("trips.csv"))
    let workspace = MonthCycleWorkspace(folder: folder)
    _ = try workspace.run(["init"])
    _ = try workspace.run(["import", "roster", folder.appendingPathComponent("roster.csv").path])
    _ = try workspace.run(["import", "trips", folder.appendingPathComponent("trips.csv").path])
    return workspace
  }

  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs `zhaoshang ARGS --db … --rules … --lang en --by 测试员` and returns what it printed.
  func run(_ arguments: [String], language: String = "en") throws -> (out: String, notes: String) {
    var command = try Zhaoshang.parseAsRoot(
      arguments + ["--db", db, "--rules", rules, "--lang", language, "--by", "测试员"])
    let capture = Console.Capture()
    try Console.$capture.withValue(capture) {
      try command.run()
    }
    return (capture.out, capture.notes)
  }

  /// The message and exit code a failing command line ends with, as `main` would print them.
  func failure(_ arguments: [String], language: String = "en") -> (message: String, code: Int32)? {
    do {
      _ = try run(arguments, language: language)
      return nil
    } catch let error as ZhaoshangError {
      return (
        Zhaoshang.failureText(for: error, language: language == "zh" ? .zh : .en),
        Zhaoshang.exitCode(for: error).rawValue
      )
    } catch {
      return (Zhaoshang.message(for: error), Zhaoshang.exitCode(for: error).rawValue)
    }
  }
}
