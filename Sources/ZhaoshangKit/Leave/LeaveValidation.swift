/// The rules a leave record must keep before it is written.
public enum LeaveValidation {
  /// Every problem with recording this leave, given the roster.
  public static func problems(with entry: Located<Leave>, posts: [Post], rules: RuleBook) -> [Problem] {
    let leave = entry.value
    var problems: [Problem] = []
    if leave.to < leave.from {
      problems.append(
        entry.problem(
          "请假结束日期 \(leave.to.iso) 早于开始日期 \(leave.from.iso)；请检查两个日期是否写反",
          "the leave ends (\(leave.to.iso)) before it starts (\(leave.from.iso)); check whether the dates are swapped"))
    }
    if TextField.isBlank(leave.reason) {
      problems.append(
        entry.problem("缺少事由；请写明请假或学习的原因，如 党校学习", "the reason is missing; say why, such as 党校学习 (party-school training)")
      )
    }
    for (field, text) in [(TextField.unit, leave.unit), (.name, leave.name), (.reason, leave.reason)] {
      if let problem = field.problem(with: text) { problems.append(entry.problem(problem.zh, problem.en)) }
    }
    for date in [leave.from, leave.to] where !DateWindow.contains(date) {
      let refusal = DateWindow.refusal(of: date.iso)
      problems.append(entry.problem(refusal.zh, refusal.en))
    }
    guard rules.declares(unit: leave.unit) else {
      let message = RosterValidation.unknownUnit(leave.unit, rules: rules)
      return problems + [entry.problem(message.zh, message.en)]
    }
    let held = posts.filter { $0.unit == leave.unit && $0.name == leave.name }
    if held.isEmpty {
      problems.append(
        entry.problem(
          "\(leave.unit)的花名册中没有「\(leave.name)」；请核对姓名，或先用 zhaoshang roster add 登记",
          "\"\(leave.name)\" is not on the roster of \(leave.unit); check the name, or add the head with `zhaoshang roster add` first"
        ))
    } else if leave.from <= leave.to, !held.contains(where: { $0.daysInPost(from: leave.from, to: leave.to) != nil }) {
      problems.append(
        entry.problem(
          "\(leave.name)在 \(leave.from.iso) 至 \(leave.to.iso) 期间不在任；请核对日期或任职记录",
          "\(leave.name) was not in post on any day from \(leave.from.iso) to \(leave.to.iso); check the dates or the roster"
        ))
    }
    return problems
  }
}
