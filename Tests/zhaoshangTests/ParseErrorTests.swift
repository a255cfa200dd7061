import ArgumentParser
import Testing
import ZhaoshangKit

@testable import zhaoshang

/// The argument parser's usage-error status (EX_USAGE).
let usageError: Int32 = 64

@Suite("Command lines refused before anything runs")
struct ParseErrorTests {
  /// The refusal of a command line: its message and the status the process would exit with.
  func refusal(_ arguments: [String]) throws -> (message: String, status: Int32) {
    let error = try #require(parseFailure(arguments), "\(arguments) should not parse")
    return (Zhaoshang.message(for: error), Zhaoshang.exitCode(for: error).rawValue)
  }

  @Test func anUnknownOptionIsNamed() throws {
    // Given a check with an option no command has
    // When it is parsed
    let refused = try refusal(["check", "--month", "2022-07", "--bogus"])

    // Then the option is named and the status is a usage error
    #expect(refused.message.contains("--bogus"))
    #expect(refused.status == usageError)
  }

  @Test func aMissingUnitIsNamed() throws {
    // Given a roster entry without its unit
    // When it is parsed
    let refused = try refusal(["roster", "add", "--name", "王某", "--role", "党工委书记"])

    // Then --unit is asked for
    #expect(refused.message.contains("--unit"))
    #expect(refused.status == usageError)
  }

  @Test func logWithoutAUnitIsRefused() throws {
    // Given a trip without its unit
    // When it is parsed
    let refused = try refusal(["log", "--name", "王某", "--from", "2022-07-04", "--destination", "上海"])

    // Then --unit is asked for
    #expect(refused.message.contains("--unit"))
    #expect(refused.status == usageError)
  }

  @Test(arguments: [["check"], ["trips"], ["roster", "list"]])
  func theNoticeFormatIsRefusedWhereItMeansNothing(command: [String]) throws {
    // Given a command other than owing asked for the notice format
    // When it is parsed
    let refused = try refusal(command + ["--format", "notice"])

    // Then the format is named with the ones that work here
    #expect(refused.message.hasPrefix("--format: "))
    #expect(refused.message.contains("notice"))
    #expect(refused.message.contains("table, "))
    #expect(refused.message.contains("json"))
    #expect(refused.status == usageError)
  }

  @Test func aFormatNoCommandKnowsListsTheFormats() throws {
    // Given a format that does not exist
    // When it is parsed
    let refused = try refusal(["owing", "--format", "xml"])

    // Then the value is named with the formats there are
    #expect(refused.message.contains("xml"))
    #expect(refused.message.contains("notice"))
    #expect(refused.status == usageError)
  }

  @Test(arguments: ["2022-13", "2022-00", "22-07", "July", "2022-07-01"])
  func anImpossibleMonthIsRefused(text: String) throws {
    // Given a month that is no month
    // When it is parsed
    let refused = try refusal(["check", "--month", text])

    // Then --month and the value are named
    #expect(refused.message.contains("--month"))
    #expect(refused.message.contains(text))
    #expect(refused.status == usageError)
  }

  @Test func logWithAnImpossibleDateNamesTheOptionAndSaysWhatToWrite() throws {
    // Given a trip starting on 30 February
    let arguments = [
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-02-30", "--destination", "上海", "--lang", "en",
    ]

    // When it is parsed (validate() runs as part of parsing)
    let refused = try refusal(arguments)

    // Then the message names --from and the date, says why, and asks for a real date
    #expect(refused.message.hasPrefix("--from: "))
    #expect(refused.message.contains("2022-02-30"))
    #expect(refused.message.contains("only 28 days"))
    #expect(refused.message.contains("write a real date"))
    #expect(refused.status == usageError)
  }

