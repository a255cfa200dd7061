import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang roster`: who is assessed.
  struct Roster: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick("维护考核对象花名册：添加、列出、结束任职", "Keep the roster of assessed heads: add, list, end posts."),
        discussion: HelpText.discussion(
          "", "",
          examples: [
            "zhaoshang roster add --unit 朱坝街道 --name 王某 --role 书记 --from 2022-07-16",
            "zhaoshang roster list --unit 朱坝街道", "zhaoshang roster end --unit 共和镇 --name 马某 --on 2022-07-31",
          ]), subcommands: [AddPost.self, ListPosts.self, EndPost.self])
    }
  }
}
