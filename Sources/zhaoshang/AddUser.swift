import ArgumentParser
import ZhaoshangKit
import ZhaoshangServer

extension Zhaoshang {
  /// `zhaoshang user add LOGIN --role R [--unit U]`.
  struct AddUser: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Add a login; the password is asked twice on a terminal, or read with --password-stdin.",
      discussion: """
        Passwords have at least 10 characters and are kept only as bcrypt hashes.

        Example:
          zhaoshang user add zhuba --role unit --unit 朱坝街道
          printf '%s\\n' 'a long password' | zhaoshang user add lingdao --role viewer --password-stdin
        """)

    @Argument(help: "The login name.") var login: String
    @Option(help: "office, unit or viewer.") var role: Role
    @Option(help: "The unit a unit's login belongs to.") var unit: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openLedger()
      let rules = try ledger.loadRules()
      let password = try PasswordInput.read(fromStandardInput: passwordStdin, language: language)
      let account = try store.addAccount(
        login: login, role: role, unit: unit, passwordHash: PasswordHashing.hash(password), rules: rules,
        stamp: ledger.stamp())
      Console.out(
        language.pick(
          "已添加账号 \(account.login)（\(account.role.title(.zh))\(account.unit.map { "：" + $0 } ?? "")）",
          "added the login \(account.login) (\(account.role.title(.en))\(account.unit.map { ": " + $0 } ?? ""))"))
    }
  }
}

extension Role: ExpressibleByArgument {}
