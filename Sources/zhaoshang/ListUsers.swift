import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang user list`.
  struct ListUsers: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "list",
        abstract: HelpText.pick(
          "列出登录账号及其角色、单位和是否停用", "List the logins, their roles and units, and which are disabled."),
        discussion: HelpText.discussion("", "", examples: ["zhaoshang user list"]))
    }

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let clock = try ledger.officeClock()
      let accounts = try ledger.withStore { store in
        try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.accounts() }
      }
      guard !accounts.isEmpty else {
        Console.out(
          language.pick(
            "还没有账号；用 zhaoshang user add LOGIN --role office 添加", "no logins yet; add one with `zhaoshang user add`"))
        return
      }
      let headers = [
        language.pick("登录名", "login"), language.pick("角色", "role"), language.pick("单位", "unit"),
        language.pick("状态", "state"), language.pick("创建", "created"),
      ]
      let rows = accounts.map { account in
        [
          account.login, account.role.title(language), account.unit ?? "",
          account.disabled ? language.pick("已停用", "disabled") : language.pick("启用", "active"),
          "\(clock.show(account.createdAt)) \(account.createdBy)",
        ]
      }
      Console.out(TextTable(headers: headers, rows: rows).render())
    }
  }
}
