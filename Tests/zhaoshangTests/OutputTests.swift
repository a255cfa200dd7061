import Foundation
import Testing

@Suite("Writing reports to files")
struct ReportFileTests {
  static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

  @Test func aCSVReportStartsWithTheByteOrderMarkExcelNeeds() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July's check is written to a .csv file
    let result = try ledger.run(["check", "--month", "2022-07", "--output", "7月.csv"])

    // Then nothing goes to stdout, and the file is BOM + CRLF CSV with a row per head
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    let data = try ledger.data("7月.csv")
    #expect(data.prefix(3) == Self.byteOrderMark)
    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix("month,unit,tier,name,role,days_in_post,required_days,counted_days,shortfall_days,"))
    #expect(text.contains("\r\n2022-07,朱坝街道,town,王某,党工委书记,31,10,1,9,false,short,2022-08-05\r\n"))
    #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 38)
  }

  @Test func noBOMLeavesTheMarkOut() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the trips are written to a .csv file with --no-bom
    let result = try ledger.run(["trips", "--output", "trips.csv", "--no-bom"])

    // Then the file starts with the header itself
    #expect(result.status == 0)
    let data = try ledger.data("trips.csv")
    #expect(data.prefix(3) != Self.byteOrderMark)
    #expect(String(decoding: data, as: UTF8.self).hasPrefix("unit,name,start,end,destination,"))
  }

  @Test func aStreamedTripsCSVFileIsWrittenWholeUnderItsNameOnly() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the trips are listed as CSV on standard output, and into a .csv file (written as they are read)
    let shown = try ledger.succeed(["trips", "--format", "csv"]).stdout
    let result = try ledger.run(["trips", "--output", "外出.csv"])

    // Then the file is the mark and exactly what standard output showed, and no partial file is left beside it
    #expect(result.status == 0)
    #expect(try ledger.data("外出.csv") == Self.byteOrderMark + Data(shown.utf8))
    #expect(shown.hasPrefix("unit,name,start,end,destination,purpose,companies,kind,days,id,void_reason\r\n"))
    #expect(shown.components(separatedBy: "\r\n").count > 10)
    #expect(try ledger.entries().filter { $0.hasSuffix(".part") }.isEmpty)

    // And into a folder that does not exist, nothing is written and the clerk is told why
    let failed = try ledger.run(["trips", "--output", "没有的目录/外出.csv", "--lang", "en"])
    #expect(failed.status != 0)
    #expect(failed.stderr.contains("cannot write 没有的目录/外出.csv"), "\(failed.stderr)")
    #expect(!ledger.exists("没有的目录"))
  }

  @Test func aMarkdownFileGetsAMarkdownTable() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When July's check is written to a .md file
    let result = try ledger.run(["check", "--month", "2022-07", "--output", "7月.md"])

    // Then it is a Markdown heading and a pipe table, with no byte-order mark
    #expect(result.status == 0)
    let data = try ledger.data("7月.md")
    #expect(data.prefix(3) != Self.byteOrderMark)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("## Days out on investment promotion, 2022-07"))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("|") }
    #expect(rows.count >= 2 + 38)
    #expect(rows.dropFirst().first?.contains("---") == true)
    #expect(rows.contains { $0.contains("朱坝街道") && $0.contains("王某") && $0.contains("short") })
  }

  @Test func aJSONFileIsChosenByItsExtension() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the owing list is written to a .json file
    let result = try ledger.run(["owing", "--month", "2022-07", "--output", "owing.json"])

    // Then the file is JSON
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: try ledger.data("owing.json")) as? [String: Any]
    #expect(object?["month"] as? String == "2022-07")
  }

  @Test func anExplicitFormatWinsOverTheExtension() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the notice is written to a .md file with --format notice
    let result = try ledger.run(["owing", "--month", "2022-07", "--format", "notice", "--output", "通报.md"])

    // Then the file holds the notice paragraph
    #expect(result.status == 0)
    let text = String(decoding: try ledger.data("通报.md"), as: UTF8.self)
    #expect(text.hasPrefix("Units short of the required days out"))
  }

  @Test func aReportThatCannotBeWrittenIsAStorageFailure() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a report is written into a folder that does not exist
    let result = try ledger.run(["check", "--month", "2022-07", "--output", "没有的目录/7月.csv"])

    // Then it exits 74 naming the file
    #expect(result.status == 74)
    #expect(result.stderr.contains("cannot write 没有的目录/7月.csv"))
  }
}

