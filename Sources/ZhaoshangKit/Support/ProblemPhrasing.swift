/// How a front end names fields and actions when it shows a problem: the command line says `--from` and
/// `--amend --reason`, the web the form's labels and buttons. `domain` is the library's own plain wording.
public struct ProblemPhrasing: Sendable {
  public var field: @Sendable (ProblemField, Language) -> String
  public var action: @Sendable (RemedyAction, Language) -> String

  public init(
    field: @escaping @Sendable (ProblemField, Language) -> String,
    action: @escaping @Sendable (RemedyAction, Language) -> String
  ) {
    self.field = field
    self.action = action
  }

  /// The library's words: a field by its name, an action described.
  public static let domain = ProblemPhrasing(
    field: { field, language in field.label(language) },
    action: { action, language in
      switch action {
      case .amendWithReason:
        return language.pick("作为对已封存月份的更正重新提交，并写明更正原因", "submit it again as an amendment with the reason for it")
      case .insist: return language.pick("确认后重新提交", "confirm and submit again")
      case .fill(let field, let example):
        return language.pick("\(field.label(.zh))填写“\(example.zh)”", "\(field.label(.en)) \"\(example.en)\"")
      case .field(let field): return field.label(language)
      case .findTripIDs: return language.pick("请在外出记录列表中核对编号", "check the id in the list of trips")
      case .unvoid(let id):
        return language.pick("请督考办撤销对第 \(id) 条的作废", "ask the office to undo the void of trip \(id)")
      }
    })
}

extension ProblemField {
  /// The field's name in words, as a form labels it.
  public func label(_ language: Language) -> String {
    switch self {
    case .unit: return language.pick("单位", "unit")
    case .names: return language.pick("外出人员", "names")
    case .from: return language.pick("开始日期", "start date")
    case .to: return language.pick("结束日期", "end date")
    case .kind: return language.pick("外出类型", "kind")
    case .destination: return language.pick("目的地", "destination")
    case .purpose: return language.pick("事由", "purpose")
    case .companies: return language.pick("洽谈企业", "companies")
    case .month: return language.pick("月份", "month")
    case .reason: return language.pick("原因", "reason")
    case .note: return language.pick("备注", "note")
    case .received: return language.pick("收到日期", "date received")
    case .document: return language.pick("说明文件", "document")
    case .endDate: return language.pick("离任日期", "end date")
    case .login: return language.pick("登录名", "login")
    case .password: return language.pick("密码", "password")
    case .sheet: return language.pick("工作表", "sheet")
    case .encoding: return language.pick("文字编码", "encoding")
    case .days: return language.pick("天数", "days")
    }
  }
}
