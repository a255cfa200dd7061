import ArgumentParser
import Foundation
import ZhaoshangKit
import ZhaoshangPostgres

extension Zhaoshang {
  /// `zhaoshang init`: creates the ledger and, where no rules exist, the default rule file.
  struct Init: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "建立台账数据库和默认规则文件（再次运行不会改动已有的）",
          "Create the ledger database and the default rule file (running it again changes nothing)."),
        discussion: HelpText.discussion(
          "在当前文件夹建立 zhaoshang.sqlite 和 rules/default.toml；用 --db、--rules 可放到别处。"
            + "--db postgres://用户@主机:端口/数据库 在一个空的 PostgreSQL 数据库中建立台账结构（密码取自 PGPASSWORD 或 ~/.pgpass）。",
          "Creates ./zhaoshang.sqlite and rules/default.toml; --db and --rules put them elsewhere. "
            + "--db postgres://USER@HOST:PORT/DB creates the ledger's schema in an empty PostgreSQL database "
            + "(the password from PGPASSWORD or ~/.pgpass).",
          examples: [
            "zhaoshang init", "zhaoshang init --db 2022.sqlite --rules 规则/",
            "zhaoshang init --db postgres://zhaoshang@db.example:5432/zhaoshang",
          ]))
    }

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      switch try ledger.ledgerAddress {
      case .sqlite(let path):
        let existed = FileManager.default.fileExists(atPath: path)
        _ = try ledger.openLedger(create: true)
        if !existed {
          Console.recorded(Localized("已创建台账 \(path)", "created the ledger \(path)"))
        }
        Console.out(
          existed
            ? language.pick("台账已存在：\(path)", "ledger already exists: \(path)")
            : language.pick("已创建台账：\(path)", "created the ledger: \(path)"))
      case .postgres(let address):
        let environment = ledger.environment
        let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
          try await PostgresLedger.initialize(address, environment: environment)
        }
        Console.confirm(Self.sentence(outcome, address: address), language: language)
      }
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

    /// What `init` did to a PostgreSQL database.
    static func sentence(_ outcome: PostgresSchemaSetup.Outcome, address: PostgresAddress) -> Localized {
      switch outcome {
      case .created:
        return Localized(
          "已在 PostgreSQL 数据库中建立台账结构：\(address)", "created the ledger's schema in the PostgreSQL database \(address)")
      case .alreadyPresent:
        return Localized(
          "PostgreSQL 数据库已有台账结构，未作改动：\(address)",
          "the PostgreSQL database already holds the ledger's schema, left as it is: \(address)")
      case .upgraded(let names):
        let list = names.joined(separator: "; ")
        return Localized(
          "已将 PostgreSQL 台账结构升级（\(list)）：\(address)",
          "upgraded the PostgreSQL ledger's schema (\(list)): \(address)")
      }
    }
  }
}
