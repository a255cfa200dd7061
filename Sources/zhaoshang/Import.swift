import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import`: read the CSV files units send in.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import a roster or trips from a CSV file (all rows or none).",
      subcommands: [ImportRoster.self, ImportTrips.self])
  }

  /// Options every import takes.
  struct ImportOptions: ParsableArguments {
    @Argument(help: "The CSV file (UTF-8 with or without BOM, or GB18030 as Excel saves it).")
    var file: String

    @Option(help: "utf8 or gb18030 (default: detected).")
    var encoding: TextEncoding?

    @Flag(name: .customLong("dry-run"), help: "Check the file and show what would be added, writing nothing.")
    var dryRun = false
  }

  /// `zhaoshang import roster FILE.csv`.
  struct ImportRoster: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "roster", abstract: "Import roster entries: unit,name,role,from,to (or 单位,姓名,职务,任职起始,任职结束).",
      discussion: """
        Example:
          zhaoshang import roster examples/hongze-2022-07/roster.csv
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let batch = try RosterImporter.read(path: options.file, encoding: options.encoding)
      let outcome = try store.addPosts(
        batch.entries, rules: rules, stamp: stamp, carrying: batch.problems, dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "roster", options.file])))
      ImportSummary.print(
        added: outcome.added.count, present: outcome.alreadyPresent, warnings: batch.warnings + outcome.warnings,
        noun: Localized("条任职记录", "roster entries"), dryRun: options.dryRun, language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }

  /// `zhaoshang import trips FILE.csv`.
  struct ImportTrips: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "trips",
      abstract: "Import trips: unit,name,start,end,destination,purpose,companies,kind (or the Chinese headers).",
      discussion: """
        Rows identical to a trip already recorded are skipped, so importing a file twice adds nothing.
        Trips covering a day of a closed month are refused unless given with --amend --reason.

        Example:
          zhaoshang import trips 7月外出登记.csv
          zhaoshang import trips 7月外出登记.csv --dry-run
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let batch = try TripImporter.read(path: options.file, encoding: options.encoding)
      let outcome = try store.recordTrips(
        batch.entries, rules: rules, today: CivilDate.today(), stamp: stamp, carrying: batch.problems,
        dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "trips", options.file])))
      ImportSummary.print(
        added: outcome.added.count, present: outcome.alreadyPresent, warnings: batch.warnings + outcome.warnings,
        noun: Localized("条外出记录", "trips"), dryRun: options.dryRun, language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }
}

/// What an import says when it is done.
enum ImportSummary {
  static func print<Value>(
    added: Int, present: [Located<Value>], warnings: [Problem], noun: Localized, dryRun: Bool, language: Language
  ) {
    for warning in warnings {
      Console.note(language.pick("提示：", "note: ") + warning.text(language))
    }
    // A whole file imported twice would otherwise print every line: name a few, count the rest.
    let shown = 10
    for entry in present.prefix(shown) {
      Console.note(
        (entry.location.map { "\($0): " } ?? "")
          + language.pick("与已登记的记录相同，已跳过", "already recorded, skipped"))
    }
    if present.count > shown {
      let more = present.count - shown
      Console.note(language.pick("……另有 \(more) 行与已登记的记录相同，已跳过", "... and \(more) more rows already recorded, skipped"))
    }
    let verb = dryRun ? language.pick("将导入", "would import") : language.pick("已导入", "imported")
    let skipped =
      present.isEmpty ? "" : language.pick("，跳过已存在的 \(present.count) 条", "; \(present.count) already present skipped")
    let tail = dryRun ? language.pick("（试运行，未写入）", " (dry run: nothing written)") : ""
    Console.out(
      language.pick("\(verb) \(added) \(noun.zh)\(skipped)\(tail)。", "\(verb) \(added) \(noun.en)\(skipped)\(tail)."))
  }
}
