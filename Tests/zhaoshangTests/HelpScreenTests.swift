import ArgumentParser
import Foundation
import Testing
import ZhaoshangKit

@testable import zhaoshang

/// A server's usual locale: no language asked for, so Chinese.
let serverLocale = ["LANG": "C.UTF-8"]

@Suite("Help and refused command lines in the clerk's language")
struct HelpScreenTests {
  /// Every command line that has a help screen: the root and each subcommand, however deep.
  static let commandPaths: [[String]] = {
    func paths(_ command: ParsableCommand.Type, prefix: [String]) -> [[String]] {
      [prefix]
        + command.configuration.subcommands.flatMap { paths($0, prefix: prefix + [$0._commandName]) }
    }
    return paths(Zhaoshang.self, prefix: [])
  }()

  /// Runs `zhaoshang ARGS --help` in a throw-away folder.
  func help(_ args: [String], env: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let workspace = try Workspace()
    defer { workspace.remove() }
    return try workspace.run(args + ["--help"], env: env)
  }

  /// A command line the argument parser refuses, run in a throw-away folder.
  /// Wide enough that the refusal is not wrapped, so its sentences can be looked for whole.
  func refusal(_ args: [String], env: [String: String] = serverLocale) throws -> (status: Int32, stderr: String) {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.run(args, env: env.merging(["COLUMNS": "300"]) { $1 })
    return (result.status, result.stderr)
  }

  /// A command to copy, which may hold English words: `HelpScreen` leaves it whole.
  static func isExample(_ line: String) -> Bool {
    HelpScreen.isExample(line) || line.hasPrefix("    --")
  }

  /// A run of three plain English words outside quotes and command names: an English sentence, where option
  /// names, paths and values (`--month`, `./rules`, `2022-07`) are not words.
  static func hasEnglishProse(_ line: String) -> Bool {
    // A command named in a sentence (zhaoshang user add) is a name, not English.
    let unquoted = line.replacingOccurrences(
      of: #""[^"]*"|`[^`]*`|zhaoshang( [a-z]+)*"#, with: " ", options: .regularExpression)
    var run = 0
    for token in unquoted.split(separator: " ") {
      let word = token.drop(while: { $0 == "(" }).prefix(while: { $0.isASCII && $0.isLetter || $0 == "'" })
      let isWord = word.count > 1 && word.count + 1 >= token.count
      run = isWord ? run + 1 : 0
      if run >= 3 { return true }
    }
    return false
  }

  @Test func theEnglishDetectorFindsTheParsersWordsButNotNamesOrValues() {
    #expect(Self.hasEnglishProse("  -h, --help              Show help information."))
    #expect(Self.hasEnglishProse("  See 'zhaoshang help <subcommand>' for detailed help."))
    #expect(!Self.hasEnglishProse("  --to <to>   外出最后一天；中午返回写 \"2022/7/6 上午\""))
    #expect(!Self.hasEnglishProse("登录账号用 zhaoshang user add 添加。"))
  }

  @Test func helpIsInChineseByDefault() throws {
    // Given a server's locale and no --lang
    // When the check's help is asked for
    let result = try help(["check"], env: serverLocale)

    // Then it is Chinese, the argument parser's own words included, and it says what --unit and the formats do
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("概述：核算一个月"))
    #expect(result.stdout.contains("用法：zhaoshang check"))
    #expect(result.stdout.contains("选项：\n"))
    #expect(result.stdout.contains("显示这份帮助"))
    #expect(!result.stdout.contains("OVERVIEW"))
    #expect(!result.stdout.contains("Show help information"))
  }

