import Foundation
import Testing
import ZhaoshangKit

/// `zhaoshang user`: the web application's logins, made from the command line.
@Suite("user command")
struct UserCommandTests {
  @Test func addListTokenAndDisableALogin() throws {
    let workspace = try Workspace.initialised()
    defer { workspace.remove() }
    // Given a unit login added with its password on standard input
    let added = try workspace.succeed(
      ["user", "add", "zhuba", "--role", "unit", "--unit", "朱坝街道", "--password-stdin"], stdin: "a long password\n")
    #expect(added.stdout.contains("zhuba"))

    // Then it is listed, with its role and unit, never its hash
    let list = try workspace.succeed(["user", "list"]).stdout
    #expect(list.contains("zhuba") && list.contains("朱坝街道"))
    #expect(!list.contains("$2b$"))

    // A token is printed once, on standard output alone, and only its hash is kept
    let token = try workspace.succeed(["user", "token", "zhuba"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(token.count == 64)
    let ledger = try Ledger.open(at: workspace.file("zhaoshang.sqlite").path)
    #expect(try ledger.actor(forToken: token)?.unit == "朱坝街道")

    // Disabling the login stops its token; every change verifies
    try workspace.succeed(["user", "disable", "zhuba"])
    #expect(try ledger.actor(forToken: token) == nil)
    let verify = try workspace.succeed(["verify"])
    #expect(verify.stdout.contains("verified"))
    let history = try workspace.succeed(["history"]).stdout
    #expect(history.contains("account added") && history.contains("account disabled"))
  }

  @Test func aShortPasswordOrAMissingUnitIsRefusedAndNothingAdded() throws {
    let workspace = try Workspace.initialised()
    defer { workspace.remove() }
    let short = try workspace.run(
      ["user", "add", "zhuba", "--role", "unit", "--unit", "朱坝街道", "--password-stdin"], stdin: "short\n")
    #expect(short.status == 65)
    #expect(short.stderr.contains("10"))
    let noUnit = try workspace.run(
      ["user", "add", "zhuba", "--role", "unit", "--password-stdin"], stdin: "a long password\n")
    #expect(noUnit.status == 65)
    #expect(noUnit.stderr.contains("--unit"))
    // Not on a terminal and without --password-stdin: told how to give it
    let noTerminal = try workspace.run(["user", "add", "boss", "--role", "viewer"])
    #expect(noTerminal.status == 65)
    #expect(noTerminal.stderr.contains("--password-stdin"))
    #expect(try workspace.succeed(["user", "list"]).stdout.contains("no logins yet"))
  }
}
