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

  /// `zhaoshang roster add`.
  struct AddPost: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Add a head's post to the roster.",
      discussion: """
        An entry whose time in post overlaps a closed month needs --amend --reason.

        Example:
          zhaoshang roster add --unit 朱坝街道 --name 王某 --role 党工委书记 --from 2022-07-16
        """)

    @Option(help: "The unit, as the rule file names it.") var unit: String
    @Option(help: "The head's name.") var name: String
    @Option(help: "The post, e.g. 党工委书记, 镇长, 局长.") var role: String
    @Option(help: "First day in post (e.g. 2022-07-16, 2022/7/16).") var from: String?
    @Option(help: "Last day in post.") var to: String?
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(from, option: "--from", language: ledger.language)
      _ = try DateOption.parse(to, option: "--to", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      let post = Post(
        unit: unit.trimmed, name: name.trimmed, role: role.trimmed,
        from: try DateOption.parse(from, option: "--from", language: language)?.date,
        to: try DateOption.parse(to, option: "--to", language: language)?.date)
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let command = CommandText.join(
        ["roster", "add", "--unit", post.unit, "--name", post.name, "--role", post.role]
          + [from.map { _ in "--from" }, from, to.map { _ in "--to" }, to])
      let outcome = try store.addPosts(
        [Located(post)], rules: rules, stamp: stamp, amendment: amend.amendment(command: command))
      defer { if amend.amend { try? AmendmentReport.print(store: store, stamp: stamp, language: language) } }
      if outcome.added.isEmpty {
        Console.out(language.pick("花名册中已有相同记录，未重复添加。", "the roster already holds this entry; nothing added."))
      } else {
        Console.out(
          language.pick(
            "已添加：\(post.unit) \(post.name)（\(post.role)，\(post.tenure(.zh))）",
            "added: \(post.unit) \(post.name) (\(post.role), \(post.tenure(.en)))"))
      }
    }
  }

  /// `zhaoshang roster list`.
  struct ListPosts: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the roster.",
      discussion: """
        Example:
          zhaoshang roster list --unit 朱坝街道 --on 2022-07-31
          zhaoshang roster list --output 花名册.csv
        """)

    @Option(help: "Only this unit.") var unit: String?
    @Option(help: "Only heads in post on this date.") var on: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try DateOption.parse(on, option: "--on", language: ledger.language)
      _ = try output.resolvedFormat(allowed: [.table, .csv, .json, .markdown])
    }

    func run() throws {
      let language = ledger.language
      let date = try DateOption.parse(on, option: "--on", language: language)?.date
      let posts = try ledger.openLedger().posts(unit: unit?.trimmed, on: date)
      let format = try output.resolvedFormat(allowed: [.table, .csv, .json, .markdown])
      try output.emit(
        ListRenderer(language: language).render(posts: posts, as: format), format: format, language: language)
    }
  }

  /// `zhaoshang roster end`.
  struct EndPost: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "end", abstract: "End a head's post: the given date is the last day in post.",
      discussion: """
        Ending a post before the last day of a closed month it reached needs --amend --reason.

        Example:
          zhaoshang roster end --unit 共和镇 --name 郭某 --on 2022-07-15
        """)

    @Option(help: "The unit.") var unit: String
    @Option(help: "The head's name.") var name: String
    @Option(help: "The last day in post.") var on: String
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      _ = try DateOption.parse(on, option: "--on", language: ledger.language)
    }

    func run() throws {
      let language = ledger.language
      guard let date = try DateOption.parse(on, option: "--on", language: language)?.date else { return }
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let command = CommandText.join(["roster", "end", "--unit", unit.trimmed, "--name", name.trimmed, "--on", on])
      let post = try store.endPost(
        unit: unit.trimmed, name: name.trimmed, on: date, stamp: stamp, amendment: amend.amendment(command: command))
      defer { if amend.amend { try? AmendmentReport.print(store: store, stamp: stamp, language: language) } }
      Console.out(
        language.pick(
          "已结束任职：\(post.unit) \(post.name)（\(post.role)，\(post.tenure(.zh))）",
          "post ended: \(post.unit) \(post.name) (\(post.role), \(post.tenure(.en)))"))
    }
  }
}
