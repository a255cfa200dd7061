/// The rules in force, said in plain words for a clerk: `zhaoshang rules show`.
public struct RuleExplainer: Sendable {
  public let language: Language

  public init(language: Language) {
    self.language = language
  }

  public func explain(_ rules: RuleSet, month: Month?) -> String {
    var lines: [String] = []
    let zh = language == .zh
    lines.append(
      zh
        ? "规则文件：\(rules.source.path)（sha256 \(rules.source.sha256.prefix(12))）"
        : "Rule file: \(rules.source.path) (sha256 \(rules.source.sha256.prefix(12)))")
    lines.append(zh ? "名称：\(rules.title)" : "Title: \(rules.title)")
    let applies = month.map { zh ? "，适用于\($0.chinese)" : ", in force for \($0.iso)" } ?? ""
    lines.append(
      zh ? "生效：自 \(rules.effectiveFrom.iso) 起\(applies)" : "In force from \(rules.effectiveFrom.iso)\(applies)")
    lines.append(counting(rules))
    lines.append(
      rules.prorate
        ? language.pick(
          "折算：当月只有部分时间在任的，应外出天数按在任天数占当月天数的比例折算，向上取到半天。",
          "Prorating: a head in post for part of a month owes a share of the minimum in proportion to the days in post, rounded up to the half day."
        )
        : language.pick("折算：不折算，当月在任即须达到全部天数。", "Prorating: none; a head in post at all owes the full minimum."))
    lines.append(
      rules.prorateLeave
        ? language.pick(
          "请假：请假、学习的天数不计为外出天数，并从在任天数中扣除后再折算。",
          "Leave: days on leave never count as days out, and come out of the days in post before prorating.")
        : language.pick(
          "请假：请假、学习的天数不计为外出天数，但不减少应外出天数。",
          "Leave: days on leave never count as days out, but do not lower the days required."))
    let kinds = rules.kinds.map { kind in
      zh
        ? "\(kind.title.zh)（\(kind.id)）\(kind.counts ? "计入" : "不计入")"
        : "\(kind.title.en) (\(kind.id)) \(kind.counts ? "counts" : "does not count")"
    }
    lines.append((zh ? "外出类型：" : "Trip kinds: ") + kinds.joined(separator: zh ? "；" : "; ") + (zh ? "。" : "."))
    lines.append(
      language.pick(
        "情况说明：未达标单位须于次月\(rules.explanationDueDay)日前向区委区政府作出情况说明。",
        "Explanations: units short of their quota explain themselves by day \(rules.explanationDueDay) of the following month."
      ))
    lines.append(zh ? "考核档次：" : "Tiers:")
    for tier in rules.tiers {
      lines.append(
        zh
          ? "  \(tier.title)（\(tier.id)）：每月外出招商不少于\(tier.minDays)天。单位：\(tier.units.joined(separator: "、"))。"
          : "  \(tier.title) (\(tier.id)): at least \(tier.minDays) days out each month. Units: \(tier.units.joined(separator: ", "))."
      )
    }
    for note in rules.notes {
      lines.append(language.pick("注意：", "Note: ") + note.text(language))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func counting(_ rules: RuleSet) -> String {
    let halves = language.pick("每天分上午、下午两个半天计算", "each day counts as two halves, morning and afternoon")
    guard rules.counting == .working, let calendar = rules.calendar else {
      return language.pick("计算方式：按自然日计算，\(halves)。", "Counting: every calendar day; \(halves).")
    }
    let span = Self.spans(calendar.years.sorted())
    let local = calendar.localHolidays.count
    return language.pick(
      "计算方式：只计工作日（按工作日历 \(calendar.name)，已有 \(span) 年，含法定节假日与调休\(local > 0 ? "，另有本地放假 \(local) 天" : "")），应外出天数也按当月工作日折算；\(halves)。",
      "Counting: working days only (calendar \(calendar.name), years \(span), with public holidays and weekend working days\(local > 0 ? ", plus \(local) local days off" : "")); prorating uses the month's working days too; \(halves)."
    )
  }

  /// `2019–2020, 2022`: runs of years, so a missing year shows.
  static func spans(_ years: [Int]) -> String {
    var runs: [(Int, Int)] = []
    for year in years {
      if let last = runs.last, last.1 + 1 == year { runs[runs.count - 1].1 = year } else { runs.append((year, year)) }
    }
    return runs.isEmpty ? "-" : runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
  }
}
