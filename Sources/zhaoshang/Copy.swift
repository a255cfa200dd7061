import ArgumentParser
import Foundation
import ZhaoshangKit
import ZhaoshangPostgres

extension Zhaoshang {
  /// `zhaoshang copy`: moves a whole ledger between SQLite and PostgreSQL, its audit trail and hashes unchanged.
  struct Copy: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "把整个台账（含全部历史和审计记录）从 SQLite 复制到 PostgreSQL，或反过来",
          "Copy a whole ledger, its history and audit trail included, from SQLite to PostgreSQL or back."),
        discussion: HelpText.discussion(
          "逐行复制每张表，编号不变，审计记录及其哈希原样照搬；之后两边都运行 verify，并说出两边最后一条审计记录的哈希（必须相同）。"
            + "来源必须先通过 verify；目标必须是新的 SQLite 文件，或刚用 zhaoshang init 建好、还没有记录的 PostgreSQL 数据库。"
            + "要么全部复制，要么什么也不写。浏览器登录会话不复制，大家在新台账的服务上重新登录即可。",
          "Copies every table row for row with the same ids, and the audit events with their hashes as they are; then "
            + "runs verify on both and says each side's last event hash (they must be equal). The source must pass "
            + "verify; the target must be a new SQLite file, or a PostgreSQL database set up by zhaoshang init with no "
            + "rows yet. All of it is copied or nothing is written. Browser sessions are not copied: people log in "
            + "again on the new ledger's server.",
          examples: [
            "zhaoshang copy --from zhaoshang.sqlite --to postgres://zhaoshang@db.example:5432/zhaoshang",
            "zhaoshang copy --from postgres://zhaoshang@db.example:5432/zhaoshang --to 2026-12-04副本.sqlite",
          ]))
    }

    @Option(
      name: .long,
      help: .text(
        "来源台账：SQLite 文件，或 PostgreSQL 地址 postgres://用户@主机:端口/数据库",
        "The ledger to copy: a SQLite file, or a PostgreSQL address postgres://USER@HOST:PORT/DB."))
    var from: String

    @Option(
      name: .long,
      help: .text(
        "目标台账：尚不存在的 SQLite 文件，或已运行过 zhaoshang init 的空 PostgreSQL 数据库",
        "Where to copy it: a SQLite file that does not exist yet, or an empty PostgreSQL database set up by zhaoshang init."
      ))
    var to: String

    @Option(
      name: .long,
      help: .text(
        "显示语言：zh（中文）或 en（英文）；默认中文，LANG 以 en 开头时为英文",
        "Output language, zh or en (default: Chinese, English when LANG starts with en)."))
    var lang: Language?

    func run() throws {
      let environment = ProcessInfo.processInfo.environment
      let language = lang ?? Language.fromEnvironment(environment)
      let source = try LedgerAddress(parsing: from)
      let target = try LedgerAddress(parsing: to)
      let report = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await LedgerCopy.run(from: source, to: target, environment: environment)
      }
      if let upgrade = report.sourceUpgrade { Console.note(LedgerOptions.upgradeNote(upgrade, language: language)) }
      Console.confirm(report.sentence, language: language)
    }
  }
}
