import ArgumentParser
import Foundation
import ZhaoshangKit

/// The `zhaoshang` command: audits heads' days out on investment promotion (外出招商) month by month.
@main
struct Zhaoshang: ParsableCommand {
  static let version = "0.1.0"

  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "zhaoshang",
      abstract: HelpText.pick(
        "外出招商天数考核台账：登记外出，按规则逐月核算，列出须作情况说明的单位",
        "外出招商天数考核台账 — audit heads' days out on investment promotion, month by month."),
      discussion: HelpText.discussion(
        "维护考核对象花名册，登记外出招商（手工登记或导入各单位报送的表格），按 rules/ "
          + "中的规则文件逐月核算天数，列出未达标、须作情况说明的单位，并生成通报。每条命令都可加 --help "
          + "查看用法和例子；加 --lang en 显示英文。",
        "Keep the roster of assessed heads, log trips (by hand or from the files units send in), "
          + "apply the rule file in rules/, run the monthly check and print the units owing explanations. "
          + "Every command takes --help for its use and examples; --lang zh shows Chinese.",
        examples: [
          "zhaoshang demo", "zhaoshang init", "zhaoshang import roster 花名册.csv", "zhaoshang import trips 外出登记.csv",
          "zhaoshang check --month 2022-07", "zhaoshang owing --month 2022-07 --format notice",
          "zhaoshang bulletin --month 2022-07", "zhaoshang close --month 2022-07",
        ]), version: version,
      subcommands: [
        Init.self, Demo.self, Rules.self, Roster.self, Import.self, Log.self, Trips.self, Void.self, Unvoid.self,
        Leave.self,
        Check.self, Owing.self, BulletinCommand.self, Explain.self, Close.self, Reopen.self, SummaryCommand.self,
        Verify.self, History.self, Backup.self, Restore.self, Copy.self, User.self, Review.self, Reported.self,
        Serve.self,
        Template.self,
      ])
  }

  /// Runs the command, turning zhaoshang's own errors into a message in the user's language and a
  /// documented exit code; everything else is left to the argument parser.
  static func main() {
    // A closed pipe then fails the write with EPIPE, which `Console` handles, instead of killing the process.
    signal(SIGPIPE, SIG_IGN)
    var code: Int32 = 0
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as ZhaoshangError {
      Console.note(failureText(for: error, language: CommandLineLanguage.guess()))
      code = exitCode(for: error).rawValue
    } catch {
      exitAfterOutput(error)
    }
    Foundation.exit(finalCode(code))
  }

  /// The argument parser's own exit (help, version, usage errors), unless the output failed on the way: help
  /// and refused command lines in the language of the command line, the help wrapped at the terminal's width.
  static func exitAfterOutput(_ error: Error) -> Never {
    let code = exitCode(for: error).rawValue
    guard Console.outcome == nil else { Foundation.exit(finalCode(code)) }
    let language = CommandLineLanguage.guess()
    let width = HelpScreen.terminalWidth(environment: ProcessInfo.processInfo.environment)
    if code == 0 {
      let text = fullMessage(for: error, columns: HelpScreen.unwrappedWidth)
      // The version, completion scripts and the help's JSON dump go out as the argument parser writes them.
      guard HelpScreen.isHelp(text) else { exit(withError: error) }
      Console.out(HelpScreen.render(text, language: language, width: width))
    } else {
      let text = ArgumentErrorText.text(for: error, language: language)
      if !text.isEmpty { Console.note(HelpScreen.wrapMessage(text, width: width)) }
    }
    Foundation.exit(finalCode(code))
  }

  /// `code`, unless standard output failed: then 74 with a message saying what the command recorded, or the
  /// command's own code with nothing said when the reader closed a pipe.
  static func finalCode(_ code: Int32) -> Int32 {
    guard let (failure, recorded) = Console.outcome, !failure.isClosedPipe else { return code }
    let language = CommandLineLanguage.guess()
    Console.note(language.pick("错误：", "Error: ") + failure.message(recorded: recorded).text(language))
    return 74
  }

  /// The message printed for a zhaoshang error, prefixed as the argument parser prefixes its own.
  static func failureText(for error: ZhaoshangError, language: Language) -> String {
    language.pick("错误：", "Error: ") + error.text(language, phrasing: .commandLine)
  }

  /// 65 for input refused (nothing written), 74 for a database or file that could not be used.
  static func exitCode(for error: ZhaoshangError) -> ExitCode {
    switch error {
    case .invalidInput, .refused, .forbidden, .notFound, .conflict: return ExitCode(65)
    case .storage: return ExitCode(74)
    }
  }
}

/// Finds `--lang` before the options are parsed, for errors raised while parsing.
enum CommandLineLanguage {
  static func guess(
    arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Language {
    for (index, argument) in arguments.enumerated() {
      if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .en }
      if argument == "--lang", index + 1 < arguments.count {
        return Language(rawValue: arguments[index + 1]) ?? .en
      }
    }
    return Language.fromEnvironment(environment)
  }
}
