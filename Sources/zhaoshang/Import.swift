import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang import`: read the CSV files units send in.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import a roster, trips or leave from a CSV file (all rows or none).",
      discussion: """
        Example:
          zhaoshang import roster 花名册.csv
          zhaoshang import trips 7月外出登记.csv --dry-run
        """,
      subcommands: [ImportRoster.self, ImportTrips.self, ImportLeave.self])
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
        amendment: amend.amendment(command: CommandText.join(["import", "roster", options.file])),
        source: batch.source)
      ImportSummary.print(
        ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun),
        noun: Localized("条任职记录", "roster entries"), language: language)
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
      let bar = ProgressBar(language: language)
      defer { bar.finish() }
      let report = try store.importTrips(
        rules: rules, today: CivilDate.today(), stamp: stamp, dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "trips", options.file]))
      ) { (sink: any ImportSink<Trip>) throws(ZhaoshangError) in
        try TripImporter.stream(path: options.file, encoding: options.encoding, progress: bar.update, into: sink)
      }
      bar.finish()
      ImportSummary.print(report, noun: Localized("条外出记录", "trips"), language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }
}

extension Zhaoshang {
  /// `zhaoshang import leave FILE.csv`.
  struct ImportLeave: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "leave", abstract: "Import leave: unit,name,from,to,reason (or 单位,姓名,开始日期,结束日期,事由).",
      discussion: """
        Example:
          zhaoshang import leave 7月请假.csv
        """)

    @OptionGroup var options: ImportOptions
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let language = ledger.language
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let batch = try LeaveImporter.read(path: options.file, encoding: options.encoding)
      let outcome = try store.addLeave(
        batch.entries, rules: rules, stamp: stamp, carrying: batch.problems, dryRun: options.dryRun,
        amendment: amend.amendment(command: CommandText.join(["import", "leave", options.file])),
        source: batch.source)
      ImportSummary.print(
        ImportReport(outcome, warnings: batch.warnings, dryRun: options.dryRun),
        noun: Localized("条请假记录", "leave records"), language: language)
      if amend.amend && !options.dryRun { try AmendmentReport.print(store: store, stamp: stamp, language: language) }
    }
  }
}

/// What an import says when it is done.
enum ImportSummary {
  static func print(_ report: ImportReport, noun: Localized, language: Language) {
    for warning in report.warnings {
      Console.note(language.pick("提示：", "note: ") + warning.text(language))
    }
    // A whole file imported twice would otherwise print every line: name a few, count the rest.
    for location in report.firstAlreadyPresent {
      Console.note("\(location): " + language.pick("与已登记的记录相同，已跳过", "already recorded, skipped"))
    }
    let more = report.alreadyPresent - report.firstAlreadyPresent.count
    if more > 0 {
      Console.note(language.pick("……另有 \(more) 行与已登记的记录相同，已跳过", "... and \(more) more rows already recorded, skipped"))
    }
    let verb = report.dryRun ? language.pick("将导入", "would import") : language.pick("已导入", "imported")
    let skipped =
      report.alreadyPresent == 0
      ? "" : language.pick("，跳过已存在的 \(report.alreadyPresent) 条", "; \(report.alreadyPresent) already present skipped")
    let tail = report.dryRun ? language.pick("（试运行，未写入）", " (dry run: nothing written)") : ""
    Console.out(
      language.pick(
        "\(verb) \(report.added) \(noun.zh)\(skipped)\(tail)。", "\(verb) \(report.added) \(noun.en)\(skipped)\(tail)."))
  }
}
