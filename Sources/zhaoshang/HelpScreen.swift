import Foundation
import ZhaoshangKit

/// The help screen: the argument parser's, with its own words in the clerk's language, wrapped by zhaoshang.
///
/// The argument parser (1.8) wraps at the terminal's width but counts characters, not columns, so a Chinese
/// line came out twice as wide as the terminal, and it breaks only at spaces, inside a quoted example too. So the
/// help is asked for unwrapped (`unwrappedWidth`) and wrapped here by display width (`LineWrapping`), with the
/// examples left whole on their own lines.
enum HelpScreen {
  /// Wide enough that the argument parser breaks no line of its own.
  static let unwrappedWidth = 10_000

  /// Whether the text the argument parser printed for a clean exit is a help screen (rather than the version,
  /// a completion script or the JSON dump of the help, which stay as they are).
  static func isHelp(_ text: String) -> Bool {
    text.hasPrefix("OVERVIEW: ") || text.hasPrefix("USAGE: ")
  }

  static func render(_ text: String, language: Language, width: Int) -> String {
    var lines: [String] = []
    var inList = false
    var continuesExample = false
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let line = language == .zh ? chinese(rawLine) : rawLine
      if isListHeading(rawLine) { inList = true }
      let example = continuesExample || isExample(line)
      // An example too long for one line goes on with a backslash, and its next line is the example's too.
      continuesExample = example && line.hasSuffix("\\")
      if line.isEmpty || example {
        lines.append(line)
      } else {
        lines += LineWrapping.wrap(line, width: width, hangingIndent: hangingIndent(of: line, inList: inList))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The lists of arguments, options and subcommands follow the overview and the usage.
  static func isListHeading(_ line: String) -> Bool {
    ["ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:"].contains(line)
  }

  /// A command to copy: written on a line of its own, never broken.
  static func isExample(_ line: String) -> Bool {
    let text = line.drop(while: { $0 == " " })
    return text.hasPrefix("zhaoshang ") || text.contains("| zhaoshang ")
  }

  /// Where a wrapped line continues: under the help text for an option (the argument parser's label column),
  /// under the first word after a heading such as "USAGE:", else at the line's own indent (past a "- " bullet).
  static func hangingIndent(of line: String, inList: Bool) -> Int {
    let indent = line.prefix(while: { $0 == " " }).count
    if inList && indent == 2 { return labelColumn }
    for heading in ["USAGE: ", "用法："] where line.hasPrefix(heading) {
      return DisplayWidth.of(heading)
    }
    return line.dropFirst(indent).hasPrefix("- ") ? indent + 2 : indent
  }

  /// The column the argument parser starts options' help at.
  static let labelColumn = 26

  /// The argument parser's own words on a help screen, in Chinese; the rest is already in the chosen language.
  static func chinese(_ line: String) -> String {
    let headings = [
      "OVERVIEW: ": "概述：", "USAGE: ": "用法：", "ARGUMENTS:": "参数：", "OPTIONS:": "选项：", "SUBCOMMANDS:": "子命令：",
    ]
    for (english, chinese) in headings where line.hasPrefix(english) {
      return chinese + line.dropFirst(english.count)
    }
    var line = line
    let phrases = [
      "Show help information.": "显示这份帮助",
      "Show subcommand help information.": "显示某条子命令的帮助",
      "Show the version.": "显示版本号",
      // Same width, so the help after the label stays in its column.
      " (default) ": "（默认）   ",
    ]
    for (english, chinese) in phrases {
      line = line.replacingOccurrences(of: english, with: chinese)
    }
    line = line.replacingOccurrences(
      of: #" ?\(values: ([^;)]*); default: ([^)]*)\)"#, with: "（可选：$1；默认：$2）", options: .regularExpression)
    line = line.replacingOccurrences(of: #" ?\(values: ([^)]*)\)"#, with: "（可选：$1）", options: .regularExpression)
    line = line.replacingOccurrences(
      of: #" ?\(default as flag: ([^)]*)\)"#, with: "（默认：$1）", options: .regularExpression)
    line = line.replacingOccurrences(of: #" ?\(default: ([^)]*)\)"#, with: "（默认：$1）", options: .regularExpression)
    line = line.replacingOccurrences(
      of: #"^  See '(.*) <subcommand>' for detailed help\.$"#, with: "  各子命令的详细说明：$1 <子命令>",
      options: .regularExpression)
    return line
  }

  /// A refused command line's message wrapped at the terminal's width: each line goes on under the text after
  /// its heading ("错误：", "说明：", "用法：", or the argument parser's "Error: ", "Help:  ", "Usage: ").
  static func wrapMessage(_ text: String, width: Int) -> String {
    let headings = ["错误：", "说明：", "用法：", "Error: ", "Help:  ", "Usage: "]
    return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
      let line = String(line)
      let heading = headings.first { line.hasPrefix($0) }
      let hanging = heading.map { DisplayWidth.of($0) } ?? line.prefix(while: { $0 == " " }).count
      return LineWrapping.wrap(line, width: width, hangingIndent: hanging)
    }.joined(separator: "\n")
  }

  /// The terminal's width in columns: `COLUMNS`, else the terminal standard output is, else 80.
  static func terminalWidth(environment: [String: String]) -> Int {
    if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmed) }), columns > 0 { return columns }
    var size = winsize()
    #if os(Linux)
      let result = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size)
    #else
      let result = ioctl(STDOUT_FILENO, TIOCGWINSZ, &size)
    #endif
    return result == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
  }
}
