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
}
