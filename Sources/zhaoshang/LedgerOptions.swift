import ArgumentParser
import Foundation
import ZhaoshangKit

/// Where the ledger and the rules are, who is working, and in which language: shared by every command.
struct LedgerOptions: ParsableArguments {
  @Option(
    name: .long,
    help: .text(
      "台账数据库文件（默认：$ZHAOSHANG_DB，否则 ./zhaoshang.sqlite）",
      "The ledger database (default: $ZHAOSHANG_DB, else ./zhaoshang.sqlite)."))
  var db: String?

  @Option(
    name: .long,
    help: .text(
      "规则文件或规则文件夹（默认：$ZHAOSHANG_RULES，否则 ./rules）",
      "A rule file or a folder of them (default: $ZHAOSHANG_RULES, else ./rules)."))
  var rules: String?

  @Option(
    name: .long,
    help: .text(
      "显示语言：zh（中文）或 en（英文）；默认中文，LANG 以 en 开头时为英文",
      "Output language, zh or en (default: Chinese, English when LANG starts with en)."))
  var lang: Language?

  @Option(
    name: .long,
    help: .text("操作人，随修改一并记录（默认：系统用户名）", "Who is making the change, recorded with it (default: the OS user)."))
  var by: String?

  @Flag(name: .long, help: .text("显示所用的台账和规则文件", "Say which database and rule files are used."))
  var verbose = false

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  var language: Language { lang ?? Language.fromEnvironment(environment) }

  var databasePath: String { db ?? nonEmpty(environment["ZHAOSHANG_DB"]) ?? "zhaoshang.sqlite" }

  var rulesPath: String { rules ?? nonEmpty(environment["ZHAOSHANG_RULES"]) ?? "rules" }

  /// Opens the ledger; `readOnly` for commands that only read, so they work on a read-only file, folder or mount.
  func openLedger(create: Bool = false, readOnly: Bool = false) throws(ZhaoshangError) -> Ledger {
    if verbose { Console.note(language.pick("台账：", "database: ") + databasePath) }
    let ledger = try Ledger.open(at: databasePath, create: create, readOnly: readOnly)
    if let upgrade = ledger.upgrade { Console.note(Self.upgradeNote(upgrade, language: language)) }
    return ledger
  }

  /// Said on standard error, so reports stay clean: the upgrade and where the copy from before it is.
  static func upgradeNote(_ upgrade: SchemaUpgrade, language: Language) -> String {
    language.pick(
      "已将台账从结构版本 \(upgrade.from) 升级到 \(upgrade.to)；升级前的副本：\(upgrade.backup)",
      "upgraded the ledger from schema version \(upgrade.from) to \(upgrade.to); the copy from before: \(upgrade.backup)"
    )
  }

  func loadRules() throws(ZhaoshangError) -> RuleBook {
    let book = try RuleFileParser.loadBook(at: rulesPath)
    if verbose {
      for ruleSet in book.ruleSets {
        Console.note(
          language.pick("规则：", "rules: ")
            + "\(ruleSet.source.path) (effective_from \(ruleSet.effectiveFrom.iso), sha256 \(ruleSet.source.sha256.prefix(12)))"
        )
      }
    }
    return book
  }

  /// Who, when, and the command line as typed (less the program's path), for the records and the audit trail.
  func stamp() -> Stamp {
    Stamp.now(by: by, command: CommandText.join(["zhaoshang"] + CommandLine.arguments.dropFirst().map { $0 }))
  }

  private func nonEmpty(_ value: String?) -> String? {
    value.flatMap { $0.isEmpty ? nil : $0 }
  }
}
