import Foundation
import Testing
import ZIPFoundation

@testable import ZhaoshangKit

@Suite struct WorkbookReaderTests {
  func rows(_ reader: WorkbookReader, sheet: Int = 0) throws -> [SheetRow] {
    var rows: [SheetRow] = []
    try reader.rows(of: reader.sheets[sheet]) { rows.append($0) }
    return rows
  }

  @Test("Cells are read as Excel and the .NET SDK store them")
  func cellKinds() throws {
    // Given a workbook whose elements are all prefixed (x:), with shared, inline and rich strings,
    // phonetic guides, a boolean, an error, a text formula, an escaped line break and a row without `r`
    let reader = try WorkbookReader(url: URL(fileURLWithPath: Fixture.path("xlsx/cells.xlsx")))
    let rows = try rows(reader)
    // Then each cell holds what Excel shows
    #expect(reader.sheets.map(\.name) == ["数据"])
    #expect(rows.count == 2)
    #expect(
      rows[0].texts() == ["朱坝街道", "第2次洽谈", "内联", "TRUE", "#N/A", "朱坝街道!", "2.5", "一行\r两行"])
    #expect(rows[1].number == 2)
    #expect(rows[1].texts() == ["甲1", "3"])
  }

  @Test("Serials become dates in both systems, 1900-02-29 excepted")
  func serials() throws {
    #expect(ExcelDate.date(serial: 1, date1904: false) == (try d("1900-01-01")))
    #expect(ExcelDate.date(serial: 59, date1904: false) == (try d("1900-02-28")))
    #expect(ExcelDate.date(serial: 60, date1904: false) == nil)
    #expect(ExcelDate.date(serial: 61, date1904: false) == (try d("1900-03-01")))
    #expect(ExcelDate.date(serial: 44746.75, date1904: false) == (try d("2022-07-04")))
    #expect(ExcelDate.date(serial: 0, date1904: true) == (try d("1904-01-01")))
    #expect(ExcelDate.date(serial: 43284, date1904: true) == (try d("2022-07-04")))
    #expect(ExcelDate.serial(try d("2022-07-04")) == 44746)
  }

  @Test(
    "Date formats are told by id or by code, quoted text and escapes aside",
    arguments: [
      (14, nil, true), (31, nil, true), (57, nil, true), (20, nil, false), (2, nil, false),
      (164, "yyyy\\年m\\月d\\日", true), (165, "[$-804]yyyy\"年\"m\"月\"d\"日\"", true), (166, "0.00", false),
      (167, "\"day\"0", false), (168, "[Red]0.0", false), (169, "m/d/yyyy h:mm", true),
    ] as [(Int, String?, Bool)])
  func dateFormats(id: Int, code: String?, isDate: Bool) {
    #expect(ExcelDate.isDate(formatID: id, code: code) == isDate)
  }

  @Test("Cell references read and write as Excel names them")
  func references() {
    #expect(CellReference("C5") == CellReference(column: 2, row: 5))
    #expect(CellReference("$AA$10") == CellReference(column: 26, row: 10))
    #expect(CellReference("5C") == nil)
    #expect(CellReference(column: 701, row: 1).name == "ZZ1")
  }

  @Test("A workbook held in memory (an upload) reads like a file")
  func fromData() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("xlsx/trips-office.xlsx")))
    let reader = try WorkbookReader(data: data, path: "upload.xlsx")
    #expect(reader.sheets.map(\.name) == ["填表说明", "7月"])
    let rows = try rows(reader, sheet: 1)
    // The title merged across A1:J1 fills its row; the unit merged down A4:A6 fills rows 5 and 6
    #expect(rows[0].texts().allSatisfy { $0 == "洪泽区2022年7月外出招商登记表" })
    #expect(rows.map { $0.texts(width: 1)[0] }[3...5] == ["朱坝街道", "朱坝街道", "朱坝街道"])
  }

  @Test("A sheet of 200 MB compressed to 200 KB is refused before it is unpacked")
  func zipBomb() throws {
    let reader = try WorkbookReader(url: URL(fileURLWithPath: Fixture.path("xlsx/bomb.xlsx")))
    let error = try #require(throws: ZhaoshangError.self) { try reader.rows(of: reader.sheets[0]) { _ in } }
    #expect(error.problems.first?.message.en.contains("too large") == true)
  }
}

@Suite struct WorkbookWriterTests {
  func write(_ tables: [ReportTable]) throws -> (WorkbookReader, Data) {
    let data = try XLSXWriter.data(tables)
    return (try WorkbookReader(data: data, path: "out.xlsx"), data)
  }

