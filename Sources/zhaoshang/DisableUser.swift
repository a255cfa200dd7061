import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang user disable LOGIN`.
  struct DisableUser: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "disable",
      abstract: "Disable a login: it can no longer log in, its sessions end and its tokens stop working.")

    @Argument(help: "The login name.") var login: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      try ledger.openLedger().disableAccount(login: login, stamp: ledger.stamp())
      Console.out(language.pick("已停用账号 \(login)", "disabled the login \(login)"))
    }
  }
}
