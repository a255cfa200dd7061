import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang log`: record a trip by hand, for one head or several travelling together.
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record a trip; several --name record the same joint trip for each of them.",
      discussion: """
        A start may carry PM/下午 (left at noon), an end AM/上午 (back at noon); a start marked AM/上午 with no
        --to (or the same day) is a morning-only trip. Several names may also be given in one --name,
        separated by 、 , ， ; or ；. Companies are separated by ; ； 、 , or ，. A trip covering a day of a
        closed month is refused unless given with --amend --reason.

        Example:
          zhaoshang log --unit 朱坝街道 --name 王某 --name 刘某 --from 2022/7/4 --to "2022/7/6 上午" \\
            --destination 上海 --purpose 拜访企业 --companies "甲公司;乙公司"
        """)

    @Option(help: "The unit.") var unit: String
    @Option(help: "The head's name; repeat for a joint trip, or write \"王某、刘某\".") var name: [String]
    @Option(help: "First day out, e.g. 2022-07-04, \"2022/7/4 下午\" or \"2022/7/4 上午\" (that morning only).")
    var from: String
    @Option(help: "Last day out (default: the first), e.g. \"2022/7/6 上午\".") var to: String?
    @Option(help: "Where the trip went.") var destination: String
    @Option(help: "Why: 拜访企业, 洽谈项目, ...") var purpose: String = ""
    @Option(help: "Companies visited, separated by ; 、 or ,") var companies: String = ""
    @Option(help: "A kind the rules declare: visit (外出招商), video (视频洽谈), online (线上签约), ...") var kind: String =
      TripKind.visit.id
    @OptionGroup var amend: AmendOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
      let language = ledger.language
      guard !names.isEmpty else {
        throw ValidationError(language.pick("请至少给出一个 --name", "give at least one --name"))
      }
      _ = try dates(language)
      guard !destination.trimmed.isEmpty else {
        throw ValidationError(
          "--destination: "
            + language.pick("目的地不能为空，如 --destination 上海", "the destination is empty; e.g. --destination 上海"))
      }
    }

    func run() throws {
      let language = ledger.language
      let dates = try dates(language)
      let trips = names.map { person in
        Located(
          Trip(
            unit: unit.trimmed, name: person, start: dates.start, startsAfternoon: dates.startsAfternoon,
            end: dates.end, endsMorning: dates.endsMorning,
            kind: kind.trimmed, destination: destination.trimmed, purpose: purpose.trimmed,
            companies: CompanyList.split(companies)))
      }
      let rules = try ledger.loadRules()
      let store = try ledger.openLedger()
      let stamp = ledger.stamp()
      let command = CommandText.join(
        ["log", "--unit", unit.trimmed] + names.flatMap { ["--name", $0] }
          + ["--from", from, to.map { _ in "--to" }, to, "--destination", destination.trimmed])
      let outcome = try store.recordTrips(
        trips, rules: rules, today: CivilDate.today(), stamp: stamp, amendment: amend.amendment(command: command))
      for warning in outcome.warnings {
        Console.note(language.pick("提示：", "note: ") + warning.text(language, phrasing: .commandLine))
      }
      guard outcome.alreadyPresent.isEmpty || !outcome.added.isEmpty else {
        Console.out(language.pick("这次外出已登记过，未重复添加。", "this trip is already recorded; nothing added."))
        return
      }
      Console.recorded(
        Localized("已登记 \(outcome.added.count) 次外出", "\(outcome.added.count) trips recorded"))
      for trip in outcome.added {
        Console.out(
          language.pick(
            "已登记 #\(trip.id ?? 0)：\(trip.unit) \(trip.name) \(trip.startText(.zh)) 至 \(trip.endText(.zh))，\(trip.destination)，\(trip.length) 天",
            "recorded #\(trip.id ?? 0): \(trip.unit) \(trip.name) \(trip.startText(.en)) to \(trip.endText(.en)), \(trip.destination), \(trip.length) days"
          ))
      }
      if amend.amend { try AmendmentReport.print(store: store, stamp: stamp, command: command, language: language) }
    }

    /// The heads named, each `--name` split where it lists several (`王某、刘某`).
    var names: [String] {
      var seen = Set<String>()
      return name.flatMap { NameList.split($0.trimmed) }.filter { seen.insert($0).inserted }
    }

    /// The trip's dates and halves, read as an import reads them; refused naming the option at fault.
    func dates(_ language: Language) throws -> TripDates {
      switch TripDates.read(start: from.trimmed, end: to?.trimmed ?? "") {
      case .success(let dates): return dates
      case .failure(let refusal):
        throw ValidationError(
          refusal.problems.map { problem in
            "\(problem.field == .to ? "--to" : "--from"): " + problem.explanation(language, phrasing: .commandLine)
          }.joined(separator: "\n"))
      }
    }
  }
}
