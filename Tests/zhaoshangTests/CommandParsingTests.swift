import ArgumentParser
import Testing
import ZhaoshangKit

@testable import zhaoshang

/// Parses a command line that must parse, as the subcommand it should become.
func parse<Command: ParsableCommand>(_ arguments: [String], as _: Command.Type) throws -> Command {
  let parsed = try Zhaoshang.parseAsRoot(arguments)
  return try #require(parsed as? Command, "\(arguments) parsed as \(type(of: parsed)), not \(Command.self)")
}

/// The error a command line that must not parse is refused with.
func parseFailure(_ arguments: [String]) -> (any Error)? {
  do {
    _ = try Zhaoshang.parseAsRoot(arguments)
    return nil
  } catch {
    return error
  }
}

@Suite("Parsing each command's options")
struct CommandParsingTests {
  @Test func checkReadsTheMonthFormatAndExitCodeFlag() throws {
    // Given a check for July 2022 asked for as JSON, exiting 1 when short
    let arguments = ["check", "--month", "2022-07", "--format", "json", "--exit-code", "--db", "2022.sqlite"]

    // When it is parsed
    let check = try parse(arguments, as: Zhaoshang.Check.self)

    // Then every option lands in its field
    #expect(check.month == Month(year: 2022, month: 7))
    #expect(check.output.format == .json)
    #expect(check.exitCode)
    #expect(try check.ledger.databasePath == "2022.sqlite")
  }

  @Test func checkWithoutOptionsLeavesTheMonthToTheDefaultAndDoesNotAskForAnExitCode() throws {
    // Given a bare check
    // When it is parsed
    let check = try parse(["check"], as: Zhaoshang.Check.self)

    // Then the month is left for run() to default, and short units do not change the exit status
    #expect(check.month == nil)
    #expect(check.exitCode == false)
    #expect(check.output.format == nil)
    #expect(check.output.output == nil)
    #expect(check.ledger.db == nil)
  }

  @Test(arguments: ["2022-07", "2022-7", "2022/7", "2022.7", "202207", "2022年7月"])
  func monthIsReadInTheFormsClerksWrite(text: String) throws {
    // Given a month written one of the ways offices write it
    // When it is given to --month
    let owing = try parse(["owing", "--month", text], as: Zhaoshang.Owing.self)

    // Then it is July 2022
    #expect(owing.month == Month(year: 2022, month: 7))
  }

  @Test func logReadsAJointTripWithHalfDaysAndDefaultsTheKindToVisit() throws {
    // Given two heads of a unit logging one trip that leaves at noon and returns at noon
    let arguments = [
      "log", "--unit", "朱坝街道", "--name", "王某", "--name", "刘某", "--from", "2022/7/4 下午", "--to", "2022/7/6 上午",
      "--destination", "上海", "--purpose", "拜访企业", "--companies", "甲公司;乙公司", "--by", "办公室张三",
    ]

    // When it is parsed
    let log = try parse(arguments, as: Zhaoshang.Log.self)

    // Then both names, both half-day dates and the default kind are kept
    #expect(log.unit == "朱坝街道")
    #expect(log.name == ["王某", "刘某"])
    #expect(log.from == "2022/7/4 下午")
    #expect(log.to == "2022/7/6 上午")
    #expect(log.destination == "上海")
    #expect(log.companies == "甲公司;乙公司")
    #expect(log.kind == "visit")
    #expect(log.ledger.by == "办公室张三")
  }

  @Test func importTripsReadsTheFileTheEncodingAndDryRun() throws {
    // Given an import of an Excel file saved in GB18030, as a dry run
    // When it is parsed
    let command = try parse(
      ["import", "trips", "7月外出登记.csv", "--encoding", "gb18030", "--dry-run"], as: Zhaoshang.ImportTrips.self)

    // Then the file, the encoding and the dry run are kept
    #expect(command.options.file == "7月外出登记.csv")
    #expect(command.options.encoding == .gb18030)
    #expect(command.options.dryRun)
  }

