import Foundation
import Testing

@Suite("Logging and voiding trips by hand")
struct TripLogTests {
  let tripsFile = CLI.hongze.appendingPathComponent("trips.csv").path

  @Test func aVoidedTripStaysListedButNoLongerCounts() throws {
    // Given the example ledger and a 3-day trip logged for 朱坝街道 王某 (1 day out so far)
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let logged = try ledger.succeed([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--to", "2022-07-22", "--destination", "上海",
      "--purpose", "拜访企业",
    ])
    let trip = try #require(
      try ledger.trips(["--unit", "朱坝街道", "--name", "王某"]).first { $0.start == "2022-07-20" })
    #expect(logged.stdout.contains("recorded #\(trip.id): 朱坝街道 王某 2022-07-20 to 2022-07-22, 上海, 3 days"))
    #expect(try ledger.check().person("朱坝街道", "王某").counted_days == 4)

    // When it is voided
    let voided = try ledger.run(["void", String(trip.id), "--reason", "重复登记"])

    // Then it is still listed, marked void with the reason, and July counts 1 day again
    #expect(voided.status == 0)
    #expect(voided.stdout.contains("voided #\(trip.id): 朱坝街道 王某 2022-07-20 to 2022-07-22, 上海 (reason: 重复登记)"))
    let listed = try #require(try ledger.trips().first { $0.id == trip.id })
    #expect(listed.void_reason == "重复登记")
    let table = try ledger.succeed(["trips", "--unit", "朱坝街道", "--name", "王某"])
    #expect(table.stdout.contains("void: 重复登记"))
    #expect(table.stdout.contains("2 trips, 1 of them void."))
    #expect(try ledger.trips().count == 93)
    let wang = try ledger.check().person("朱坝街道", "王某")
    #expect(wang.counted_days == 1)
    #expect(wang.shortfall_days == 9)
  }

  @Test func theClerkNamedWithByIsRecordedWithTheTrip() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a trip is logged --by the office clerk
    try ledger.succeed([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--destination", "上海", "--by", "办公室张三",
    ])

    // Then the trip carries the clerk's name
    let trip = try #require(try ledger.trips(["--unit", "朱坝街道", "--name", "王某"]).first { $0.start == "2022-07-20" })
    #expect(trip.recorded_by == "办公室张三")
  }

  @Test func theTripListShowsTheTripsTouchingTheMonth() throws {
    // Given the example ledger, with one trip from June into July and one from July into August
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When June and August are listed
    let june = try ledger.trips(["--month", "2022-06"])
    let august = try ledger.trips(["--month", "2022-08"])

    // Then each month lists exactly the trips with a day in it
    #expect(june.map(\.name) == ["黄某"])
    #expect(august.map(\.name) == ["李某"])
  }

  @Test func voidingATripTwiceIsRefused() throws {
    // Given the example ledger with one trip voided
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let trip = try #require(try ledger.trips(["--unit", "工信局"]).first { $0.start == "2022-07-25" })
    try ledger.succeed(["void", String(trip.id), "--reason", "经核查当日未外出"])

    // When it is voided again
    let again = try ledger.run(["void", String(trip.id), "--reason", "再次作废"])

    // Then it is refused with the first reason, which is kept
    #expect(again.status == 65)
    #expect(again.stderr.contains("was already voided"))
    #expect(again.stderr.contains("经核查当日未外出"))
    #expect(try ledger.trips().first { $0.id == trip.id }?.void_reason == "经核查当日未外出")
  }

  @Test func voidingAnUnknownTripIsRefused() throws {
    // Given the example ledger of 92 trips
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When trip 9999 is voided
    let result = try ledger.run(["void", "9999", "--reason", "重复登记"])

    // Then it is refused pointing to the trip list, and nothing changes
    #expect(result.status == 65)
    #expect(result.stderr.contains("there is no trip 9999"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func voidingWithABlankReasonIsRefused() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let trip = try #require(try ledger.trips().first)

    // When a trip is voided with a reason of spaces
    let result = try ledger.run(["void", String(trip.id), "--reason", "   "])

    // Then --reason is named and the trip stays live
    #expect(result.status == 65)
    #expect(result.stderr.contains("--reason"))
    #expect(try ledger.trips().first { $0.id == trip.id }?.void_reason == nil)
  }

  @Test func voidedTripsStayVoidWhenTheirFileIsImportedAgain() throws {
    // Given the example ledger with 工信局 宋某's 25 July trip voided (13 days → 12)
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let trip = try #require(try ledger.trips(["--unit", "工信局"]).first { $0.start == "2022-07-25" })
    try ledger.succeed(["void", String(trip.id), "--reason", "经核查当日未外出"])

    // When the same trips file is imported again
    let again = try ledger.run(["import", "trips", tripsFile])

    // Then it adds nothing, as "importing a file twice adds nothing" promises, and the void holds
    #expect(again.status == 0)
    #expect(again.stdout.contains("imported 0 trips; 92 already present skipped."))
    #expect(try ledger.trips().count == 92)
    #expect(try ledger.check().person("工信局", "宋某").counted_days == 12)
  }

  @Test func aJointTripIsRecordedForEachHead() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When both heads of 朱坝街道 log one trip leaving at noon on the 20th and back at noon on the 22nd
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--name", "刘某", "--from", "2022-07-20 PM", "--to", "2022/7/22 上午",
      "--destination", "上海", "--companies", "甲公司;乙公司",
    ])

    // Then one trip each is recorded, of two days; 王某 counts 1 + 2 days, 刘某 2 (his 21 July trip is inside it)
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("recorded #") }.count == 2)
    let logged = try ledger.trips(["--unit", "朱坝街道"]).filter { $0.start == "2022-07-20" }
    #expect(logged.map(\.name).sorted() == ["刘某", "王某"])
    #expect(logged.allSatisfy { $0.starts_afternoon && $0.ends_morning && $0.days == 2 })
    let report = try ledger.check()
    #expect(try report.person("朱坝街道", "王某").counted_days == 3)
    #expect(try report.person("朱坝街道", "刘某").counted_days == 2)
  }

  @Test func aJointTripWithOneUnknownNameRecordsNoOne() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When a joint trip names someone 朱坝街道 does not have
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--name", "钱某", "--from", "2022-07-20", "--destination", "上海",
    ])

    // Then it is refused and not even 王某's trip is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("\"钱某\" is not on the roster of 朱坝街道"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func loggingTheSameTripTwiceAddsNothing() throws {
    // Given the example ledger and a trip logged once
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let arguments = ["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--destination", "上海"]
    try ledger.succeed(arguments)

    // When it is logged again
    let again = try ledger.run(arguments)

    // Then nothing is added
    #expect(again.status == 0)
    #expect(again.stdout.contains("this trip is already recorded; nothing added."))
    #expect(try ledger.trips().count == 93)
  }

  @Test func aTripStartingAfterTodayIsRefused() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When a trip starting in 2099 is logged
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2099-01-01", "--destination", "上海",
    ])

    // Then it is refused and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("the trip starts on 2099-01-01, after today"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aTripEndingBeforeItStartsIsRefused() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When a trip ending before it starts is logged
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-10", "--to", "2022-07-08", "--destination", "上海",
    ])

    // Then it is refused and nothing is written
    #expect(result.status == 65)
    #expect(result.stderr.contains("the trip ends (2022-07-08) before it starts (2022-07-10)"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func aTripLeavingAtNoonAndBackAtNoonTheSameDayIsRefused() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When a trip from the afternoon to the morning of the same day is logged
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-10 PM", "--to", "2022-07-10 AM", "--destination",
      "上海",
    ])

    // Then it is refused as covering nothing
    #expect(result.status == 65)
    #expect(result.stderr.contains("covers nothing"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func endingAPostProratesTheQuotaAndRefusesLaterTrips() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When 朱坝街道 王某's post ends on 20 July
    let ended = try ledger.run(["roster", "end", "--unit", "朱坝街道", "--name", "王某", "--on", "2022-07-20"])

    // Then he owes ceil(2 × 10 × 20 / 31) / 2 = 6.5 days for his 20 days, and a trip after that is refused
    #expect(ended.status == 0)
    #expect(ended.stdout.contains("post ended: 朱坝街道 王某 (党工委书记, 2021-09-01 to 2022-07-20)"))
    let wang = try ledger.check().person("朱坝街道", "王某")
    #expect(wang.days_in_post == 20)
    #expect(wang.required_days == 6.5)
    let late = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-25", "--destination", "上海",
    ])
    #expect(late.status == 65)
    #expect(late.stderr.contains("was not in post on any day from 2022-07-25"))
  }

  @Test func endingAPostNobodyHoldsIsRefused() throws {
    // Given the example ledger, where 郭某's post already ended
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When it is ended again
    let result = try ledger.run(["roster", "end", "--unit", "共和镇", "--name", "郭某", "--on", "2022-07-20"])

    // Then it is refused, pointing to the roster list
    #expect(result.status == 65)
    #expect(result.stderr.contains("zhaoshang roster list --unit 共和镇"))
  }

  @Test func anUnknownKindIsRefusedListingTheKnownKinds() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    let before = try LedgerContents(ledger)

    // When a trip of kind "plane" is logged, in English and in Chinese
    let base = ["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--destination", "上海"]
    let english = try ledger.run(base + ["--kind", "plane"])
    let chinese = try ledger.run(base + ["--kind", "坐飞机", "--lang", "zh"])

    // Then both are refused naming the kind and listing the known ones, and nothing is written
    #expect(english.status == 65)
    #expect(english.stderr.contains("\"plane\""))
    #expect(english.stderr.contains("visit (visit)"))
    #expect(english.stderr.contains("video (video negotiation)"))
    #expect(english.stderr.contains("online (online signing)"))
    #expect(chinese.status == 65)
    #expect(chinese.stderr.contains("坐飞机"))
    #expect(chinese.stderr.contains("video（视频洽谈）"))
    #expect(try LedgerContents(ledger) == before)
  }

  @Test func videoTalksAreRecordedButNotCounted() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When 朱坝街道 王某 logs three days of video talks under the Chinese kind name
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-20", "--to", "2022-07-22", "--destination", "上海",
      "--kind", "视频洽谈",
    ])

    // Then the trip is stored as kind video and his count stays at 1 day
    #expect(result.status == 0)
    let trip = try #require(try ledger.trips(["--unit", "朱坝街道", "--name", "王某"]).first { $0.start == "2022-07-20" })
    #expect(trip.kind == "video")
    #expect(try ledger.check().person("朱坝街道", "王某").counted_days == 1)
  }
}
