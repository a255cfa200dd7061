import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang review`: the office's review (审核) of trips units submitted through the web application.
  struct Review: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "审核各单位报送的外出：列出待审核的、通过，或写明原因退回",
          "Review trips units submitted: list those waiting, approve them, or return one with a reason."),
        discussion: HelpText.discussion(
          "只有审核通过的外出才计入天数。督考服务中心自己登记或导入的外出（log、import）直接视为通过。",
          "Only approved trips count. Trips entered by the office (zhaoshang log, zhaoshang import) "
            + "are approved at once.",
          examples: [
            "zhaoshang review", "zhaoshang review approve 41 42 43",
            "zhaoshang review return 44 --reason \"目的地与行程单不符\"",
          ]), subcommands: [ListPendingTrips.self, ApproveTrips.self, ReturnTrip.self],
        defaultSubcommand: ListPendingTrips.self)
    }
  }
}
