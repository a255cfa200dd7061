import Foundation
import Testing

/// The library states problems in domain words with a field and an action; the command line names its own
/// options for them, exactly as it always has.
@Suite("Problems worded for the command line")
struct ProblemWordingTests {
  @Test func aTripStartingAfterTodayNamesTheFromOption() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a trip starting in 2099 is logged
    let result = try ledger.run([
      "log", "--unit", "朱坝街道", "--name", "王某", "--from", "2099-01-01", "--destination", "上海",
    ])

    // Then the problem is put at --from, the option that gave the start date
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("Error: --from: the trip starts on 2099-01-01, after today"), "\(result.stderr)")
  }

  @Test func anEmptyReasonIsAskedForWithTheReasonOptionAndAnExample() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a trip is voided with an empty reason, in English and in Chinese
    let english = try ledger.run(["void", "1", "--reason", " "])
    let chinese = try ledger.run(["void", "1", "--reason", " ", "--lang", "zh"])

    // Then both name --reason and show it with an example, as the command line writes it
    #expect(english.status == 65)
    #expect(english.stderr == "Error: --reason: the reason is empty; say why, e.g. --reason \"recorded twice\"\n")
    #expect(chinese.stderr == "错误：--reason: 作废原因不能为空；请写明原因，如 --reason \"重复登记\"\n")
  }

  @Test func anUnknownTripIsLookedUpWithTheTripsCommand() throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a trip that does not exist is voided
    let result = try ledger.run(["void", "9999", "--reason", "重复登记"])

    // Then the command line says which command lists the ids, as it always has
    #expect(result.status == 65)
    #expect(result.stderr == "Error: there is no trip 9999; list trips and their ids with `zhaoshang trips`\n")
  }
}
