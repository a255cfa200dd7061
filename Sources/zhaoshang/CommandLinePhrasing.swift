import ZhaoshangKit

extension ProblemPhrasing {
  /// The command line's words for the library's fields and actions: a field is the option that gives it
  /// (`from` is `--from`), an action the options that do it (`--amend --reason "why"`, `--force`).
  static let commandLine = ProblemPhrasing(
    field: { field, _ in CommandLineField.option(for: field) },
    action: { action, language in
      switch action {
      case .amendWithReason:
        return language.pick("加上 --amend --reason \"更正原因\" 重新运行", "run the command again with --amend --reason \"why\"")
      case .insist: return language.pick("加 --force", "pass --force")
      case .fill(let field, let example):
        return "\(CommandLineField.option(for: field)) \"\(example.text(language))\""
      case .field(let field): return CommandLineField.option(for: field)
      case .findTripIDs:
        return language.pick("请用 zhaoshang trips 查看编号", "list trips and their ids with `zhaoshang trips`")
      case .unvoid(let id):
        return language.pick(
          "运行 zhaoshang unvoid \(id) --reason \"原因\"", "run `zhaoshang unvoid \(id) --reason \"why\"`")
      }
    })
}

/// The option or argument of a command that gives each field.
enum CommandLineField {
  static func option(for field: ProblemField) -> String {
    switch field {
    case .names: return "--name"
    case .endDate: return "--on"
    case .login: return "LOGIN"
    default: return "--\(field.rawValue)"
    }
  }
}
