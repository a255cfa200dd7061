import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang user token LOGIN [--revoke]`.
  struct UserToken: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "token",
        abstract: HelpText.pick(
          "为账号签发 API 令牌（只显示一次，只保存其散列值），或用 --revoke 吊销其全部令牌",
          "Issue an API token for a login (printed once, only its hash is kept), or --revoke its tokens."),
        discussion: HelpText.discussion(
          "令牌写在 /api/v1 请求的 Authorization: Bearer 令牌 头中。",
          "The token goes in the header `Authorization: Bearer TOKEN` of /api/v1 requests.",
          examples: ["zhaoshang user token zhuba", "zhaoshang user token zhuba --revoke"]))
    }

    @Argument(help: .text("登录名", "The login name.")) var login: String
    @Flag(help: .text("改为吊销该账号的全部令牌", "Revoke every token of the login instead.")) var revoke = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let (login, stamp) = (self.login, ledger.stamp())
      if revoke {
        let count = try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await store.revokeTokens(login: login, stamp: stamp)
        }
        Console.out(language.pick("已吊销 \(login) 的 \(count) 个令牌", "revoked \(count) token(s) of \(login)"))
        return
      }
      let token = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.issueToken(login: login, stamp: stamp)
      }
      Console.note(
        language.pick(
          "\(login) 的新令牌如下，只显示这一次，请妥善保存：", "the new token of \(login), shown only this once; keep it safe:"))
      Console.out(token)
    }
  }
}
