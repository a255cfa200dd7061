import ArgumentParser
import ZhaoshangKit
import ZhaoshangServer

extension Zhaoshang {
  /// `zhaoshang user password LOGIN`.
  struct UserPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "password",
      abstract: "Set a login's password (asked twice, or --password-stdin); its sessions end, its lock is lifted.")

    @Argument(help: "The login name.") var login: String
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openLedger()
      let password = try PasswordInput.read(fromStandardInput: passwordStdin, language: language)
      try store.changePassword(login: login, passwordHash: PasswordHashing.hash(password), stamp: ledger.stamp())
      Console.out(language.pick("已修改 \(login) 的密码", "changed the password of \(login)"))
    }
  }
}
