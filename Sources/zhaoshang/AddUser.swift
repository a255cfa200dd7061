import ArgumentParser
import ZhaoshangKit
import ZhaoshangServer

extension Zhaoshang {
  /// `zhaoshang user add LOGIN --role R [--unit U]`.
  struct AddUser: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "add",
        abstract: HelpText.pick(
          "添加登录账号；在终端上输入两次密码，或用 --password-stdin 从标准输入读取",
          "Add a login; the password is asked twice on a terminal, or read with --password-stdin."),
        discussion: HelpText.discussion(
          "密码至少 10 个字符，只保存其 bcrypt 散列值。", "Passwords have at least 10 characters and are kept only as bcrypt hashes.",
          examples: [
            "zhaoshang user add zhuba --role unit --unit 朱坝街道",
            "echo 'Hongze-2022' | zhaoshang user add lingdao --role viewer --password-stdin",
          ]))
    }

    @Argument(help: .text("登录名", "The login name.")) var login: String
    @Option(help: .text("角色：office、unit 或 viewer", "office, unit or viewer.")) var role: Role
    @Option(help: .text("unit 角色所属的单位", "The unit a unit's login belongs to.")) var unit: String?
    @Flag(help: .text("从标准输入的第一行读取密码", "Read the password from the first line of standard input.")) var passwordStdin =
      false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let rules = try ledger.loadRules()
      let password = try PasswordInput.read(fromStandardInput: passwordStdin, language: language)
      let (login, role, unit, hash, stamp) = (
        self.login, self.role, self.unit, PasswordHashing.hash(password), ledger.stamp()
      )
      let account = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.addAccount(
          login: login, role: role, unit: unit, passwordHash: hash, rules: rules, stamp: stamp)
      }
      Console.out(
        language.pick(
          "已添加账号 \(account.login)（\(account.role.title(.zh))\(account.unit.map { "：" + $0 } ?? "")）",
          "added the login \(account.login) (\(account.role.title(.en))\(account.unit.map { ": " + $0 } ?? ""))"))
    }
  }
}

extension Role: ExpressibleByArgument {}
