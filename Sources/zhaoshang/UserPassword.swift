import ArgumentParser
import ZhaoshangKit
import ZhaoshangServer

extension Zhaoshang {
  /// `zhaoshang user password LOGIN`.
  struct UserPassword: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "password",
        abstract: HelpText.pick(
          "修改账号密码（输入两次，或用 --password-stdin）；其会话随即结束，锁定解除",
          "Set a login's password (asked twice, or --password-stdin); its sessions end, its lock is lifted."),
        discussion: HelpText.discussion("", "", examples: ["zhaoshang user password zhuba"]))
    }

    @Argument(help: .text("登录名", "The login name.")) var login: String
    @Flag(help: .text("从标准输入的第一行读取密码", "Read the password from the first line of standard input.")) var passwordStdin =
      false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let password = try PasswordInput.read(fromStandardInput: passwordStdin, language: language)
      let (login, hash, stamp) = (self.login, PasswordHashing.hash(password), ledger.stamp())
      try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.changePassword(login: login, passwordHash: hash, stamp: stamp)
      }
      Console.out(language.pick("已修改 \(login) 的密码", "changed the password of \(login)"))
    }
  }
}
