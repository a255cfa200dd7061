import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang init`: creates the ledger and, where no rules exist, the default rule file.
  struct Init: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "建立台账数据库和默认规则文件（再次运行不会改动已有的）",
          "Create the ledger database and the default rule file (running it again changes nothing)."),
        discussion: HelpText.discussion(
          "在当前文件夹建立 zhaoshang.sqlite 和 rules/default.toml；用 --db、--rules 可放到别处。",
          "Creates ./zhaoshang.sqlite and rules/default.toml; --db and --rules put them elsewhere.",
          examples: ["zhaoshang init", "zhaoshang init --db 2022.sqlite --rules 规则/"]))
    }

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let existed = FileManager.default.fileExists(atPath: ledger.databasePath)
      _ = try ledger.openLedger(create: true)
      if !existed {
        Console.recorded(Localized("已创建台账 \(ledger.databasePath)", "created the ledger \(ledger.databasePath)"))
      }
      Console.out(
        existed
          ? language.pick("台账已存在：\(ledger.databasePath)", "ledger already exists: \(ledger.databasePath)")
          : language.pick("已创建台账：\(ledger.databasePath)", "created the ledger: \(ledger.databasePath)"))
      let rulesPath = ledger.rulesPath
      // A folder that exists but holds no rule file (made by hand, say) still needs the default written into it.
      if (try? RuleFileParser.ruleFiles(at: rulesPath)) != nil {
        Console.out(language.pick("规则已存在，未改动：\(rulesPath)", "rules already exist, left as they are: \(rulesPath)"))
      } else {
        let file =
          rulesPath.hasSuffix(".toml") ? rulesPath : (rulesPath as NSString).appendingPathComponent("default.toml")
        do {
          try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent.isEmpty
              ? "." : (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
          try Data(ShippedFiles.defaultRules.utf8).write(to: URL(fileURLWithPath: file), options: .withoutOverwriting)
          let calendars = URL(fileURLWithPath: CalendarFileParser.folder(besideRuleFile: file))
          try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
          for (name, text) in ShippedFiles.calendars
          where !FileManager.default.fileExists(atPath: calendars.appendingPathComponent(name).path) {
            try Data(text.utf8).write(to: calendars.appendingPathComponent(name))
          }
        } catch {
          throw ZhaoshangError.storage(
            Localized(
              "无法写入默认规则文件 \(file)；请检查目录权限", "cannot write the default rule file \(file); check the folder's permissions"
            ))
        }
        Console.out(
          language.pick(
            "已写入默认规则：\(file)，及工作日历 \(CalendarFileParser.folder(besideRuleFile: file))",
            "wrote the default rules: \(file), and the working calendars in \(CalendarFileParser.folder(besideRuleFile: file))"
          ))
      }
      _ = try ledger.loadRules()
    }
  }
}
