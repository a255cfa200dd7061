import Foundation
import Testing

@testable import ZhaoshangKit

/// Workbooks as offices keep them (Fixtures/xlsx, written by scripts/make-xlsx-fixtures.py) import exactly
/// as their CSV twins; every wrong cell is named as FILE:SHEET!CELL; files that are not readable workbooks
/// are refused saying what to do.
@Suite struct WorkbookImportTests {
  /// What a trip is, without what the ledger adds (id, who recorded it and when).
  struct TripFacts: Hashable {
    let unit, name, start, end, kind, destination, purpose, companies: String

    init(_ trip: Trip) {
      unit = trip.unit
      name = trip.name
      start = trip.startText(.en)
      end = trip.endText(.en)
      kind = trip.kind
      destination = trip.destination
      purpose = trip.purpose
      companies = trip.companies.joined(separator: ";")
    }
  }

  /// A ledger holding the roster read from roster.xlsx, the rules of the tests.
  func ledgerWithWorkbookRoster() throws -> (Ledger, RuleBook) {
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    let roster = try RosterImporter.read(path: Fixture.path("xlsx/roster.xlsx"))
    #expect(roster.problems.isEmpty)
    try ledger.addPosts(roster.entries, rules: rules, stamp: testStamp)
    return (ledger, rules)
  }

  func ledgerTrips(importing path: String) throws -> [TripFacts] {
    let (ledger, rules) = try ledgerWithWorkbookRoster()
    let batch = try TripImporter.read(path: path)
    #expect(batch.problems.isEmpty)
    try ledger.recordTrips(batch.entries, rules: rules, today: today, stamp: testStamp, carrying: batch.problems)
    return try ledger.trips().map(TripFacts.init)
  }

  @Test(
    "A workbook gives the same ledger as its CSV twin",
    arguments: [
      ("xlsx/trips-office.xlsx", "xlsx/trips-office.csv"),
      ("xlsx/trips-libreoffice.xlsx", "xlsx/trips-office.csv"),
      ("xlsx/trips-1904.xlsx", "xlsx/trips-1904.csv"),
    ])
  func sameLedgerAsCSV(workbook: String, csv: String) throws {
    // Given a workbook with title rows, merged cells, date cells and a total row, and the same rows as CSV
    // When each is imported into a ledger holding the same roster
    let fromWorkbook = try ledgerTrips(importing: Fixture.path(workbook))
    let fromCSV = try ledgerTrips(importing: Fixture.path(csv))
    // Then both ledgers hold exactly the same trips
    #expect(!fromCSV.isEmpty)
    #expect(fromWorkbook == fromCSV)
  }

  @Test("The office form's cells are read as a clerk sees them")
  func officeFormCells() throws {
    // Given the form a town fills in: unit merged down, half days typed as text, rich text, a formula
    let batch = try TripImporter.read(path: Fixture.path("xlsx/trips-office.xlsx"))
    let trips = batch.entries.map(\.value)
    // Then the merged unit is on every head's row, the afternoon start and morning return are kept
    #expect(trips.map(\.unit) == ["朱坝街道", "朱坝街道", "朱坝街道", "黄集街道", "黄集街道", "住建局"])
    #expect(trips[1].startsAfternoon && trips[1].endsMorning)
    #expect(trips[0].purpose == "拜访企业")
    // And each row is located by its sheet and row, the 合计 row and signature line skipped with notes
    #expect(batch.entries.first?.location?.hasSuffix("trips-office.xlsx:7月!A4") == true)
    let notes = batch.warnings.compactMap(\.location).map { $0.components(separatedBy: ":").last ?? "" }
    #expect(notes.contains("7月!A10") && notes.contains("7月!A12"))
  }

  @Test("Every wrong cell of a workbook is named at once, as FILE:SHEET!CELL")
  func wrongCellsLocated() throws {
    // Given a sheet with an impossible date, an unreadable end and the serial of 1900-02-29
    let path = Fixture.path("xlsx/trips-bad.xlsx")
    let batch = try TripImporter.read(path: path)
    // Then all three are reported, each at its cell
    #expect(batch.entries.isEmpty)
    #expect(batch.problems.compactMap(\.location) == ["\(path):7月!C3", "\(path):7月!D4", "\(path):7月!C5"])
    #expect(batch.problems.last?.message.zh.contains("1900") == true)
  }

  @Test("The roster's date cells in a CJK format are read as dates")
  func rosterDates() throws {
    let batch = try RosterImporter.read(path: Fixture.path("xlsx/roster.xlsx"))
    #expect(batch.entries.count == 6)
    #expect(batch.entries.first?.value.from == (try d("2021-09-01")))
  }

  @Test("--sheet chooses the sheet, and a missing one is named with the sheets there are")
  func sheetOption() throws {
    let path = Fixture.path("xlsx/trips-office.xlsx")
    #expect(try TripImporter.read(path: path, sheet: "7月").entries.count == 6)
    let missing = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path, sheet: "8月") }
    #expect(missing.problems.first?.message.zh.contains("填表说明、7月") == true)
    let headerless = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path, sheet: "填表说明") }
    #expect(headerless.problems.first?.message.en.contains("no header was found") == true)
  }

  @Test(
    "Files that are not readable workbooks are refused with what to do",
    arguments: [
      ("truncated.xlsx", "另存为"), ("old.xls", "旧版 Excel"), ("protected.xlsx", "密码"), ("wps.et", "WPS"),
      ("bomb.xlsx", "过大"), ("budget.numbers", "Numbers"), ("notice.xlsx", "Word"), ("text.xlsx", "损坏"),
    ])
  func hostileFiles(name: String, advice: String) throws {
    // Given a damaged, old, protected or foreign file
    let path = Fixture.path("xlsx/\(name)")
    // When it is imported, Then it is refused, naming the file and saying what to do, without a crash
    let error = try #require(throws: ZhaoshangError.self) { try TripImporter.read(path: path) }
    #expect(error.problems.count == 1)
    #expect(error.problems.first?.location == path)
    #expect(error.problems.first?.message.zh.contains(advice) == true, "\(error.problems)")
  }
}
