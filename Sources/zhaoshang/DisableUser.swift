import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang user disable LOGIN`.
  struct DisableUser: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "disable",
        abstract: HelpText.pick(
          "停用账号：不能再登录，已登录的会话和令牌随即失效",
          "Disable a login: it can no longer log in, its sessions end and its tokens stop working."),
        discussion: HelpText.discussion("", "", examples: ["zhaoshang user disable zhuba"]))
    }

    @Argument(help: .text("登录名", "The login name.")) var login: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let (login, stamp) = (self.login, ledger.stamp())
      try ledger.withStore { store in
        _ = try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.disableAccount(login: login, stamp: stamp)
        }
      }
      Console.out(language.pick("已停用账号 \(login)", "disabled the login \(login)"))
    }
  }
}
