import Foundation
import Testing
import ZhaoshangKit

@testable import zhaoshang

@Suite("zhaoshang explain and owing")
struct ExplainCommandTests {
  /// Given July's short units, when one explains late, then owing shows received (late) beside overdue.
  @Test func owingShowsEachExplanation() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    let document = workspace.folder.appendingPathComponent("说明.txt")
    try Data("说明".utf8).write(to: document)

    // When
    let recorded = try workspace.run([
      "explain", "--unit", "乙镇", "--month", "2022-07", "--received", "2022/8/8", "--note", "防汛",
      "--document", document.path,
    ]).out
    let owing = try workspace.run(["owing", "--month", "2022-07", "--as-of", "2022-08-10", "--format", "csv"]).out

    // Then
    #expect(recorded.hasPrefix("recorded: 乙镇's explanation for 2022-07, received 2022-08-08 (late); file "))
    #expect(owing.contains("乙镇,孙某,党委书记,10,4.5,5.5,2022-08-05,late,2022-08-08\r\n"))
    #expect(owing.contains("文旅局,冯某,局长,5,0,5,2022-08-05,overdue,\r\n"))
  }

  /// Given a unit that met its quota, when its explanation is recorded, then the error says it was not short.
  @Test func explainingACompliantUnitIsAnError() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }

    // When
    let failure = workspace.failure(["explain", "--unit", "甲镇", "--month", "2022-07", "--received", "2022-08-03"])

    // Then
    #expect(
      failure?.message
        == "Error: 甲镇 was not short in 2022-07: it met its quota (10 person-days), so it owes no explanation; check the unit and --month"
    )
    #expect(failure?.code == 65)
  }

  /// Given one explanation, when every open shortfall is listed, then only the unexplained unit remains.
  @Test func owingOpenListsWhatIsStillOwed() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }
    _ = try workspace.run(["explain", "--unit", "乙镇", "--month", "2022-07", "--received", "2022-08-03"])

    // When
    let open = try workspace.run(["owing", "--open", "--as-of", "2022-08-04"]).out
    let clash = workspace.failure(["owing", "--open", "--month", "2022-07"])

    // Then
    #expect(open.contains("2022-07  文旅局"))
    #expect(!open.contains("乙镇"))
    #expect(open.contains("As of 2022-08-04, 1 explanation not received, 0 overdue."))
    #expect(clash?.message == "--open lists every month; leave out --month")
  }

  /// Given an unreadable --as-of, when parsed, then the command line says how to write a date.
  @Test func asOfMustBeADate() throws {
    // Given
    let workspace = try MonthCycleWorkspace.july()
    defer { workspace.remove() }

    // When
    let failure = workspace.failure(["owing", "--month", "2022-07", "--as-of", "8月10日"])
    let unreadable = workspace.failure(["owing", "--month", "2022-07", "--as-of", "下周一"])

    // Then
    #expect(failure?.message == "--as-of: the date \"8月10日\" has no year; write it in full, such as 2022年8月10日")
    #expect(
      unreadable?.message
        == "--as-of: cannot read the date \"下周一\"; write it as 2022-07-04, 2022/7/4, 2022.7.4 or 2022年7月4日")
  }
}
