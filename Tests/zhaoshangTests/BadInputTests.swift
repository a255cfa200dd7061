import Foundation
import Testing

/// What a ledger holds, as the binary lists it: compared before and after a refused command.
struct LedgerContents: Equatable {
  let posts: [PostRow]
  let trips: [TripRow]

  init(_ ledger: Workspace) throws {
    posts = try ledger.posts()
    trips = try ledger.trips()
  }
}

@Suite("Bad roster files are refused whole")
struct BadRosterTests {
  @Test func anUnknownUnitIsRefusedByLineAndNoRowIsWritten() throws {
    // Given the example ledger and a roster file whose second row names a unit no rule file declares
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("roster.csv", rosterHeader + "朱坝街道,新某,党工委书记,2022-08-01,\n洪泽区不存在局,某某,局长,,\n")

    // When it is imported
    let result = try ledger.run(["import", "roster", "roster.csv"])

    // Then it exits 65 naming line 3 and the unit, and not even the good row is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("roster.csv:3:"))
    #expect(result.stderr.contains("unknown unit \"洪泽区不存在局\""))
    #expect(!result.stderr.contains("roster.csv:2:"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aMistypedUnitIsAnsweredWithTheUnitItResembles() throws {
    // Given a roster row whose unit is written short
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.write("roster.csv", rosterHeader + "朱坝,王某,党工委书记,,\n")

    // When it is imported
    let result = try ledger.run(["import", "roster", "roster.csv"])

    // Then the full name is suggested
    #expect(result.status == 65)
    #expect(result.stderr.contains("did you mean: 朱坝街道"))
    #expect(try ledger.posts().isEmpty)
  }

  @Test func aPostOverlappingOneOnTheRosterIsRefused() throws {
    // Given the example ledger, where 朱坝街道 王某 is in post since 2021-09-01
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("roster.csv", rosterHeader + "朱坝街道,王某,党工委书记,2022-07-01,\n")

    // When a second, overlapping post of his is imported
    let result = try ledger.run(["import", "roster", "roster.csv"])

    // Then it is refused, naming the line and how to end the old post
    #expect(result.status == 65)
    #expect(result.stderr.contains("roster.csv:2:"))
    #expect(result.stderr.contains("already holds a post (党工委书记, 2021-09-01 to now)"))
    #expect(result.stderr.contains("zhaoshang roster end"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func twoOverlappingPostsInOneFileAreRefused() throws {
    // Given a fresh ledger and a file giving 郭某 two posts in 共和镇 that share July
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.write("roster.csv", rosterHeader + "共和镇,郭某,镇长,2020-09-01,2022-07-15\n共和镇,郭某,党委书记,2022-07-01,\n")

    // When it is imported
    let result = try ledger.run(["import", "roster", "roster.csv"])

    // Then the second row is refused and the first is not written either
    #expect(result.status == 65)
    #expect(result.stderr.contains("roster.csv:3:"))
    #expect(try ledger.posts().isEmpty)
  }

  @Test func addingAnOverlappingPostByHandIsRefused() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When 王某 is added again as 办事处主任 from 2022-07-01
    let result = try ledger.run([
      "roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "办事处主任", "--from", "2022-07-01",
    ])

    // Then it is refused and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("overlaps this one"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func addingTheSameEntryAgainIsNotAnError() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When an entry identical to one on the roster is added
    let result = try ledger.run([
      "roster", "add", "--unit", "朱坝街道", "--name", "王某", "--role", "党工委书记", "--from", "2021-09-01",
    ])

    // Then it succeeds, saying nothing was added
    #expect(result.status == 0)
    #expect(result.stdout.contains("the roster already holds this entry; nothing added."))
    #expect(try ledger.posts().count == 38)
  }

  @Test func aPostEndingBeforeItStartsIsRefused() throws {
    // Given a roster row with its dates swapped
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.write("roster.csv", rosterHeader + "朱坝街道,王某,党工委书记,2022-08-01,2022-07-01\n")

    // When it is imported
    let result = try ledger.run(["import", "roster", "roster.csv"])

    // Then the line is named and the dates questioned
    #expect(result.status == 65)
    #expect(result.stderr.contains("roster.csv:2:"))
    #expect(result.stderr.contains("check whether the dates are swapped"))
    #expect(try ledger.posts().isEmpty)
  }

  @Test func anEmptyRosterFileIsRefused() throws {
    // Given an empty roster file
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.write("roster.csv", "")

    // When it is imported
    let result = try ledger.run(["import", "roster", "roster.csv"])

    // Then line 1 is named and a header is shown
    #expect(result.status == 65)
    #expect(result.stderr.contains("roster.csv:1: the file is empty"))
    #expect(result.stderr.contains("unit,name,role,from,to"))
    #expect(try ledger.posts().isEmpty)
  }
}

