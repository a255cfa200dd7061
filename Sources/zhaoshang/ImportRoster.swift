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
      if let sqlite = (store as? SQLiteStore)?.ledger {
        let outcome = try sqlite.addPosts(
          batch.entries, rules: rules, stamp: stamp, carrying: batch.problems, dryRun: options.dryRun,
          amendment: amendment, source: batch.source)
        return ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun)
      }
      // Through the store's protocol, which takes the entries alone: a dry run and the file's name in the audit
      // event are SQLite's only so far, and a file with unreadable lines is refused with them before writing.
      if options.dryRun { _ = try ledger.sqliteLedger(store) }
      guard batch.problems.isEmpty else { throw ZhaoshangError.invalidInput(batch.problems.sortedByLine()) }
      let entries = batch.entries
      let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.addPosts(entries, rules: rules, stamp: stamp, amendment: amendment)
      }
      return ImportReport(outcome, warnings: batch.warnings, dryRun: false)
    }
  }
}
