import Foundation
import Testing

@Suite("Leave and calendars in every report of a month")
struct LeaveInReportsTests {
  /// One unit, prorate_leave on, its head out one day in July 2022 and on leave 11 to 20 July.
  private func folderWithLeave(counting: String = "natural") throws -> Workspace {
    let folder = try Workspace.initialised()
    try folder.cleaningUpOnFailure { folder in
      try folder.write(
        "rules/default.toml",
        """
        title = "测试规则"
        effective_from = "2022-01-01"
        prorate_leave = true
        counting = "\(counting)"
        calendar = "cn"

        [[tier]]
        id = "town"
        title = "镇街党政主要负责人"
        min_days = 10
        units = ["朱坝街道"]

        """)
      try folder.succeed(["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"])
      try folder.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "上海"])
      try folder.succeed([
        "leave", "add", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-11", "--to", "2022-07-20",
        "--reason", "党校学习",
      ])
    }
    return folder
  }

  @Test func checkOwingBulletinAndCloseAllTakeLeaveOffTheDaysRequired() throws {
    // Given a head on leave 10 of July's 31 days, with prorate_leave: required ceil(2 × 10 × 21 / 31) / 2 = 7
    let folder = try folderWithLeave()
    defer { folder.remove() }
    // When the month is checked, its owing list and bulletin printed, and the month closed
    let check = try folder.check()
    let owing = try folder.succeed(["owing", "--month", "2022-07", "--format", "json"])
    let bulletin = try folder.succeed(["bulletin", "--month", "2022-07"])
    try folder.succeed(["close", "--month", "2022-07"])
    let frozen = try folder.check()
    // Then each says 7 days were required, not 10
    #expect(check.people.map(\.required_days) == [7])
    #expect(owing.stdout.contains("\"required_days\" : 7"), "\(owing.stdout)")
    #expect(bulletin.stdout.contains("王某 1 of 7 days"), "\(bulletin.stdout)")
    #expect(frozen.people.map(\.required_days) == [7])
  }

  @Test func aWorkingDayMonthWithoutItsCalendarIsRefusedByEveryReport() throws {
    // Given working-day rules whose calendar for 2022 has been removed
    let folder = try folderWithLeave(counting: "working")
    defer { folder.remove() }
    try FileManager.default.removeItem(at: folder.file("rules/calendar/cn-2022.toml"))
    // When July 2022 is checked, its owing list or bulletin printed, or the year summed up
    for command in [
      ["check", "--month", "2022-07"], ["owing", "--month", "2022-07"], ["bulletin", "--month", "2022-07"],
      ["summary", "--year", "2022"],
    ] {
      let result = try folder.run(command)
      // Then each is refused, naming the missing calendar file
      #expect(result.status == 65, "\(command): \(result.stdout)")
      #expect(result.stderr.contains("has no working calendar for 2022"), "\(command): \(result.stderr)")
      #expect(result.stderr.contains("cn-2022.toml is missing"), "\(command): \(result.stderr)")
    }
  }
}