  @Test func logWithAnImpossibleDateExplainsInChinese() throws {
    // Given the same impossible date with --lang zh
    let arguments = [
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-02-30", "--destination", "上海", "--lang", "zh",
    ]

    // When it is parsed
    let refused = try refusal(arguments)

    // Then the explanation is in Chinese and still names the option
    #expect(refused.message.hasPrefix("--from: "))
    #expect(refused.message.contains("2022年2月只有28天"))
  }

  @Test func logWithAnUnreadableDateListsTheFormsItReads() throws {
    // Given a start date nobody could read
    let arguments = ["log", "--unit", "朱坝街道", "--name", "王某", "--from", "七月四日", "--destination", "上海", "--lang", "en"]

    // When it is parsed
    let refused = try refusal(arguments)

    // Then the accepted forms are listed
    #expect(refused.message.hasPrefix("--from: "))
    #expect(refused.message.contains("2022/7/4"))
    #expect(refused.status == usageError)
  }

  @Test(arguments: ["2022-07-04 上午", "2022-07-04 AM"])
  func logTakesAMorningStartAsAMorningOnlyTrip(from: String) throws {
    // Given a start marked morning and no end: the trip was that morning only
    let arguments = ["log", "--unit", "朱坝街道", "--name", "王某", "--from", from, "--destination", "上海", "--lang", "en"]

    // When it is parsed
    // Then it is accepted (the command reads it as half a day, see ClerkInputCommandTests)
    #expect(parseFailure(arguments) == nil)
  }

  @Test func logRefusesAnAfternoonEnd() throws {
    // Given an end marked afternoon: a trip can only come back at noon (AM)
    let arguments = [
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--to", "2022-07-06 下午", "--destination", "上海",
      "--lang", "en",
    ]

    // When it is parsed
    let refused = try refusal(arguments)

    // Then --to is named, AM is given as the only mark allowed, and what to do instead
    #expect(refused.message.hasPrefix("--to: "))
    #expect(refused.message.contains("an end may only be marked AM"))
    #expect(refused.message.contains("counts the whole day, so drop the PM"))
  }

  @Test func logWithABlankDestinationIsRefused() throws {
    // Given a trip whose destination is only spaces
    let arguments = [
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "  ", "--lang", "en",
    ]

    // When it is parsed
    let refused = try refusal(arguments)

    // Then --destination is named with an example
    #expect(refused.message.hasPrefix("--destination: "))
    #expect(refused.status == usageError)
  }

  @Test func rosterDatesTakeNoHalfDayMark() throws {
    // Given a post starting "in the afternoon"
    let arguments = [
      "roster", "add", "--unit", "共和镇", "--name", "马某", "--role", "镇长", "--from", "2022-07-16 下午", "--lang", "en",
    ]

    // When it is parsed
    let refused = try refusal(arguments)

    // Then --from is named: posts begin on whole days
    #expect(refused.message.hasPrefix("--from: "))
    #expect(refused.message.contains("without AM/PM"))
  }

  @Test func rosterEndWithAnImpossibleDateNamesOn() throws {
    // Given a post ending on 31 June
    // When it is parsed
    let refused = try refusal(["roster", "end", "--unit", "共和镇", "--name", "郭某", "--on", "2022-06-31", "--lang", "en"])

    // Then --on is named
    #expect(refused.message.hasPrefix("--on: "))
    #expect(refused.message.contains("only 30 days"))
  }

  @Test func voidWithoutAReasonIsRefused() throws {
    // Given a void with no reason
    // When it is parsed
    let refused = try refusal(["void", "42"])

    // Then --reason is asked for
    #expect(refused.message.contains("--reason"))
    #expect(refused.status == usageError)
  }

  @Test func voidOfSomethingThatIsNotAnIdIsRefused() throws {
    // Given a void of a word instead of an id
    // When it is parsed
    let refused = try refusal(["void", "王某", "--reason", "重复登记"])

    // Then the value is named
    #expect(refused.message.contains("王某"))
    #expect(refused.status == usageError)
  }
}
