import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang user`: the web application's logins.
  struct User: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Manage the logins of the web application (zhaoshang serve).",
      discussion: """
        Roles: office (督考服务中心: reviews, closes months), unit (a unit's clerk: reports its own trips, sees
        only its unit), viewer (区领导: sees what the office sees, changes nothing). Every change is an audit event.

        Example:
          zhaoshang user add zhuba --role unit --unit 朱坝街道
          echo 'a long password' | zhaoshang user add duka --role office --password-stdin
          zhaoshang user list
          zhaoshang user token zhuba
        """,
      subcommands: [AddUser.self, ListUsers.self, DisableUser.self, UserPassword.self, UserToken.self])
  }
}
