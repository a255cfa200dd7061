import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang backup`: a consistent copy of the ledger, taken while others may be writing to it.
  struct Backup: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "把台账复制到 FILE；即使其他命令正在写入，副本也完整一致",
          "Copy the ledger to FILE, consistently, even while other commands write to it."),
        discussion: HelpText.discussion(
          "使用 SQLite 的在线备份：副本是开始复制那一刻的台账。FILE 已存在时拒绝，除非加 --force。",
          "Uses SQLite's online backup: the copy is the ledger as it stood when the copy began. An "
            + "existing FILE is refused unless --force is given.",
          examples: ["zhaoshang backup 2022-08-01备份.sqlite"]))
    }

    @Argument(help: .text("副本写到这个文件", "The file to write the copy to.")) var file: String
    @Flag(help: .text("FILE 已存在时覆盖它", "Replace FILE if it exists.")) var force = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let path = try ledger.databasePath
      let copy = try ledger.openLedger(readOnly: true).backup(to: file, force: force)
      Console.confirm(
        Localized(
          "已将台账 \(path) 备份到 \(file)：\(copy.contents(.zh))，结构版本 \(copy.schemaVersion)",
          "backed up \(path) to \(file): \(copy.contents(.en)), schema version \(copy.schemaVersion)"),
        language: language)
    }
  }
}
