import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang user`: the web application's logins.
  struct User: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "管理网页端（zhaoshang serve）的登录账号", "Manage the logins of the web application (zhaoshang serve)."),
        discussion: HelpText.discussion(
          "角色：office（督考服务中心：审核、封存月份），unit（单位填报人：报送本单位的外出，"
            + "只看本单位），viewer（区领导：能看督考服务中心看到的一切，不能修改）。"
            + "每次变动都记入审计记录。",
          "Roles: office (督考服务中心: reviews, closes months), unit (a unit's clerk: reports its "
            + "own trips, sees only its unit), viewer (区领导: sees what the office sees, changes "
            + "nothing). Every change is an audit event.",
          examples: [
            "zhaoshang user add zhuba --role unit --unit 朱坝街道", "zhaoshang user list", "zhaoshang user token zhuba",
            "zhaoshang user disable zhuba",
          ]), subcommands: [AddUser.self, ListUsers.self, DisableUser.self, UserPassword.self, UserToken.self])
    }
  }
}
