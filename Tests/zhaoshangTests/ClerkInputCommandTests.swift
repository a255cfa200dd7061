import Foundation
import Testing

/// The command line reads dates, half days and names as the importer does, and says what to write instead.
@Suite("Input as clerks write it, on the command line")
struct ClerkInputCommandTests {
  @Test func aDateWithoutItsYearTakesTheMonthOptionsYearOrIsRefusedNamingIt() throws {
    // Given a file whose only date is written 7月27日
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)
    try ledger.write("trips.csv", tripHeader + "共和镇,何某,7月27日,,上海,,,visit\n")

    // When it is imported without --month
    let refused = try ledger.run(["import", "trips", "trips.csv"])

    // Then it is refused at its cell, saying to write the year or give --month, and nothing is written
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("trips.csv:2:"))
    #expect(refused.stderr.contains("the date \"7月27日\" has no year; write it in full, such as 2022年7月27日"))
    #expect(refused.stderr.contains("or import with --month \"2022-07\""), "\(refused.stderr)")
    #expect(try LedgerContents(ledger) == before)

    // When it is imported with --month 2022-07
    try ledger.succeed(["import", "trips", "trips.csv", "--month", "2022-07"])

    // Then the trip is recorded on 27 July 2022
    #expect(try ledger.trips(["--unit", "共和镇", "--name", "何某"]).contains { $0.start == "2022-07-27" })
  }

  @Test func logTakesSeveralNamesInOneOptionAndAMorningStart() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a joint morning-only trip is logged with both names in one --name
    let logged = try ledger.succeed([
      "log", "--unit", "朱坝街道", "--name", "王某、刘某", "--from", "２０２２年７月２０日 上午", "--destination", "上海",
      "--companies", "甲公司，乙公司",
    ])

    // Then one trip of half a day is recorded for each of them
    #expect(logged.stdout.contains("朱坝街道 王某 2022-07-20 to 2022-07-20 AM, 上海, 0.5 days"), "\(logged.stdout)")
    #expect(logged.stdout.contains("朱坝街道 刘某 2022-07-20 to 2022-07-20 AM, 上海, 0.5 days"))
  }

  @Test func logRefusesADateWithoutItsYearSayingHowToWriteIt() throws {
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "7月20日", "--destination", "上海",
    ])
    #expect(result.status != 0)
    // The message is wrapped at the terminal's width: read it as one line
    let message = result.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(message.contains("--from: the date \"7月20日\" has no year; write it in full, such as 2022年7月20日"))
  }

  @Test func leaveOverATripIsRecordedWithANoteNamingTheTrip() throws {
    // Given a trip of 王某 from 20 to 22 July
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    try ledger.succeed([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--to", "2022-07-22", "--destination", "上海",
    ])
    let trip = try #require(try ledger.trips(["--unit", "朱坝街道", "--name", "王某"]).first { $0.start == "2022-07-20" })

    // When leave is recorded on the 21st
    let result = try ledger.succeed([
      "leave", "add", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-21", "--reason", "党校学习",
    ])

    // Then a note names the trip it overlaps
    #expect(
      result.stderr.contains("note: ") && result.stderr.contains("overlaps 王某's recorded trip #\(trip.id)"),
      "\(result.stderr)")
  }

  @Test func aDeclaredHalfDayOnAWholeDayIsRefusedNotDoubled() throws {
    // Given a file declaring 0.5 days for a trip written with one date and no half mark
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    try ledger.write("trips.csv", "unit,name,start,end,destination,days\n共和镇,何某,2022-07-27,,上海,0.5\n")

    // When it is imported
    let result = try ledger.run(["import", "trips", "trips.csv"])

    // Then it is refused, saying what the dates give and how to write a half day
    #expect(result.status == 65)
    #expect(result.stderr.contains("it says 0.5 days, but the dates 2022-07-27 to 2022-07-27 give 1"))
    #expect(result.stderr.contains("write a half day on the dates"))
  }
}
