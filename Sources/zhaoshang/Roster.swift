import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang roster`: who is assessed.
  struct Roster: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Keep the roster of assessed heads.",
      discussion: """
        Example:
          zhaoshang roster add --unit 朱坝街道 --name 王某 --role 党工委书记 --from 2022-07-16
          zhaoshang roster list --unit 朱坝街道
        """,
      subcommands: [AddPost.self, ListPosts.self, EndPost.self])
  }
}
