import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import roster FILE.csv`.
  struct ImportRoster: ImportCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        commandName: "roster",
        abstract: HelpText.pick(
          "导入花名册：单位,姓名,职务,任职起始,任职结束（或 unit,name,role,from,to）",
          "Import roster entries: unit,name,role,from,to (or 单位,姓名,职务,任职起始,任职结束)."),
        discussion: HelpText.discussion(
          "任职时间与已封存的月份重叠时，须加 --amend --reason \"原因\"。",
          "Entries overlapping a closed month need --amend --reason \"why\".",
          examples: ["zhaoshang import roster examples/hongze-2022-07/roster.csv"]))
    }

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    static let noun = Localized("条任职记录", "roster entries")

    func write(to store: any LedgerStore, rules: RuleBook, stamp: Stamp, amendment: Amendment?) throws
      -> ImportReport
    {
      let batch = try RosterImporter.read(path: options.file, encoding: options.encoding, sheet: options.sheet)
      let (entries, problems, source, dryRun) = (batch.entries, batch.problems, batch.source, options.dryRun)
      let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.addPosts(
          entries, rules: rules, stamp: stamp, carrying: problems, dryRun: dryRun, amendment: amendment,
          source: source)
      }
      return ImportReport(outcome, warnings: batch.warnings, dryRun: dryRun)
    }
  }
}
