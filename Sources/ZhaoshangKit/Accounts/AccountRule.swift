/// Changing an account after it is added, decided once for every store: who may, and the refusals the stores
/// give in the same words.
public enum AccountRule {
  /// There is no account of that login.
  public static func noSuchAccount(_ login: String) -> ZhaoshangError {
    .notFound(
      Localized(
        "没有登录名为 \(login) 的账号；zhaoshang user list 列出全部账号",
        "there is no account \(login); `zhaoshang user list` lists them"))
  }

  /// Refuses to disable an account already disabled.
  public static func requireEnabled(_ account: Account) throws(ZhaoshangError) {
    guard !account.disabled else {
      throw ZhaoshangError.conflict(
        Localized(
          "账号 \(account.login) 已停用，无需再次停用", "the account \(account.login) is already disabled; nothing to do"))
    }
  }

  /// The office changes any password; anyone else only their own.
  public static func requireMayChangePassword(of login: String, actor: ActingUser) throws(ZhaoshangError) {
    guard actor.role == .office || actor.login == login else {
      throw ZhaoshangError.forbidden(Localized("只能修改自己的密码", "you can change only your own password"))
    }
  }
}
