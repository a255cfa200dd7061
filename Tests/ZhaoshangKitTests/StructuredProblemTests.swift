import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// Problems are values: a code, where (a file's line or cell, a field), the values they were built from, and a
/// remedy each front end words its own way. The library itself names no command-line option.
@Suite("Structured problems")
struct StructuredProblemTests {
  @Test func aTripStartingAfterTodayCarriesItsCodeFieldAndDates() throws {
    // Given a trip starting after today
    let validator = TripValidator(
      posts: [try post("朱坝街道", "王某", from: "2022-01-01")], rules: try TestRules.book(), today: try d("2022-07-20"))

    // When it is validated
    let problems = validator.problems(with: Located(try trip("朱坝街道", "王某", "2022-07-25")))

    // Then its one problem is coded, placed at the start date and carries the dates it names
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect(problem.code == .dateInFuture)
    #expect(problem.code.rawValue == "date.inFuture")
    #expect(problem.field == .from)
    #expect(problem.location == nil)
    #expect(problem.arguments == ["from": "2022-07-25", "today": "2022-07-20"])
    #expect(problem.text(.en).hasPrefix("start date: the trip starts on 2022-07-25, after today"))
  }

  @Test func aProblemInAFileKeepsItsLineAndGainsItsField() throws {
    // Given a trip read from line 7 of a file, ending before it starts
    let entry = located(try trip("朱坝街道", "王某", "2022-07-10", "2022-07-08"), line: 7)
    let validator = TripValidator(
      posts: [try post("朱坝街道", "王某", from: "2022-01-01")], rules: try TestRules.book(), today: try d("2022-07-20"))

    // When it is validated
    let problem = try #require(validator.problems(with: entry).first)

    // Then the problem is at input.csv line 7, in the end date, shown `FILE:LINE:` as before
    #expect(problem.at == ProblemLocation(source: "input.csv", line: 7, field: .to))
    #expect(problem.code == .periodInvalid)
    #expect(problem.text(.en).hasPrefix("input.csv:7:\n"))
    #expect(problem.text(.en).contains("the trip ends (2022-07-08) before it starts (2022-07-10)"))
  }

  @Test func positionsAsTheReadersWriteThemAreTakenApartAndGivenBackUnchanged() {
    let cases: [(String, ProblemLocation)] = [
      ("trips.csv:12", ProblemLocation(source: "trips.csv", line: 12)),
      ("外出.xlsx:7月!C3", ProblemLocation(source: "外出.xlsx", cell: "7月!C3")),
      ("rules/default.toml", ProblemLocation(source: "rules/default.toml")),
      ("C:/报送:7月/x.csv", ProblemLocation(source: "C:/报送:7月/x.csv")),
    ]
    for (position, expected) in cases {
      #expect(ProblemLocation(position: position) == expected, "\(position)")
      #expect(ProblemLocation(position: position).position == position)
    }
  }

  @Test func aClosedMonthsRefusalIsCodedAndLeavesTheWayToAmendToTheFrontEnd() throws {
    // Given closed July
    let rules = try MonthCycle.rules()
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.close(month: m("2022-07"), rules: rules, today: d("2022-08-10"), stamp: MonthCycle.stamp)

    // When a July trip is recorded without an amendment
    var refusal: ZhaoshangError?
    do {
      try MonthCycle.record(ledger, rules: rules, month: m("2022-07"), days: 1, heads: [("乙镇", "李某")])
    } catch let error as ZhaoshangError { refusal = error }

    // Then it is a conflict coded as a closed month, naming the month, its remedy an amendment with a reason
    let error = try #require(refusal)
    guard case .conflict(let problem) = error else {
      Issue.record("not a conflict: \(error)")
      return
    }
    #expect(error.code == .monthClosed)
    #expect(problem.arguments["months"] == "2022-07")
    #expect(problem.remedy?.action == .amendWithReason)
    // And the library's own words name no option
    #expect(!error.text(.en).contains("--") && !error.text(.zh).contains("--"))
    #expect(error.text(.zh).contains("如确需更正已封存的月份，请作为对已封存月份的更正重新提交，并写明更正原因"))
  }

  @Test func aMissingReasonIsAProblemOfTheReasonFieldWithAnExample() throws {
    // Given a trip on record
    let ledger = try Ledger.inMemory()
    let rules = try TestRules.book()
    try ledger.addPosts([Located(try post("朱坝街道", "王某", from: "2022-01-01"))], rules: rules, stamp: testStamp)
    let id = try #require(
      try ledger.recordTrips(
        [Located(try trip("朱坝街道", "王某", "2022-07-04"))], rules: rules, today: d("2022-08-10"), stamp: testStamp
      ).added.first?.id)

    // When it is voided with a blank reason
    var refusal: ZhaoshangError?
    do { try ledger.voidTrip(id: id, reason: "  ", stamp: testStamp) } catch { refusal = error }

    // Then the problem is the reason field's, with an example the front end shows its own way
    let problem = try #require(refusal?.problems.first)
    #expect(problem.code == .reasonMissing)
    #expect(problem.field == .reason)
    #expect(problem.remedy?.action == .fill(.reason, example: Localized("重复登记", "recorded twice")))
    #expect(problem.text(.en) == "reason: the reason is empty; say why, e.g. reason \"recorded twice\"")
  }

  @Test func theLibrarysOwnWordsForFieldsAndActionsNameNoOption() {
    let actions: [RemedyAction] =
      [.amendWithReason, .insist, .findTripIDs]
      + ProblemField.allCases.flatMap { [.field($0), .fill($0, example: Localized("x", "x"))] }
    for language in [Language.zh, .en] {
      for field in ProblemField.allCases {
        #expect(!ProblemPhrasing.domain.field(field, language).contains("--"))
      }
      for action in actions { #expect(!ProblemPhrasing.domain.action(action, language).contains("--"), "\(action)") }
    }
  }

  @Test func everyKindOfErrorHasACode() {
    let message = Localized("错", "wrong")
    #expect(ZhaoshangError.forbidden(message).code == .forbidden)
    #expect(ZhaoshangError.notFound(message).code == .notFound)
    #expect(ZhaoshangError.conflict(message).code == .conflict)
    #expect(ZhaoshangError.refused(message).code == .refused)
    #expect(ZhaoshangError.storage(message).code == .storage)
    #expect(ZhaoshangError.invalidInput([Problem(.unitUnknown, field: .unit, message)]).code == .unitUnknown)
  }

  @Test func sqlitesOwnWordsNeverReachTheUser() {
    // Given SQLite failures the ledger has no particular words for, with SQL in their messages
    let failures = [
      DatabaseError(resultCode: .SQLITE_MISMATCH, message: "datatype mismatch", sql: "INSERT INTO trip VALUES (1)"),
      DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "UNIQUE constraint failed: head.unit, head.name"),
      DatabaseError(resultCode: .SQLITE_ERROR, message: "near \"SELEC\": syntax error"),
    ]
    for failure in failures {
      // When they are translated
      let error = Ledger.translate(failure, path: "ledger.sqlite")

      // Then the user reads a sentence of the ledger's, with what to do, and SQLite's text stays out of it
      for language in [Language.zh, .en] {
        let text = error.text(language)
        #expect(!text.contains("mismatch") && !text.contains("constraint failed") && !text.contains("SELEC"), "\(text)")
        #expect(!text.contains("INSERT") && !text.contains("head.unit"), "\(text)")
      }
      #expect(error.text(.en).contains("try again"), "\(error.text(.en))")
    }
  }
}