@Suite("Bad trip files are refused whole")
struct BadTripFileTests {
  @Test func aTripOfAHeadNotInPostOnAnyDayIsRefused() throws {
    // Given the example ledger (共和镇 郭某 left on 15 July) and a file whose second row has him out on 20-21 July
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write(
      "trips.csv", tripHeader + "共和镇,何某,2022-07-29,,南京,,,visit\n共和镇,郭某,2022-07-20,2022-07-21,上海,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then line 3 is named with his tenure, and the good row is not written either
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:3:"))
    #expect(result.stderr.contains("郭某 was not in post on any day from 2022-07-20 to 2022-07-21"))
    #expect(result.stderr.contains("2020-09-01 to 2022-07-15"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aTripOfSomeoneNotOnTheRosterIsRefused() throws {
    // Given the example ledger and a trip of a name 朱坝街道 does not have
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", tripHeader + "朱坝街道,赵某,2022-07-14,,南京,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then it is refused, pointing to roster add
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("\"赵某\" is not on the roster of 朱坝街道"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aTripEndingBeforeItStartsIsRefused() throws {
    // Given a trip row with its dates swapped
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", tripHeader + "共和镇,何某,2022-07-10,2022-07-08,上海,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then the line and both dates are named
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("the trip ends (2022-07-08) before it starts (2022-07-10)"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func anImpossibleDateIsRefusedByFileAndLine() throws {
    // Given a trip on 30 February on line 3
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write(
      "trips.csv", tripHeader + "共和镇,何某,2022-07-29,,南京,,,visit\n共和镇,何某,2022-02-30,,上海,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then trips.csv:3: names the column, the value and the month's length, and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:3:"))
    #expect(result.stderr.contains("column start, value \"2022-02-30\""))
    #expect(result.stderr.contains("only 28 days"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func anUnknownKindIsRefusedListingTheKinds() throws {
    // Given a trip of kind "plane"
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", tripHeader + "共和镇,何某,2022-07-29,,上海,,,plane\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then the line, the value and the known kinds are given
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("\"plane\""))
    #expect(result.stderr.contains("visit"))
    #expect(result.stderr.contains("video"))
    #expect(result.stderr.contains("online"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aTripStartingAfterTodayIsRefused() throws {
    // Given a trip starting on 1 January 2099
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", tripHeader + "共和镇,何某,2099-01-01,,上海,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then it is refused: trips are recorded once they have begun
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("the trip starts on 2099-01-01, after today"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aMorningStartWithNoEndIsAMorningOnlyTrip() throws {
    // Given a trip whose start is marked AM and which has no end
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    try ledger.write("trips.csv", tripHeader + "共和镇,何某,2022-07-29 上午,,上海,,,visit\n")

    // When it is imported
    try ledger.succeed(["import", "trips", "trips.csv"])

    // Then it is half a day: the morning of the 29th, ending at noon
    let trip = try #require(try ledger.trips(["--unit", "共和镇", "--name", "何某"]).first { $0.start == "2022-07-29" })
    #expect(trip.days == 0.5)
    #expect(trip.ends_morning)
    #expect(!trip.starts_afternoon)
  }

  @Test func everyProblemOfAFileIsReportedAtOnceInLineOrder() throws {
    // Given a file with four bad rows
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write(
      "trips.csv",
      tripHeader
        + "共和镇,何某,2022-07-10,2022-07-08,上海,,,visit\n共和镇,何某,2022-02-30,,上海,,,visit\n"
        + "共和镇,何某,2022-07-29,,上海,,,plane\n共和镇,何某,2099-01-01,,上海,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then all four lines are reported, in the file's order
    #expect(result.status == 65)
    let positions = (2...5).compactMap { result.stderr.range(of: "trips.csv:\($0):")?.lowerBound }
    #expect(positions.count == 4)
    #expect(positions == positions.sorted())
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func anEmptyFileIsRefused() throws {
    // Given an empty trips file
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", "")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then line 1 is named and the header it needs is shown
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:1: the file is empty"))
    #expect(result.stderr.contains("unit,name,start,end,destination"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aFileWithoutAHeaderIsRefused() throws {
    // Given a trips file that starts with a data row
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", "共和镇,何某,2022-07-29,,南京,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then line 1 is named as not a header
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:1:"))
    #expect(result.stderr.contains("the first line is not a header"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aFileWithOnlyAHeaderIsRefused() throws {
    // Given a trips file with a header and no rows
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    try ledger.write("trips.csv", tripHeader)

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then it says there is nothing to import
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("nothing to import"))
  }

  @Test func aMissingRequiredColumnIsNamed() throws {
    // Given a header without the destination column
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", "unit,name,start\n共和镇,何某,2022-07-29\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then the column is named on the header's line
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:1:"))
    #expect(result.stderr.contains("the required column destination"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aRowWithTheWrongNumberOfFieldsIsNamed() throws {
    // Given a row with an unquoted comma in its companies
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", tripHeader + "共和镇,何某,2022-07-29,,南京,拜访企业,甲公司,乙公司,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then the line is named with the counts and the advice to quote
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:2:"))
    #expect(result.stderr.contains("this row has 9 fields but the header has 8"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func anUnclosedQuoteIsNamedByTheLineItOpensOn() throws {
    // Given a quote opened on line 3 and never closed
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write(
      "trips.csv", tripHeader + "共和镇,何某,2022-07-29,,南京,,,visit\n共和镇,何某,2022-07-30,,\"南京,,,visit\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then line 3 is named
    #expect(result.status == 65)
    #expect(result.stderr.contains("trips.csv:3:"))
    #expect(result.stderr.contains("never closed"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aMissingFileIsNamed() throws {
    // Given no such file
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When it is imported
    let result = try ledger.run(["import", "trips", "七月.csv"])

    // Then the path is named
    #expect(result.status == 65)
    #expect(result.stderr.contains("七月.csv: no such file"))
  }
}