  func part(_ data: Data, _ path: String) throws -> String {
    try officePart(data, path)
  }

  @Test("A report's table is written with its title, header, numbers and dates, and reads back")
  func roundTrip() throws {
    // Given a table with days (halves too) and dates
    let table = ReportTable(
      sheetName: "2022-07", title: "2022年7月外出招商天数考核", header: ["单位", "姓名", "已外出天数", "说明截止"],
      textRows: [["朱坝街道", "王某", "5.5", "2022-08-05"], ["黄集街道", "赵某", "10", ""]],
      kinds: [2: .number, 3: .date], notes: ["考核单位 2 个。"])
    // When it is written and read back
    let (reader, data) = try write([table])
    var rows: [SheetRow] = []
    try reader.rows(of: reader.sheets[0]) { rows.append($0) }
    // Then the title spans the table, the header is frozen below it, and cells keep their types
    #expect(rows[0].texts().first == "2022年7月外出招商天数考核")
    #expect(rows[1].texts() == ["单位", "姓名", "已外出天数", "说明截止"])
    #expect(rows[2].cells.map(\.value) == [.text("朱坝街道"), .text("王某"), .number(5.5), .date(try d("2022-08-05"))])
    #expect(rows[3].texts(width: 4) == ["黄集街道", "赵某", "10", ""])
    let sheet = try part(data, "xl/worksheets/sheet1.xml")
    #expect(sheet.contains("ySplit=\"2\""))
    #expect(sheet.contains("paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\""))
    // And columns are as wide as their widest cell, a Chinese character counting two
    #expect(XLSXWriter.columnWidths(table) == [10, 8, 14, 12])
  }

  @Test("A list too long to write inline goes to a hidden sheet")
  func longLists() throws {
    let names = (1...80).map { "单位\($0)" }
    let table = ReportTable(
      sheetName: "表", title: "t", header: ["单位", "类型"], rows: [],
      choices: [.init(column: 0, values: names), .init(column: 1, values: ["外出招商", "视频洽谈"])], blankRows: 10)
    let (reader, data) = try write([table])
    #expect(reader.sheets.map(\.name) == ["表", XLSXWriter.listSheetName])
    let workbook = try part(data, "xl/workbook.xml")
    #expect(workbook.contains("state=\"hidden\""))
    let sheet = try part(data, "xl/worksheets/sheet1.xml")
    #expect(sheet.contains("<formula1>'选项'!$A$1:$A$80</formula1>"))
    #expect(sheet.contains("<formula1>&quot;外出招商,视频洽谈&quot;</formula1>"))
  }

  @Test("The blank form imports cleanly once filled in, its example row skipped")
  func formRoundTrip() throws {
    // Given the trips form for July with its example row
    let month = try m("2022-07")
    let table = ImportForm.table(
      .trips, units: ["朱坝街道", "黄集街道"], heads: ["王某"], kinds: ["外出招商"], unit: "朱坝街道", month: month)
    var filled = table
    // When a clerk fills in one row below the example
    filled.rows.append([.text("朱坝街道"), .text("王某"), .text("2022/7/20"), .empty, .text("无锡")])
    try withTemporaryFolder { folder in
      let file = folder.appendingPathComponent("外出登记表.xlsx")
      try XLSXWriter.data([filled]).write(to: file)
      let batch = try TripImporter.read(path: file.path)
      // Then only the clerk's row is read, from the row below the example
      #expect(batch.problems.isEmpty)
      #expect(batch.entries.map(\.value.destination) == ["无锡"])
      #expect(batch.entries.first?.location == "\(file.path):7月外出!A6")
    }
  }

  @Test("The leave form's example row is skipped and a filled row reads as leave")
  func leaveFormRoundTrip() throws {
    let month = try m("2022-07")
    var table = ImportForm.table(
      .leave, units: ["朱坝街道"], heads: ["王某", "刘某"], kinds: [], unit: nil, month: month)
    table.rows.append([.text("朱坝街道"), .text("刘某"), .date(try d("2022-07-11")), .empty, .text("党校学习")])
    try withTemporaryFolder { folder in
      let file = folder.appendingPathComponent("请假.xlsx")
      try XLSXWriter.data([table]).write(to: file)
      let batch = try LeaveImporter.read(path: file.path)
      #expect(batch.problems.isEmpty)
      #expect(batch.entries.map(\.value.name) == ["刘某"])
      #expect(batch.entries.first?.value.to == (try d("2022-07-11")))
    }
  }
}
