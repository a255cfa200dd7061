import Foundation
import Testing

@Suite("Importing the CSV files units send in")
struct ImportTests {
  let rosterFile = CLI.hongze.appendingPathComponent("roster.csv").path
  let tripsFile = CLI.hongze.appendingPathComponent("trips.csv").path

  @Test func importingTheSameTripsFileTwiceAddsNothing() throws {
    // Given the example's roster and trips imported once
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try ledger.trips()

    // When the trips file is imported again
    let again = try ledger.run(["import", "trips", tripsFile])

    // Then it succeeds, says nothing was imported and all rows were present, and the ledger is unchanged
    #expect(again.status == 0)
    #expect(again.stdout.contains("imported 0 trips; 92 already present skipped."))
    #expect(again.stderr.contains("trips.csv:2: already recorded, skipped"))
    #expect(before.count == 92)
    #expect(try ledger.trips() == before)
  }

  @Test func importingTheSameRosterTwiceAddsNothing() throws {
    // Given the example's roster imported once
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    let first = try ledger.succeed(["import", "roster", rosterFile])

    // When it is imported again
    let again = try ledger.run(["import", "roster", rosterFile])

    // Then the second run adds nothing
    #expect(first.stdout.contains("imported 38 roster entries."))
    #expect(again.status == 0)
    #expect(again.stdout.contains("imported 0 roster entries; 38 already present skipped."))
    #expect(try ledger.posts().count == 38)
  }

  @Test func aDryRunChecksTheFileAndWritesNothing() throws {
    // Given the example's roster only
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["import", "roster", rosterFile])

    // When the trips are imported as a dry run
    let result = try ledger.run(["import", "trips", tripsFile, "--dry-run"])