  @Test func importRosterLeavesTheEncodingToDetection() throws {
    // Given an import with no --encoding
    // When it is parsed
    let command = try parse(["import", "roster", "花名册.csv"], as: Zhaoshang.ImportRoster.self)

    // Then the encoding is left to be detected and the import is for real
    #expect(command.options.file == "花名册.csv")
    #expect(command.options.encoding == nil)
    #expect(command.options.dryRun == false)
  }

  @Test func voidReadsTheTripIdAndTheReason() throws {
    // Given a trip withdrawn with a reason
    // When it is parsed
    let void = try parse(["void", "42", "--reason", "重复登记"], as: Zhaoshang.Void.self)

    // Then the id is a number and the reason is kept
    #expect(void.id == 42)
    #expect(void.reason == "重复登记")
  }

  @Test func rosterCommandsReadTheirOptions() throws {
    // Given an add, a list and an end of the roster
    // When they are parsed
    let add = try parse(
      ["roster", "add", "--unit", "共和镇", "--name", "马某", "--role", "镇长", "--from", "2022-07-16"],
      as: Zhaoshang.AddPost.self)
    let list = try parse(
      ["roster", "list", "--unit", "共和镇", "--on", "2022-07-31", "--output", "花名册.csv"], as: Zhaoshang.ListPosts.self)
    let end = try parse(
      ["roster", "end", "--unit", "共和镇", "--name", "郭某", "--on", "2022-07-15"], as: Zhaoshang.EndPost.self)

    // Then each option is where its command reads it
    #expect(add.unit == "共和镇")
    #expect(add.name == "马某")
    #expect(add.role == "镇长")
    #expect(add.from == "2022-07-16")
    #expect(add.to == nil)
    #expect(list.unit == "共和镇")
    #expect(list.on == "2022-07-31")
    #expect(list.output.output == "花名册.csv")
    #expect(end.on == "2022-07-15")
  }

  @Test func tripsReadsItsFilters() throws {
    // Given a trip listing for one head in one month
    // When it is parsed
    let trips = try parse(
      ["trips", "--month", "2022-07", "--unit", "朱坝街道", "--name", "王某", "--format", "markdown"],
      as: Zhaoshang.Trips.self)

    // Then the filters are kept
    #expect(trips.filter.month == Month(year: 2022, month: 7))
    #expect(trips.filter.unit == "朱坝街道")
    #expect(trips.filter.name == "王某")
    #expect(trips.output.format == .markdown)
  }

  @Test func rulesCheckAndInitReadTheirPaths() throws {
    // Given a rules check of one file and an init with chosen paths
    // When they are parsed
    let rules = try parse(["rules", "check", "rules/2023.toml"], as: Zhaoshang.CheckRules.self)
    let initialise = try parse(["init", "--db", "2022.sqlite", "--rules", "规则"], as: Zhaoshang.Init.self)

    // Then the paths are the ones given, whatever the environment says
    #expect(rules.path == "rules/2023.toml")
    #expect(try initialise.ledger.databasePath == "2022.sqlite")
    #expect(initialise.ledger.rulesPath == "规则")
  }

  @Test func demoAndEveryLedgerCommandReadTheLanguage() throws {
    // Given --lang zh on the demo and on a ledger command
    // When they are parsed
    let demo = try parse(["demo", "--lang", "zh"], as: Zhaoshang.Demo.self)
    let owing = try parse(["owing", "--lang", "zh", "--verbose"], as: Zhaoshang.Owing.self)

    // Then Chinese is chosen whatever LANG says
    #expect(demo.lang == .zh)
    #expect(owing.ledger.language == .zh)
    #expect(owing.ledger.verbose)
  }

  @Test func owingAcceptsTheNoticeFormat() throws {
    // Given the owing list asked for as the bulletin's notice
    // When it is parsed
    let owing = try parse(["owing", "--month", "2022-07", "--format", "notice"], as: Zhaoshang.Owing.self)

    // Then the notice format is accepted
    #expect(owing.output.format == .notice)
  }
}
