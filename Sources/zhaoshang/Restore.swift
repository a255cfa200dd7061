import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang restore`: puts a backup in place of the ledger.
  struct Restore: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "用 zhaoshang backup 做的备份替换台账", "Put a backup written by `zhaoshang backup` in place of the ledger."),
        discussion: HelpText.discussion(
          "FILE 须是通过 SQLite 完整性检查的 zhaoshang 台账。已有台账时须加 --force 才替换；"
            + "不加时只说明现有台账中有什么，不作改动。旧版本做的备份恢复后会升级，"
            + "升级前的副本写在台账旁边。",
          "FILE must be a zhaoshang ledger that passes SQLite's integrity check. An existing ledger "
            + "is replaced only with --force; without it, zhaoshang says what it holds and changes "
            + "nothing. A backup made by an older zhaoshang is upgraded once restored, after a copy is "
            + "written beside the ledger.",
          examples: ["zhaoshang restore 2022-08-01备份.sqlite --force"]))
    }

    @Argument(help: .text("要恢复的备份", "The backup to restore.")) var file: String
    @Flag(help: .text("替换现有台账，其中的内容将丢失", "Replace the existing ledger, losing what it holds.")) var force = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let path = try ledger.databasePath
      let (restored, store) = try Ledger.restore(from: file, to: path, force: force)
      if let upgrade = store.upgrade { Console.note(LedgerOptions.upgradeNote(upgrade, language: language)) }
      Console.confirm(
        Localized(
          "已用 \(file) 恢复台账 \(path)：\(restored.contents(.zh))",
          "restored the ledger \(path) from \(file): \(restored.contents(.en))"), language: language)
    }
  }
}
