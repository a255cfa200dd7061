import ArgumentParser
import ZhaoshangKit

extension Zhaoshang {
  /// `zhaoshang log`: record a trip by hand, for one head or several travelling together.
  struct Log: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "登记一次外出；写几个 --name，就为这几个人各登记同一次外出",
          "Record a trip; several --name record the same joint trip for each of them."),
        discussion: HelpText.discussion(
          "中午出发的，开始日期后加「下午」（或 PM）；中午返回的，结束日期后加「上午」（或 AM）；"
            + "只有上午外出的，开始日期后加「上午」且不写 --to。日期中间有空格时要加英文引号。"
            + "一个 --name 里也可写几个姓名，用 、 , ， ; ； 隔开；企业用 ; ； 、 , ， 隔开。"
            + "涉及已封存月份的外出须加 --amend --reason \"原因\"。",
          "A start may carry PM/下午 (left at noon), an end AM/上午 (back at noon); a start marked AM/上午 "
            + "with no --to (or the same day) is a morning-only trip. Quote a date with a space in it. Several "
            + "names may also be given in one --name, separated by 、 , ， ; or ；. Companies are separated by "
            + "; ； 、 , or ，. A trip covering a day of a closed month is refused unless given with --amend "
            + "--reason \"why\".",
          examples: [
            "zhaoshang log --unit 朱坝街道 --name 王某 --from 2022/7/4 --destination 上海",
            "zhaoshang log --unit 朱坝街道 --name 王某 --name 刘某 \\\n  --from \"2022/7/4 下午\" "
              + "--to \"2022/7/6 上午\" --destination 上海 \\\n  --purpose 拜访企业 --companies "
              + "\"甲公司;乙公司\"",
            "zhaoshang log --unit 朱坝街道 --name \"王某、刘某\" --from \"2022/7/8 上午\" --destination 淮安",
          ]))
    }

    @Option(help: .text("单位名称，与规则文件中的写法一致", "The unit, as the rule file names it.")) var unit: String
    @Option(
      help: .text(
        "姓名；一同外出的每人写一个 --name，或写作 \"王某、刘某\"",
        "The head's name; repeat for a joint trip, or write \"王某、刘某\".")) var name: [String]
    @Option(
      help: .text(
        "外出第一天，如 2022-07-04；中午出发写 \"2022/7/4 下午\"，只上午外出写 \"2022/7/4 上午\"",
        "First day out, e.g. 2022-07-04, \"2022/7/4 下午\" or \"2022/7/4 上午\" (that morning only).")) var from: String
    @Option(
      help: .text(
        "外出最后一天（默认同第一天）；中午返回写 \"2022/7/6 上午\"",
        "Last day out (default: the first), or \"2022/7/6 上午\" when back at noon.")) var to: String?
    @Option(help: .text("目的地", "Where the trip went.")) var destination: String
    @Option(help: .text("事由，如 拜访企业、洽谈项目", "Why: 拜访企业, 洽谈项目, ...")) var purpose: String = ""
    @Option(help: .text("拜访的企业，用 ; 、 或 , 隔开", "Companies visited, separated by ; 、 or ,")) var companies: String = ""
    @Option(
      help: .text(
        "外出类型，须是规则文件声明的：visit（外出招商）、video（视频洽谈）、online（线上签约）……",
        "A kind the rules declare: visit (外出招商), video (视频洽谈), online (线上签约), ...")) var kind: String =
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
      let store = try ledger.openStore()
      defer { LedgerOptions.close(store) }
      let stamp = ledger.stamp()
      let command = CommandText.join(
        ["log", "--unit", unit.trimmed] + names.flatMap { ["--name", $0] }
          + ["--from", from, to.map { _ in "--to" }, to, "--destination", destination.trimmed])
      let (today, amendment) = (CivilDate.today(), amend.amendment(command: command))
      let outcome = try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await store.recordTrips(trips, rules: rules, today: today, stamp: stamp, amendment: amendment)
      }
      for warning in outcome.warnings {
        Console.note(language.pick("提示：", "note: ") + warning.text(language, phrasing: .commandLine))
      }
      guard outcome.alreadyPresent.isEmpty || !outcome.added.isEmpty else {
        if outcome.warnings.contains(where: { $0.code == .tripRepeatsVoided }) {
          Console.out(
            language.pick(
              "这次外出与一条已作废的记录相同，未重复添加（见上方提示）。",
              "this trip repeats a voided one; nothing added (see the note above)."))
        } else {
          Console.out(language.pick("这次外出已登记过，未重复添加。", "this trip is already recorded; nothing added."))
        }
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
      if amend.amend {
        try AmendmentReport.print(
          store: store, stamp: stamp, command: command, clock: try ledger.officeClock(), language: language)
      }
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
