import Foundation
import Testing
import ZIPFoundation
import ZhaoshangKit

/// Workbooks and the bulletin's Word document as the commands write them, and workbooks as `import` reads
/// them: the files are read back with the library's own reader here; scripts/office-files-test.sh has
/// openpyxl and LibreOffice read them too.
@Suite("zhaoshang with .xlsx and .docx files")
struct OfficeFilesCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("ZhaoshangKitTests/Fixtures/xlsx")

  func rows(_ file: URL) throws -> [[String]] {
    let reader = try WorkbookReader(url: file)
    var rows: [[String]] = []
    try reader.rows(of: reader.sheets[0]) { rows.append($0.texts()) }
    return rows
  }

  @Test("check --output X.xlsx writes the check as a workbook, titled, with the heads' days as numbers")
  func checkWorkbook() throws {
    // Given the example's July
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    // When the check is written to a .xlsx file
    try workspace.succeed(["check", "--month", "2022-07", "--output", "7月考核.xlsx", "--lang", "zh"])
    // Then it reads back: the title, the header, a row per head
    let rows = try rows(workspace.file("7月考核.xlsx"))
    #expect(rows[0].first?.hasPrefix("2022年7月外出招商天数考核") == true)
    #expect(rows[1].prefix(4) == ["单位", "档次", "姓名", "职务"])
    #expect(rows.contains { $0.contains("朱坝街道") })
  }

  @Test("A workbook needs a file: --format xlsx without --output is refused")
  func binaryNeedsOutput() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let result = try workspace.run(["check", "--month", "2022-07", "--format", "xlsx"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--output"))
  }

  @Test("bulletin --output X.docx writes the notice as a Word document with its number and table")
  func bulletinDocument() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    try workspace.succeed([
      "bulletin", "--month", "2022-07", "--output", "7月通报.docx", "--number", "洪招通〔2022〕7号", "--lang", "zh",
    ])
    let archive = try Archive(url: workspace.file("7月通报.docx"), accessMode: .read)
    let entry = try #require(archive["word/document.xml"])
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    let document = String(decoding: data, as: UTF8.self)
    #expect(document.contains("2022年7月外出招商情况通报"))
    #expect(document.contains("洪招通〔2022〕7号"))
    #expect(document.contains("合计"))
    // A4 portrait
    #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
  }

  @Test("trips exported as a workbook import back into another ledger as the same trips")
  func tripsRoundTrip() throws {
    let source = try Workspace.hongze()
    defer { source.remove() }
    try source.succeed(["trips", "--month", "2022-07", "--output", "trips.xlsx"])
    let target = try Workspace.initialised()
    defer { target.remove() }
    try target.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])
    try target.succeed(["import", "trips", source.file("trips.xlsx").path])
    func facts(_ workspace: Workspace) throws -> [String] {
      try workspace.trips(["--month", "2022-07"]).map {
        "\($0.unit) \($0.name) \($0.start) \($0.end) \($0.destination)"
      }
      .sorted()
    }
    #expect(try facts(target) == (try facts(source)))
  }

  @Test("template writes a form that, left blank, is refused as having no rows, and names its sheet")
  func blankForm() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    try workspace.succeed([
      "template", "trips", "--output", "外出登记表.xlsx", "--unit", "朱坝街道", "--month", "2022-07",
    ])
    let rows = try rows(workspace.file("外出登记表.xlsx"))
    #expect(rows[0].first == "2022年7月外出招商登记表")
    #expect(rows[3].prefix(3) == ["单位", "姓名", "开始日期"])
    let result = try workspace.run(["import", "trips", "外出登记表.xlsx"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("外出登记表.xlsx:7月外出!A"))
  }

  @Test("An old .xls is refused with what to do, nothing written")
  func oldWorkbook() throws {
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let before = try workspace.trips().count
    let result = try workspace.run(
      ["import", "trips", Self.fixtures.appendingPathComponent("old.xls").path, "--lang", "zh"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("另存为"))
    #expect(try workspace.trips().count == before)
  }
}
