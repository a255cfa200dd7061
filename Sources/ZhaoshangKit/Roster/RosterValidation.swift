/// The rules a roster entry must keep before it is written.
public enum RosterValidation {
  /// Every problem with adding `entries` to a roster that already holds `existing`.
  public static func problems(adding entries: [Located<Post>], existing: [Post], rules: RuleBook) -> [Problem] {
    var problems: [Problem] = []
    var accepted = existing
    for entry in entries {
      let post = entry.value
      var fine = true
      let fields = [(TextField.unit, post.unit), (.name, post.name), (.role, post.role)]
      if fields.contains(where: { TextField.isBlank($0.1) }) {
        let missing = [("单位", "unit", post.unit), ("姓名", "name", post.name), ("职务", "role", post.role)]
          .filter { TextField.isBlank($0.2) }
        problems.append(
          entry.problem(
            "缺少\(missing.map(\.0).joined(separator: "、"))；请填写单位、姓名和职务",
            "\(missing.map(\.1).joined(separator: ", ")) missing; every entry needs a unit, a name and a role"))
        continue
      }
      let textProblems = fields.compactMap { $0.0.problem(with: $0.1) }
      if !textProblems.isEmpty {
        problems += textProblems.map { entry.problem($0.zh, $0.en) }
        continue
      }
      if !rules.declares(unit: post.unit) {
        fine = false
        problems.append(entry.problem(unknownUnit(post.unit, rules: rules).zh, unknownUnit(post.unit, rules: rules).en))
      }
      for date in [post.from, post.to].compactMap({ $0 }) where !DateWindow.contains(date) {
        fine = false
        let refusal = DateWindow.refusal(of: date.iso)
        problems.append(entry.problem(refusal.zh, refusal.en))
      }
      if let from = post.from, let to = post.to, to < from {
        fine = false
        problems.append(
          entry.problem(
            "任职结束日期 \(to.iso) 早于起始日期 \(from.iso)；请检查两个日期是否写反",
            "the post ends (\(to.iso)) before it starts (\(from.iso)); check whether the dates are swapped"))
      }
      if let clash = accepted.first(where: { $0.unit == post.unit && $0.name == post.name && $0.overlaps(post) }) {
        fine = false
        problems.append(
          entry.problem(
            "\(post.unit)的\(post.name)已有任职记录（\(clash.role)，\(clash.tenure(.zh))），与本条重叠；同一人在同一单位的任职不能重叠，请先用 zhaoshang roster end 结束原任职，或更正日期",
            "\(post.name) of \(post.unit) already holds a post (\(clash.role), \(clash.tenure(.en))) that overlaps this one; one person may not hold two overlapping entries in one unit: end the old post with `zhaoshang roster end` or correct the dates"
          ))
      }
      if fine { accepted.append(post) }
    }
    return problems
  }

  /// The message for a unit no rule file declares, listing what the user could have meant.
  public static func unknownUnit(_ unit: String, rules: RuleBook) -> Localized {
    let known = rules.allUnits
    let similar = known.filter { candidate in
      candidate.contains(unit) || unit.contains(candidate) || candidate.commonPrefix(with: unit).count >= 2
    }
    let hint = similar.isEmpty ? known.prefix(40).joined(separator: "、") : similar.joined(separator: "、")
    let hintEn = similar.isEmpty ? known.prefix(40).joined(separator: ", ") : similar.joined(separator: ", ")
    return Localized(
      "未知单位「\(unit)」：规则文件中没有这个单位；\(similar.isEmpty ? "可用的单位有" : "是否是指")：\(hint)",
      "unknown unit \"\(unit)\": no rule file declares it; \(similar.isEmpty ? "the units are" : "did you mean"): \(hintEn)"
    )
  }
}
