import ArgumentParser
import Foundation
import Testing
import ZhaoshangKit

@testable import zhaoshang

@Suite("zhaoshang close, reopen and --amend")
struct CloseCommandTests {
  /// Given closed July, when a July trip is logged without --amend, then it exits 65 naming the month and the fix.
  @Test func aClosedMonthRefusesAnUnamendedLog() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    let closed = try workspace.run(["close", "--month", "2022-07"]).out

    // When
    let log = ["log", "--unit", "乙镇", "--name", "孙某", "--from", "2022-07-25", "--destination", "苏州"]
    let english = workspace.failure(log)
    let chinese = workspace.failure(log, language: "zh")

    // Then
    #expect(closed.hasPrefix("closed 2022-07: 4 units assessed, 2 short; the check and the bulletin are frozen"))
    #expect(english?.code == 65)
    #expect(english?.message.hasPrefix("Error: 2022-07 is closed (2022-07 closed on ") == true)
    #expect(
      english?.message.contains("To correct a closed month, run the command again with --amend --reason \"why\"")
        == true)
    #expect(chinese?.message.hasPrefix("错误：2022年7月已封存") == true)
  }

  /// Given closed July, when a July trip is voided with --amend, then it is voided and the amendment reported.
  @Test func voidWithAmend() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    _ = try workspace.run(["close", "--month", "2022-07"])
    let ledger = try Ledger.open(at: workspace.db)
    let id = try #require(try ledger.trips(unit: "乙镇").first?.id)

    // When
    let refused = workspace.failure(["void", String(id), "--reason", "重复登记"])
    let voided = try workspace.run(["void", String(id), "--reason", "重复登记", "--amend"]).out

    // Then
    #expect(refused?.code == 65)
    #expect(voided.contains("recorded as an amendment of 2022-07 (测试员, "))
    #expect(try ledger.amendments().map(\.command) == ["void \(id)"])
  }

  /// Given --amend without --reason, or --reason without --amend, when parsed, then the command line says what to add.
  @Test func amendNeedsAReasonAndAReasonNeedsAmend() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    let log = ["log", "--unit", "乙镇", "--name", "孙某", "--from", "2022-07-25", "--destination", "苏州"]

    // When
    let noReason = workspace.failure(log + ["--amend"])
    let noAmend = workspace.failure(log + ["--reason", "补登"])

    // Then
    #expect(
      noReason?.message
        == "--amend needs --reason saying why the closed month is changed, e.g. --amend --reason \"trip reported late\""
        || noReason?.message == "--amend 须同时给出 --reason，写明为何更正已封存的月份，如 --amend --reason \"补登漏报的外出\"")
    #expect(
      noAmend?.message == "--reason goes with --amend only; to change a closed month write --amend --reason \"why\""
        || noAmend?.message == "--reason 只与 --amend 一起使用；更正已封存的月份时请写 --amend --reason \"原因\"")
    #expect(noReason?.code == 64)
  }

  /// Given closed July, when roster changes touch it, then they need --amend, and with it they pass.
  @Test func rosterChangesNeedAmend() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    _ = try workspace.run(["close", "--month", "2022-07"])

    // When
    let end = ["roster", "end", "--unit", "甲镇", "--name", "赵某", "--on", "2022-07-20"]
    let refused = workspace.failure(end)
    let ended = try workspace.run(end + ["--amend", "--reason", "7月20日调任"]).out
    let added = try workspace.run([
      "roster", "add", "--unit", "甲镇", "--name", "钱某", "--role", "党委书记", "--from", "2022-07-21", "--amend",
      "--reason", "接任",
    ]).out

    // Then
    #expect(refused?.message.contains("2022-07 is closed") == true)
    #expect(ended.contains("recorded as an amendment of 2022-07"))
    #expect(added.contains("recorded as an amendment of 2022-07"))
  }

  /// Given a month not over, when closed without --force, then the message explains why and exits 65.
  @Test func closingTheCurrentMonthNeedsForce() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    let thisMonth = Month(containing: CivilDate.today())

    // When
    let failure = workspace.failure(["close", "--month", thisMonth.iso])
    let forced = try workspace.run(["close", "--month", thisMonth.iso, "--force"]).out

    // Then
    #expect(failure?.code == 65)
    #expect(failure?.message.contains("has not ended yet") == true)
    #expect(failure?.message.contains("or pass --force to close it now") == true)
    #expect(forced.hasPrefix("closed \(thisMonth.iso) (before the month ended)"))
  }

  /// Given close without --month, when parsed, then the command line asks for one.
  @Test func closeNeedsAMonth() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }

    // When
    let failure = workspace.failure(["close"])
    let both = workspace.failure(["close", "--list", "--month", "2022-07"])

    // Then
    #expect(failure?.message == "give the month to close, e.g. --month 2022-07")
    #expect(both?.message == "--list takes neither --month nor --force")
  }

  /// Given closed July, when it is reopened, then a log passes and close --list shows the history.
  @Test func reopenThenList() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    _ = try workspace.run(["close", "--month", "2022-07"])

    // When
    let reopened = try workspace.run(["reopen", "--month", "2022-07", "--reason", "补登7月外出"]).out
    _ = try workspace.run([
      "log", "--unit", "乙镇", "--name", "孙某", "--from", "2022-07-25", "--destination", "苏州",
    ])
    let list = try workspace.run(["close", "--list"]).out
    let again = workspace.failure(["reopen", "--month", "2022-07", "--reason", "再试"])

    // Then
    #expect(reopened.hasPrefix("reopened 2022-07 (reason: 补登7月外出); the result frozen on "))
    #expect(list.contains("2022-07"))
    #expect(list.contains("测试员 (补登7月外出)"))
    #expect(
      again?.message
        == "Error: 2022-07 is not closed, so there is nothing to reopen; list closed months with `zhaoshang close --list`"
    )
  }
}
