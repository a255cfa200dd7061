import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang leave`: approved leave and training, which never count as days out.
  struct Leave: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "登记考核对象经批准的请假或学习（党校学习、病假……）", "Record heads' approved leave or training (党校学习, 病假, ...)."),
        discussion: HelpText.discussion(
          "", "",
          examples: [
            "zhaoshang leave add --unit 朱坝街道 --name 王某 --from 2022-07-11 \\\n  --to 2022-07-15 --reason 党校学习",
            "zhaoshang leave list --month 2022-07",
          ]), subcommands: [AddLeave.self, ListLeave.self])
    }
  }
}
