import Foundation
import ZhaoshangKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a new password: from standard input's first line with `--password-stdin`, else asked twice on the
/// terminal with echo off. Never from an option: a password on the command line is in the shell's history.
enum PasswordInput {
  static func read(fromStandardInput: Bool, language: Language) throws(ZhaoshangError) -> String {
    let password: String
    if fromStandardInput {
      password = Swift.readLine(strippingNewline: true) ?? ""
    } else {
      guard isatty(STDIN_FILENO) == 1 else {
        throw .invalid(
          "--password-stdin", "不在终端上运行时，请用 --password-stdin 从标准输入提供密码",
          "not on a terminal: give the password on standard input with --password-stdin")
      }
      let first = ask(language.pick("新密码：", "New password: "))
      let second = ask(language.pick("再输入一次：", "Again: "))
      guard first == second else {
        throw .invalid(
          .inputInvalid, field: .password,
          Localized("两次输入的密码不一致；请重新运行", "the two passwords differ; run the command again"))
      }
      password = first
    }
    let problems = PasswordPolicy.problems(with: password)
    guard problems.isEmpty else { throw .invalidInput(problems) }
    return password
  }

  /// Asks on the terminal with echo off, restoring the terminal afterwards.
  private static func ask(_ prompt: String) -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    let haveTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
    if haveTerminal {
      var silent = saved
      silent.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(STDIN_FILENO, TCSANOW, &silent)
    }
    defer {
      if haveTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
      FileHandle.standardError.write(Data("\n".utf8))
    }
    return Swift.readLine(strippingNewline: true) ?? ""
  }
}