    // Then it says what it would import and the ledger holds no trip
    #expect(result.status == 0)
    #expect(result.stdout.contains("would import 92 trips (dry run: nothing written)."))
    #expect(try ledger.trips().isEmpty)
  }

  @Test func overlappingTripsOfOneHeadAreImportedWithANote() throws {
    // Given the example's roster
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["import", "roster", rosterFile])

    // When the trips are imported (商务局 韩某 has two trips sharing 13 July)
    let result = try ledger.run(["import", "trips", tripsFile])

    // Then the import succeeds with a note naming the later row
    #expect(result.status == 0)
    #expect(result.stderr.contains("note: "))
    #expect(result.stderr.contains("trips.csv:85:"))
    #expect(result.stderr.contains("overlapping days count once"))
  }

  @Test func anExcelFileWithChineseHeadersBOMAndCRLFIsRead() throws {
    // Given a roster and a trip sheet saved by Excel as "CSV UTF-8": BOM, CRLF, Chinese headers, clerks' dates
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.write("花名册.csv", "\u{FEFF}单位,姓名,职务,任职起始,任职结束\r\n朱坝街道,王某,党工委书记,2021/9/1,\r\n")
    try ledger.write(
      "外出.csv",
      "\u{FEFF}单位,姓名,开始日期,结束日期,目的地,事由,拜访企业,类型,天数\r\n"
        + "朱坝街道,王某,2022/7/25 下午,2022年7月27日 上午,苏州,拜访企业,\"甲公司;乙公司\",外出招商,2\r\n")

    // When both are imported
    let roster = try ledger.run(["import", "roster", "花名册.csv"])
    let trips = try ledger.run(["import", "trips", "外出.csv"])

    // Then the post and the half-day trip are recorded as written
    #expect(roster.status == 0)
    #expect(trips.status == 0)
    #expect(trips.stderr.isEmpty)
    #expect(try ledger.posts() == [PostRow(unit: "朱坝街道", name: "王某", role: "党工委书记", from: "2021-09-01", to: nil)])
    let trip = try #require(try ledger.trips().first)
    #expect(trip.start == "2022-07-25")
    #expect(trip.starts_afternoon)
    #expect(trip.end == "2022-07-27")
    #expect(trip.ends_morning)
    #expect(trip.days == 2)
    #expect(trip.kind == "visit")
  }

  @Test func aDaysColumnThatDisagreesWithTheDatesIsRefusedNotRounded() throws {
    // Given a trip of 3 days whose 天数 cell says 2
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"])
    try ledger.write("trips.csv", "unit,name,start,end,destination,days\n朱坝街道,王某,2022-07-04,2022-07-06,上海,2\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then it is refused on the row, saying what the dates give, and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("it says 2 days, but the dates 2022-07-04 to 2022-07-06 give 3"))
    #expect(try ledger.trips().isEmpty)
  }

  @Test func aGB18030FileIsDetectedAndRead() throws {
    // Given a trip sheet saved by Excel on a Chinese Windows PC (GB18030), made with iconv:
    // 单位,姓名,开始日期,结束日期,目的地,类型 / 朱坝街道,王某,2022/7/25,2022/7/26 上午,苏州,外出招商
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"])
    try ledger.write("外出.csv", try #require(Data(hex: Self.gb18030Sheet)))

    // When it is imported without --encoding
    let result = try ledger.run(["import", "trips", "外出.csv"])

    // Then the Chinese cells are read correctly
    #expect(result.status == 0)
    let trip = try #require(try ledger.trips().first)
    #expect(trip.unit == "朱坝街道")
    #expect(trip.name == "王某")
    #expect(trip.destination == "苏州")
    #expect(trip.days == 1.5)
  }

  @Test func aGB18030FileReadAsUTF8IsRefusedWithTheEncodingHintOnly() throws {
    // Given the GB18030 sheet
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记"])
    try ledger.write("外出.csv", try #require(Data(hex: Self.gb18030Sheet)))

    // When it is imported with --encoding utf8
    let result = try ledger.run(["import", "trips", "外出.csv", "--encoding", "utf8"])

    // Then it is refused, pointing at line 1 and suggesting gb18030, and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("外出.csv:1: this line is not valid UTF-8"))
    #expect(result.stderr.contains("--encoding gb18030"))
    #expect(!result.stderr.contains("the file is empty"))
    #expect(try ledger.trips().isEmpty)
  }

  @Test func anExportedRosterAndTripListImportIntoAFreshLedger() throws {
    // Given the example in one ledger, exported as CSV
    let source = try Workspace.hongze()
    defer { source.remove() }
    try source.succeed(["roster", "list", "--output", "roster-export.csv"])
    try source.succeed(["trips", "--output", "trips-export.csv"])
    let target = try Workspace.initialised()
    defer { target.remove() }

    // When the exports are imported into a fresh ledger
    let roster = try target.run(["import", "roster", source.file("roster-export.csv").path])
    let trips = try target.run(["import", "trips", source.file("trips-export.csv").path])

    // Then every post and trip arrives, half days included, and July checks the same
    #expect(roster.status == 0)
    #expect(roster.stdout.contains("imported 38 roster entries."))
    #expect(trips.status == 0)
    #expect(trips.stdout.contains("imported 92 trips."))
    let julyBefore = try source.check(month: "2022-07")
    let julyAfter = try target.check(month: "2022-07")
    #expect(julyAfter.people.map(\.counted_days) == julyBefore.people.map(\.counted_days))
    #expect(julyAfter.people.map(\.required_days) == julyBefore.people.map(\.required_days))
  }

  /// `单位,姓名,开始日期,结束日期,目的地,类型\r\n朱坝街道,王某,2022/7/25,2022/7/26 上午,苏州,外出招商\r\n` in GB18030.
  static let gb18030Sheet =
    "b5a5cebb2cd0d5c3fb2cbfaacabcc8d5c6da2cbde1caf8c8d5c6da2cc4bfb5c4b5d82cc0e0d0cd0d0a"
    + "d6ecb0d3bdd6b5c02ccdf5c4b32c323032322f372f32352c323032322f372f323620c9cfcee72ccbd5d6dd2ccde2b3f6d5d0c9cc0d0a"
}

extension Data {
  /// Bytes written as pairs of hex digits; nil when the text is not that.
  init?(hex: String) {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
      guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
      bytes.append(byte)
      index = next
    }
    self.init(bytes)
  }
}
