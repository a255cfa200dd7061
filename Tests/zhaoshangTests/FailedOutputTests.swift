import Foundation
import Testing

/// Output that cannot be written: a full disk ends the command with exit 74 and a message on standard error, a
/// closed pipe ends it quietly; neither may kill the process, and a write to the ledger is kept whole or not at all.
@Suite("Output that cannot be written")
struct FailedOutputTests {
  @Test(arguments: [
    ["trips", "--month", "2022-07"], ["check", "--month", "2022-07"], ["verify"], ["rules", "check"],
  ])
  func aFullDiskIsExit74WithAMessage(_ args: [String]) throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When a report is written to a full disk
    let result = try ledger.run(args, output: .fullDisk)

    // Then the command ends with 74 and says why in words, with no crash report
    #expect(result.status == 74, "\(args): \(result.stderr)")
    #expect(result.stderr.contains("could not write the output: the disk is full"), "\(args): \(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test(arguments: [["trips", "--month", "2022-07"], ["check", "--month", "2022-07"], ["roster", "list"]])
  func aClosedPipeEndsQuietly(_ args: [String]) throws {
    // Given the example ledger
    let ledger = try Workspace.hongze()
    defer { ledger.remove() }

    // When the reader of the output has gone away, as `zhaoshang trips | head -1` leaves it
    let result = try ledger.run(args, output: .closedPipe)

    // Then the command ends as it would have, saying nothing (a signal would be a status above 128 or a crash)
    #expect(result.status == 0, "\(args): \(result.stderr)")
    #expect(result.stderr.isEmpty, "\(args): \(result.stderr)")
  }

  @Test func anImportWhoseReportFailsIsKeptAndSaysSo() throws {
    // Given a ledger with the example's roster
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }
    try ledger.succeed(["import", "roster", CLI.hongze.appendingPathComponent("roster.csv").path])

    // When the trips are imported with the report going to a full disk
    let result = try ledger.run(
      ["import", "trips", CLI.hongze.appendingPathComponent("trips.csv").path], output: .fullDisk)

    // Then the command says the import was kept in full, and every trip is in the ledger
    #expect(result.status == 74)
    #expect(
      result.stderr.contains("What the command recorded is kept in full (imported 92 trips.)"), "\(result.stderr)")
    #expect(try ledger.trips().count == 92)
  }

  @Test func aRefusedImportWhoseReportFailsSaysNothingWasRecorded() throws {
    // Given a ledger with no roster
    let ledger = try Workspace.initialised()
    defer { ledger.remove() }

    // When trips of heads it does not know are imported with the output going to a full disk
    let result = try ledger.run(
      ["import", "trips", CLI.hongze.appendingPathComponent("trips.csv").path], output: .fullDisk)

    // Then the refusal is reported as always (exit 65), and nothing was written
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("is not on the roster"))
    #expect(try ledger.trips().isEmpty)
  }
}