@Suite("Help, completion and version")
struct HelpTests {
  @Test(arguments: [
    ["init"], ["demo"], ["rules", "check"], ["roster", "add"], ["roster", "list"], ["roster", "end"],
    ["import", "roster"], ["import", "trips"], ["log"], ["trips"], ["void"], ["check"], ["owing"],
  ])
  func everyCommandsHelpHasAnExample(command: [String]) throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When a command's help is asked for
    let result = try folder.run(command + ["--help"])

    // Then it exits 0 with an example of the command itself, and touches nothing
    #expect(result.status == 0)
    #expect(result.stdout.contains("Example"))
    #expect(result.stdout.contains("zhaoshang \(command.joined(separator: " "))"))
    #expect(try folder.entries().isEmpty)
  }

  @Test(arguments: [[String](), ["rules"], ["roster"], ["import"]])
  func theGroupsHelpListsTheirSubcommands(command: [String]) throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When a group's help is asked for
    let result = try folder.run(command + ["--help"])

    // Then it exits 0 and lists subcommands
    #expect(result.status == 0)
    #expect(result.stdout.contains("SUBCOMMANDS"))
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func aCompletionScriptIsGenerated(shell: String) throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When a completion script is asked for
    let result = try folder.run(["--generate-completion-script", shell])

    // Then it exits 0 with a script that completes the subcommands
    #expect(result.status == 0)
    #expect(result.stdout.contains("zhaoshang"))
    #expect(result.stdout.contains("owing"))
  }

  @Test func theVersionIsPrinted() throws {
    // Given an empty folder
    let folder = try Workspace()
    defer { folder.remove() }

    // When --version is asked for
    let result = try folder.run(["--version"])

    // Then it is the tool's version
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  }
}

@Suite("What --output refuses")
struct OutputFileRefusalTests {
  @Test func anExistingFileIsLeftAloneWithoutForce() throws {
    // Given a unit's submitted CSV where a report is about to be written
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }
    _ = try ledger.write("7月.csv", "unit,name\n朱坝街道,王某\n")

    // When July's check is written over it without --force
    let refused = try ledger.run(["check", "--month", "2022-07", "--output", "7月.csv", "--lang", "zh"])

    // Then it is refused with a sentence saying how to replace it, and the file is unchanged
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("文件 7月.csv 已存在，未作改动；如确要覆盖请加 --force"))
    #expect(String(decoding: try ledger.data("7月.csv"), as: UTF8.self) == "unit,name\n朱坝街道,王某\n")

    // And with --force the report replaces it
    let forced = try ledger.run(["check", "--month", "2022-07", "--output", "7月.csv", "--force"])
    #expect(forced.status == 0)
    #expect(String(decoding: try ledger.data("7月.csv"), as: UTF8.self).contains("朱坝街道,town,王某"))
  }

  @Test(arguments: ["7月.pdf", "7月.xls", "7月.doc"])
  func anExtensionZhaoshangCannotWriteIsRefused(file: String) throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a report is asked for as a PDF or an old Office file
    let result = try ledger.run(["check", "--month", "2022-07", "--output", file, "--lang", "zh"])

    // Then nothing is written and the message names what can be written instead
    #expect(result.status == 64)
    #expect(result.stderr.contains("zhaoshang 不能写出 ."))
    #expect(result.stderr.contains("请改用 .xlsx、.docx、.csv"))
    #expect(!ledger.exists(file))
  }

  @Test func aFormatThatDisagreesWithTheExtensionIsRefused() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When CSV is asked for under a workbook's name
    let result = try ledger.run(["trips", "--format", "csv", "--output", "trips.xlsx"])

    // Then it is refused instead of writing CSV text into a .xlsx file
    #expect(result.status == 64)
    #expect(result.stderr.contains("--format csv does not match the extension .xlsx"))
    #expect(!ledger.exists("trips.xlsx"))
  }
}
