import ArgumentParser
import Foundation
import ZhaoshangKit

/// The `zhaoshang` command: audits heads' days out on investment promotion (外出招商) month by month.
@main
struct Zhaoshang: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "zhaoshang",
    abstract: "外出招商天数考核台账 — audit heads' days out on investment promotion.",
    discussion: """
      Keep the roster of assessed heads, log trips (by hand or from the CSV files units send in),
      apply the rule file in rules/, run the monthly check and print the units owing explanations.

      First steps:
        zhaoshang demo                     # the shipped July 2022 example, touching no ledger
        zhaoshang init                     # create ./zhaoshang.sqlite and rules/default.toml
        zhaoshang import roster 花名册.csv
        zhaoshang import trips 外出登记.csv
        zhaoshang check --month 2022-07
        zhaoshang owing --month 2022-07 --format notice
        zhaoshang bulletin --month 2022-07
        zhaoshang close --month 2022-07
      """,
    version: version,
    subcommands: [
      Init.self, Demo.self, Rules.self, Roster.self, Import.self, Log.self, Trips.self, Void.self, Unvoid.self,
      Leave.self,
      Check.self, Owing.self, BulletinCommand.self, Explain.self, Close.self, Reopen.self, SummaryCommand.self,
      Verify.self, History.self, Backup.self, Restore.self, User.self, Review.self, Serve.self, Template.self,
    ]
  )

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

  /// The argument parser's own exit (help, version, usage errors), unless the output failed on the way.
  static func exitAfterOutput(_ error: Error) -> Never {
    let code = exitCode(for: error).rawValue
    guard Console.outcome == nil else { Foundation.exit(finalCode(code)) }
    exit(withError: error)
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
