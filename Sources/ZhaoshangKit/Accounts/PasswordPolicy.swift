import Foundation

/// What a password and a login must be, and how many wrong passwords lock a login.
public enum PasswordPolicy {
  public static let minimumLength = 10
  /// Wrong passwords in a row that lock a login.
  public static let attemptsBeforeLock = 10
  public static let lockMinutes = 15

  /// The problems with a new password; empty when it will do.
  public static func problems(with password: String) -> [Problem] {
    guard password.count >= minimumLength else {
      return [
        Problem(
          .credentialsWeak, field: .password,
          Localized(
            "密码太短：至少 \(minimumLength) 个字符；请换一个更长的密码",
            "the password is too short: use at least \(minimumLength) characters"))
      ]
    }
    return []
  }

  /// The problems with a login name: letters, digits and `._-@` only, 2 to 64 characters.
  public static func problems(withLogin login: String) -> [Problem] {
    let allowed = login.unicodeScalars.allSatisfy { scalar in
      (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-@".unicodeScalars.contains(scalar))
    }
    guard allowed, (2...64).contains(login.count) else {
      return [
        Problem(
          .credentialsWeak, field: .login, excerpt: login,
          Localized(
            "登录名只能由 2 至 64 个字母、汉字、数字或 . _ - @ 组成，如 zhuba 或 朱坝街道",
            "a login is 2 to 64 letters, digits or . _ - @, e.g. zhuba"))
      ]
    }
    return []
  }

  /// Until when the account's login stays locked, if it is locked at `now`: a pure reading of the account, the
  /// same whatever store it came from.
  public static func lockedUntil(_ account: Account, now: Date) -> Date? {
    guard let text = account.lockedUntil, let until = ISO8601DateFormatter().date(from: text), until > now else {
      return nil
    }
    return until
  }
}
