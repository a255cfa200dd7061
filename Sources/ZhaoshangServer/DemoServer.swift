import ZhaoshangKit

/// `zhaoshang serve --demo`: the shipped example in a ledger in memory, with one login per role.
public enum DemoServer {
  public struct Login: Sendable {
    public let login: String
    public let password: String
    public let role: Role
    public let unit: String?
  }

  /// Mid-July 2022: the example's month is in progress, so the warnings (预警) mean something.
  public static let today = CivilDate(year: 2022, month: 7, day: 20) ?? CivilDate(ordinal: 0)

  public static let logins = [
    Login(login: "office", password: "office-demo-2022", role: .office, unit: nil),
    Login(login: "zhuba", password: "zhuba-demo-2022", role: .unit, unit: "朱坝街道"),
    Login(login: "gonghe", password: "gonghe-demo-2022", role: .unit, unit: "共和镇"),
    Login(login: "leader", password: "leader-demo-2022", role: .viewer, unit: nil),
  ]

  /// The demo's ledger with its logins: in memory, or in the new file `path` (see `Demo.load(into:)`).
  public static func prepare(into path: String? = nil) throws(ZhaoshangError) -> (
    ledger: Ledger, rules: RuleBook, logins: [Login]
  ) {
    let (ledger, rules) = try Demo.load(into: path)
    let stamp = Stamp.now(by: "demo")
    for login in logins {
      try ledger.addAccount(
        login: login.login, role: login.role, unit: login.unit, passwordHash: PasswordHashing.hash(login.password),
        rules: rules, stamp: stamp)
    }
    return (ledger, rules, logins)
  }

  /// The demo's logins, said on start; `keptIn` names the ledger the demo was loaded into, nil for memory.
  public static func loginsText(_ logins: [Login], keptIn ledger: String? = nil, language: Language) -> String {
    var lines = [
      ledger.map { ledger in
        language.pick(
          "演示台账已装入 \(ledger)，停止后仍保留。演示账号：", "A demo ledger, loaded into \(ledger) and kept there. Demo logins:")
      } ?? language.pick("演示台账（仅在内存中，停止后即消失）。演示账号：", "A demo ledger (in memory only, gone when stopped). Demo logins:")
    ]
    for login in logins {
      lines.append(
        "  \(login.login) / \(login.password)  \(login.role.title(language))\(login.unit.map { " " + $0 } ?? "")")
    }
    return lines.joined(separator: "\n")
  }
}
