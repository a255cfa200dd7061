import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review`: the office's review (审核) of trips units submitted through the web application.
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Review trips units submitted: list those waiting, approve them, or return one with a reason.",
      discussion: """
        Only approved trips count. Trips entered by the office (zhaoshang log, zhaoshang import) are approved at once.

        Example:
          zhaoshang review
          zhaoshang review approve 41 42 43
          zhaoshang review return 44 --reason "目的地与行程单不符"
        """,
      subcommands: [ListPendingTrips.self, ApproveTrips.self, ReturnTrip.self],
      defaultSubcommand: ListPendingTrips.self)
  }
}
