/// `check --explain`: how each head's counted and required days came about, day by day.
public struct CheckExplainer: Sendable {
  public let language: Language

  public init(language: Language) {
    self.language = language
  }

  /// Explains every head of `unit` assessed in `month`; the totals are the check's own.
  public func explain(
    unit: String, month: Month, rules: RuleSet, posts: [Post], trips: [Trip], leaves: [Leave]
  ) -> String {
    let report = MonthlyCheck.run(month: month, rules: rules, posts: posts, trips: trips, leaves: leaves)
    let heads = MonthlyCheck.postsByHead(posts.filter { $0.unit == unit }, in: month)
    guard let tier = rules.tier(of: unit), !heads.isEmpty else {
      return language.pick(
        "\(unit) 在\(month.chinese)没有考核对象（不在规则中，或无人在任）。",
        "\(unit) has nobody assessed in \(month.iso) (not in the rules, or nobody in post).") + "\n"
    }
    var sections: [String] = []
    for held in heads {
      let post = held[0]
      let mine = trips.filter { $0.unit == post.unit && $0.name == post.name }
      let myLeave = leaves.filter { $0.unit == post.unit && $0.name == post.name && $0.touches(month) }
      let result = report.people.first { $0.unit == post.unit && $0.name == post.name }
      sections.append(
        explain(posts: held, tier: tier, month: month, rules: rules, trips: mine, leaves: myLeave, result: result))
    }
    return sections.joined(separator: "\n")
  }

  func explain(
    posts: [Post], tier: Tier, month: Month, rules: RuleSet, trips: [Trip], leaves: [Leave], result: HeadResult?
  ) -> String {
    let post = posts[0]
    let tenure = posts.map { "\($0.role) \($0.tenure(language))" }.joined(separator: language.pick("；", "; "))
    let zh = language == .zh
    let counted = trips.filter { $0.isCounted && rules.countedKinds.contains($0.kind) }
    var lines = [
      zh
        ? "\(post.unit) \(post.name)（任职：\(tenure)；\(tier.title)，每月不少于\(tier.minDays)天）"
        : "\(post.unit) \(post.name) (in post: \(tenure); \(tier.title), at least \(tier.minDays) days a month)"
    ]
    let headers = language.pick("日期|星期|计入|上午|下午|说明", "date|day|counts|morning|afternoon|why").split(separator: "|")
      .map(String.init)
    var rows: [[String]] = []
    var date = month.firstDay
    while date <= month.lastDay {
      let ordinal = date.ordinal
      var why: [String] = []
      var countable = true
      if !posts.contains(where: { $0.covers(date) }) {
        countable = false
        why.append(language.pick("不在任", "not in post"))
      }
      if rules.counting == .working, let reason = rules.calendar?.reason(for: date) {
        if rules.calendar?.isWorkingDay(date) == false {
          countable = false
          why.append(reason.text(language) + language.pick("（只计工作日）", " (working days only)"))
        } else {
          why.append(reason.text(language))
        }
      }
      if let leave = leaves.first(where: { $0.covers(ordinal: ordinal) }) {
        countable = false
        why.append(language.pick("请假：", "leave: ") + leave.reason)
      }
      let morning = counted.filter { $0.halves?.contains(ordinal * 2) == true }.compactMap(\.id).map { "#\($0)" }
      let afternoon = counted.filter { $0.halves?.contains(ordinal * 2 + 1) == true }.compactMap(\.id).map { "#\($0)" }
      let yes = language.pick("是", "yes")
      let no = language.pick("否", "no")
      rows.append([
        date.iso, date.weekdayName(language), countable ? yes : no, morning.joined(separator: ","),
        afternoon.joined(separator: ","), why.joined(separator: language.pick("；", "; ")),
      ])
      date = date.adding(days: 1)
    }
    lines.append(TextTable(headers: headers, rows: rows).render())
    let ignored = trips.filter { trip in
      (!trip.isCounted || !rules.countedKinds.contains(trip.kind)) && trip.start <= month.lastDay
        && trip.end >= month.firstDay
    }
    for trip in ignored {
      let reason =
        trip.voiding.map { language.pick("已作废：\($0.reason)", "void: \($0.reason)") }
        ?? language.pick(
          "类型「\(rules.kinds.first { $0.id == trip.kind }?.title.zh ?? trip.kind)」不计入",
          "kind \(trip.kind) does not count")
      lines.append(
        language.pick(
          "不计入 #\(trip.id ?? 0)（\(trip.start.iso) 至 \(trip.end.iso)，\(trip.destination)）：\(reason)",
          "not counted #\(trip.id ?? 0) (\(trip.start.iso) to \(trip.end.iso), \(trip.destination)): \(reason)"))
    }
    guard let result else {
      lines.append(language.pick("当月没有计入的在任日，不予考核。", "No counting day in post this month: not assessed."))
      return lines.joined(separator: "\n") + "\n"
    }
    let daysInMonth = HeadMonth(posts: posts, month: month, rules: rules, trips: [], leaves: leaves).daysInMonth
    lines.append(
      language.pick(
        "已外出：计入的半天共 \(result.counted.halves) 个，÷ 2 = \(result.counted) 天。",
        "Counted: \(result.counted.halves) counting halves, ÷ 2 = \(result.counted) days."))
    let formula: String
    if !rules.prorate || result.daysInPost == daysInMonth {
      formula = language.pick(
        "= \(tier.minDays) 天（全月在任或不折算）", "= \(tier.minDays) days (in post all month, or no prorating)")
    } else {
      formula =
        "ceil(2 × \(tier.minDays) × \(result.daysInPost) / \(daysInMonth)) / 2 = \(result.required)"
        + language.pick(" 天", " days")
    }
    lines.append(
      language.pick(
        "应外出：当月计入天数 D = \(daysInMonth)，在任计入天数 A = \(result.daysInPost)，应外出 \(formula)。",
        "Required: days that count in the month D = \(daysInMonth), of them in post A = \(result.daysInPost), required \(formula)."
      ))
    lines.append(
      result.compliant
        ? language.pick("结论：达标。", "Result: compliant.")
        : language.pick("结论：未达标，差 \(result.shortfall) 天。", "Result: short by \(result.shortfall) days."))
    return lines.joined(separator: "\n") + "\n"
  }
}
