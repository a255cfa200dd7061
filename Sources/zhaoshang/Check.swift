import ArgumentParser
import Foundation
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang check --month M`: every assessed head and unit for a month.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a month: every assessed head's required and counted days, grouped by unit.",
      discussion: """
        Exits 0 whatever it finds; with --exit-code it exits 1 when any unit is short.

        Example:
          zhaoshang check --month 2022-07
          zhaoshang check --month 2022-07 --format json --output 2022-07.json
        """)

    @Option(help: "The month, e.g. 2022-07 (default: last month).") var month: Month?
    @Flag(name: .customLong("exit-code"), help: "Exit 1 when any unit is short.") var exitCode = false
    @Flag(help: "Show, day by day, how each head's days were counted (needs --unit).") var explain = false
    @Option(help: "The unit to explain, with --explain.") var unit: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: [.table, .json, .csv, .markdown, .html])
      if explain && unit == nil {
        throw ValidationError(
          ledger.language.pick(
            "--explain 需要指定单位，如 --explain --unit 朱坝街道", "--explain needs a unit: add --unit, e.g. --explain --unit 朱坝街道"
          ))
      }
    }

    func run() throws {
      let language = ledger.language
      if explain, let unit {
        try runExplain(unit: unit.trimmed)
        return
      }
      let format = try output.resolvedFormat(allowed: [.table, .json, .csv, .markdown, .html])
      let rules = try ledger.loadRules()
      let report = try ledger.openLedger().check(
        month: month ?? Month(containing: CivilDate.today()).previous, rules: rules)
      let renderer = CheckRenderer(language: language, colour: output.colour(environment: ledger.environment))
      try output.emit(renderer.render(report, as: format), format: format, language: language)
      if exitCode && !report.shortUnits.isEmpty { throw ExitCode(1) }
    }

    func runExplain(unit: String) throws {
      let month = month ?? Month(containing: CivilDate.today()).previous
      let rules = try ledger.loadRules()
      let ruleSet = try rules.ruleSet(for: month)
      try ruleSet.requireCalendar(for: month)
      let store = try ledger.openLedger()
      let text = CheckExplainer(language: ledger.language).explain(
        unit: unit, month: month, rules: ruleSet, posts: try store.posts(unit: unit),
        trips: try store.trips(in: month, unit: unit), leaves: try store.leaves(in: month, unit: unit))
      try output.emit(text, format: .table, language: ledger.language)
    }
  }

  /// `zhaoshang owing --month M`: the units that owe an explanation.
  struct Owing: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the units short of their quota, who fell short by how much, and the due date.",
      discussion: """
        --format notice writes the paragraph the office pastes into its bulletin.

        Example:
          zhaoshang owing --month 2022-07
          zhaoshang owing --month 2022-07 --format notice
        """)

    @Option(help: "The month, e.g. 2022-07 (default: last month).") var month: Month?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      _ = try output.resolvedFormat(allowed: [.table, .json, .notice, .csv, .markdown])
    }

    func run() throws {
      let language = ledger.language
      let format = try output.resolvedFormat(allowed: [.table, .json, .notice, .csv, .markdown])
      let rules = try ledger.loadRules()
      let report = try ledger.openLedger().check(
        month: month ?? Month(containing: CivilDate.today()).previous, rules: rules)
      try output.emit(OwingRenderer(language: language).render(report, as: format), format: format, language: language)
    }
  }
}