  @Test(arguments: [["--lang", "en"], ["--lang=en"]])
  func helpIsInEnglishWhenAskedFor(lang: [String]) throws {
    // Given --lang en on a server's locale
    // When the check's help is asked for
    let result = try help(["check"] + lang, env: serverLocale)

    // Then it is English
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("OVERVIEW: Check a month"))
    #expect(result.stdout.contains("Examples:\n  zhaoshang check --month 2022-07\n"))
    #expect(!result.stdout.contains("概述"))
  }

  @Test func anEnglishLocaleGivesEnglishHelp() throws {
    // Given LANG=en_US.UTF-8 and no --lang
    // When the root help is asked for
    let result = try help([], env: ["LANG": "en_US.UTF-8"])

    // Then it is English
    #expect(result.stdout.hasPrefix("OVERVIEW: "))
    #expect(result.stdout.contains("SUBCOMMANDS:"))
  }

  @Test func checkHelpListsExactlyTheFormatsCheckWrites() throws {
    // Given the check's help in Chinese and in English
    let chinese = try help(["check"], env: serverLocale).stdout
    let english = try help(["check", "--lang", "en"], env: serverLocale).stdout

    // Then each format check accepts is listed on its own line, and formats it refuses are not offered
    for format in Zhaoshang.Check.formats {
      #expect(chinese.contains("\n  \(format.rawValue) "), "\(format) missing from check --help")
      #expect(english.contains("\n  \(format.rawValue) "), "\(format) missing from check --help --lang en")
    }
    for refused in ReportFormat.allCases where !Zhaoshang.Check.formats.contains(refused) {
      #expect(!chinese.contains("\n  \(refused.rawValue) "), "check --help offers \(refused)")
    }
    // And --unit says it limits the report to the unit, with --explain going day by day
    #expect(chinese.contains("--unit 只显示这个单位"))
    #expect(english.contains("--unit shows that unit only"))
  }

  @Test(arguments: ["80", "120"])
  func everyChineseHelpScreenIsChineseAndKeepsExamplesWhole(columns: String) throws {
    for path in Self.commandPaths {
      // Given a command's help on a terminal `columns` wide, in Chinese
      // When it is asked for
      let result = try help(path, env: serverLocale.merging(["COLUMNS": columns]) { $1 })
      let name = (["zhaoshang"] + path).joined(separator: " ")
      #expect(result.status == 0, "\(name) --help exited \(result.status)")
      #expect(result.stdout.contains("概述："), "\(name) --help is not in Chinese")
      #expect(
        !result.stdout.contains("(default") && !result.stdout.contains("(values"), "\(name) --help: English defaults")
      if !path.isEmpty && !Self.parents.contains(path) {
        #expect(result.stdout.contains("例如：\n  zhaoshang "), "\(name) --help has no example")
      }
      for line in result.stdout.split(separator: "\n").map(String.init) {
        // Then no English sentence of the argument parser's or ours is left in it
        if !Self.isExample(line) {
          #expect(!Self.hasEnglishProse(line), "\(name) --help: English in Chinese help: \(line)")
          // And every line fits the terminal
          #expect(DisplayWidth.of(line) <= Int(columns) ?? 80, "\(name) --help: too wide: \(line)")
        }
        // And no quoted value or example is broken across two lines
        #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(name) --help: a quote broken across lines: \(line)")
      }
    }
  }

  /// Commands that only group others: their help lists the subcommands, whose help has the examples.
  static let parents: Set<[String]> = [["rules"], ["roster"], ["import"], ["leave"], ["user"], ["review"]]

  @Test(arguments: ["80", "120"])
  func everyEnglishHelpScreenKeepsQuotedValuesWhole(columns: String) throws {
    for path in Self.commandPaths {
      // Given a command's help in English on a terminal `columns` wide
      let result = try help(path + ["--lang", "en"], env: serverLocale.merging(["COLUMNS": columns]) { $1 })
      let name = (["zhaoshang"] + path).joined(separator: " ")
      #expect(result.status == 0)
      #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(name) --help --lang en is not English")
      for line in result.stdout.split(separator: "\n").map(String.init) where !Self.isExample(line) {
        // Then every line fits and no quoted value is split
        #expect(DisplayWidth.of(line) <= Int(columns) ?? 80, "\(name) --help: too wide: \(line)")
        #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(name) --help: a quote broken across lines: \(line)")
      }
    }
  }

  @Test func theLogExampleWithHalfDaysCopiesAsWritten() throws {
    // Given the help of log at 80 columns, the example whose quoted dates used to be cut in two
    let result = try help(["log"], env: serverLocale.merging(["COLUMNS": "80"]) { $1 })

    // Then the half-day dates stay inside their quotes on one line, the line continued with a backslash
    #expect(result.stdout.contains("  --from \"2022/7/4 下午\" --to \"2022/7/6 上午\" --destination 上海 \\\n"))
  }

  @Test func anUnreadableMonthIsRefusedInChineseWithTheFormsItTakes() throws {
    // Given a month without its year, on a server's locale
    // When the check is run
    let refused = try refusal(["check", "--month", "7月"])

    // Then the refusal is Chinese, names the value and the forms a month is written in, shows the usage and
    // where the help is, and is a usage error
    #expect(refused.status == usageError)
    #expect(refused.stderr.hasPrefix("错误：--month 的值「7月」无法识别\n"))
    #expect(refused.stderr.contains("2022-07"))
    #expect(refused.stderr.contains("2022年7月"))
    #expect(refused.stderr.contains("\n用法：zhaoshang check "))
    #expect(refused.stderr.contains("详细说明：zhaoshang check --help"))
    #expect(!refused.stderr.contains("Error:"))
    #expect(!refused.stderr.contains("invalid"))
  }

  @Test func anUnreadableMonthIsRefusedInEnglishWithTheFormsWhenAskedFor() throws {
    // Given the same month with --lang en
    let refused = try refusal(["check", "--month", "7月", "--lang", "en"])

    // Then the argument parser's English stays, with the forms of a month beside it
    #expect(refused.status == usageError)
    #expect(refused.stderr.hasPrefix("Error: The value '7月' is invalid for '--month <month>'"))
    #expect(refused.stderr.contains("2022年7月"))
  }

  @Test func aMistypedOptionIsRefusedInChineseWithTheOneMeant() throws {
    // Given --mont for --month
    let refused = try refusal(["check", "--mont", "2022-07"])

    // Then the option is named with the one meant
    #expect(refused.status == usageError)
    #expect(refused.stderr.hasPrefix("错误：没有 --mont 这个选项；是要写 --month 吗？"))
  }

  @Test func aMissingValueIsRefusedInChinese() throws {
    // Given --month with nothing after it
    let refused = try refusal(["check", "--month"])

    // Then it says the value is missing
    #expect(refused.status == usageError)
    #expect(refused.stderr.hasPrefix("错误：--month 后面缺少要填的值"))
  }

  @Test func aMissingOptionIsRefusedInChineseWithItsHelp() throws {
    // Given a roster entry without its unit
    let refused = try refusal(["roster", "add", "--name", "王某", "--role", "书记"])

    // Then --unit is asked for, with what it is
    #expect(refused.status == usageError)
    #expect(refused.stderr.hasPrefix("错误：缺少 --unit <unit>"))
    #expect(refused.stderr.contains("说明：--unit <unit>  单位名称"))
    #expect(refused.stderr.contains("详细说明：zhaoshang roster add --help"))
  }

  @Test func anUnquotedValueWithASpaceIsRefusedWithHowToQuoteIt() throws {
    // Given a reason with a space, not quoted
    let refused = try refusal(["void", "42", "--reason", "重复", "登记"])

    // Then the extra word is named and quoting is explained
    #expect(refused.status == usageError)
    #expect(refused.stderr.hasPrefix("错误：多出了「登记」"))
    #expect(refused.stderr.contains("请用英文引号把整个值括起来，如 --reason \"重复 登记\""))
  }

  @Test func aFormatThatIsNoFormatListsTheCommandsOwn() throws {
    // Given a format no command writes
    let refused = try refusal(["check", "--format", "pdf"])

    // Then the formats check writes are listed, in Chinese
    #expect(refused.status == usageError)
    #expect(refused.stderr.contains("没有 pdf 这种格式；这里可用的有：table, json, csv, markdown, html, xlsx"))
  }

  @Test func aRefusalIsWrappedAtTheTerminalsWidth() throws {
    // Given a refused command line with a long usage, on a terminal 80 columns wide
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.run(
      ["roster", "add", "--name", "王某", "--role", "书记"], env: serverLocale.merging(["COLUMNS": "80"]) { $1 })

    // Then no line is wider, and the usage goes on under its first word
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
    let usage = try #require(lines.firstIndex { $0.hasPrefix("用法：") })
    #expect(lines[usage + 1].hasPrefix("      ["))
  }

  /// The Chinese refusal of a command line, as `main` prints it.
  func chineseRefusal(_ arguments: [String]) throws -> String {
    let error = try #require(parseFailure(arguments), "\(arguments) should not parse")
    return ArgumentErrorText.text(for: error, language: .zh)
  }

  @Test func aValueOutsideAFixedListNamesTheValuesInChinese() throws {
    // Given an encoding zhaoshang does not read
    let text = try chineseRefusal(["import", "trips", "7月外出.csv", "--encoding", "big5"])

    // Then the values it takes are named, in Chinese
    #expect(text.hasPrefix("错误：--encoding 的值「big5」无法识别；请写 utf8 或 gb18030\n"))
  }

  @Test func aFlagGivenAValueIsRefusedInChinese() throws {
    // Given a flag written as if it took a value
    let text = try chineseRefusal(["check", "--exit-code=1"])

    // Then the flag is named with the value it does not take
    #expect(text.hasPrefix("错误：--exit-code 后面不带值，却写了「1」"))
  }

  @Test func severalWordsTooManyAreNamedInChinese() throws {
    // Given a reason of three words, unquoted
    let text = try chineseRefusal(["void", "42", "--reason", "重复", "登记", "了"])

    // Then both extra words are named, with how to quote
    #expect(text.hasPrefix("错误：多出了 2 个值：「登记」「了」；"))
  }

  @Test func aSentenceThatIsNotTheParsersIsKept() {
    // Given a command's own refusal, already in the chosen language
    // Then it is left as it is
    #expect(
      ArgumentErrorText.chinese("--explain 需要指定单位，如 --explain --unit 朱坝街道")
        == "--explain 需要指定单位，如 --explain --unit 朱坝街道")
  }
}
