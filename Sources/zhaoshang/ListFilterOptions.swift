import ArgumentParser
import ZhaoshangKit

/// `--month --unit --name`: the filters shared by the listings of trips, leave and audit events.
struct ListFilterOptions: ParsableArguments {
  @Option(help: .month("只列涉及这个月的记录", "Only records touching this month")) var month: Month?
  @Option(help: .text("只列这个单位", "Only this unit.")) var unit: String?
  @Option(help: .text("只列这个人", "Only this head.")) var name: String?

  /// The filters as the ledger takes them: unit and name trimmed like the names it stores, so a pasted space
  /// still matches.
  func values() -> (month: Month?, unit: String?, name: String?) {
    (month, unit?.trimmed, name?.trimmed)
  }
}
