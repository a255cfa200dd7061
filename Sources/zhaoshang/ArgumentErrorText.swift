import ArgumentParser
import Foundation
import ZhaoshangKit

/// A command line the argument parser refused, told in the clerk's language: what is wrong, the option's help
/// (which says what it accepts: a month's forms, a format's names), the usage line and where the full help is.
///
/// The argument parser writes its messages in English and keeps their kinds to itself, so its few sentences are
/// recognised by their wording (swift-argument-parser 1.8) and said again in Chinese; a sentence not recognised,
/// such as a command's own `ValidationError` (already in the chosen language), is kept as it is.
enum ArgumentErrorText {
  static func text(for error: Error, language: Language) -> String {
    let full = Zhaoshang.fullMessage(for: error, columns: HelpScreen.unwrappedWidth)
    guard language == .zh, !full.isEmpty else { return full }
    let message = Zhaoshang.message(for: error)
    let errorLine = "Error: " + message + "\n"
    guard full.hasPrefix(errorLine) else {
      return full.hasPrefix("Error: ") ? "错误：" + chinese(String(full.dropFirst(7))) : full
    }
    var lines = ["错误：" + chinese(message)]
    for line in full.dropFirst(errorLine.count).split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(chineseFrame(String(line)))
    }
    return lines.joined(separator: "\n")
  }

  /// The lines around the message: the option's help, the usage and the pointer to `--help`.
  static func chineseFrame(_ line: String) -> String {
    if line.hasPrefix("Help:  ") { return "说明：" + line.dropFirst(7) }
    if line.hasPrefix("Usage: ") { return "用法：" + line.dropFirst(7) }
    return line.replacingOccurrences(
      of: #"^  See '(.*)' for more information\.$"#, with: "  详细说明：$1", options: .regularExpression)
  }

  /// The argument parser's message in Chinese, or the message as it is when it is not one of the parser's.
  static func chinese(_ message: String) -> String {
    for (pattern, template) in sentences {
      guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
        let match = expression.firstMatch(in: message, range: NSRange(message.startIndex..., in: message))
      else { continue }
      var groups: [String] = []
      for index in 1..<match.numberOfRanges {
        let range = match.range(at: index)
        groups.append(range.location == NSNotFound ? "" : (Range(range, in: message).map { String(message[$0]) } ?? ""))
      }
      return template(groups)
    }
    return message
  }

  /// `--month <month>` is named `--month` in a sentence; a positional `<id>` keeps its brackets.
  static func option(_ synopsis: String) -> String {
    guard synopsis.hasPrefix("-"), let space = synopsis.firstIndex(of: " ") else { return synopsis }
    return String(synopsis[..<space])
  }

  /// What the argument parser adds after a refused value: the values it takes, or the reason it was given.
  static func valueTail(_ tail: String) -> String {
    if tail.hasPrefix(". Please provide one of the following:") {
      return "；请写以下之一：" + tail.dropFirst(". Please provide one of the following:".count)
    }
    if tail.hasPrefix(". Please provide one of ") {
      let list = tail.dropFirst(". Please provide one of ".count).dropLast(tail.hasSuffix(".") ? 1 : 0)
      return "；请写 "
        + list.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " and ", with: " 或 ")
        .replacingOccurrences(of: " or ", with: " 或 ").replacingOccurrences(of: ", ", with: "、")
    }
    if tail.hasPrefix(": ") { return "：" + tail.dropFirst(2) }
    return tail
  }

  static let quoteHint = "值中有空格时，请用英文引号把整个值括起来，如 --reason \"重复 登记\""

  /// The argument parser's sentences (`ErrorMessageGenerator`) and their Chinese.
  static let sentences: [(String, @Sendable ([String]) -> String)] = [
    (
      #"^Unknown option '(.+)'\. Did you mean '(.+)'\?$"#,
      { "没有 \($0[0]) 这个选项；是要写 \($0[1]) 吗？" }
    ),
    (#"^Unknown option '(.+)'$"#, { "没有 \($0[0]) 这个选项；请核对拼写，可用的选项见下面的 --help" }),
    (#"^Missing value for '(.+)'$"#, { "\(option($0[0])) 后面缺少要填的值" }),
    (#"^Missing expected argument '(.+)'$"#, { "缺少 \($0[0])：这一项必须填写" }),
    (#"^Missing one of: (.+)$"#, { "缺少以下之一：\($0[0].replacingOccurrences(of: "'", with: ""))" }),
    (
      #"^The value '(.*)' is invalid for '(--?[^ ']+(?: <[^>]+>)?|<[^>]+>)'(.*)$"#,
      { "\(option($0[1])) 的值「\($0[0])」无法识别" + valueTail($0[2]) }
    ),
    (
      #"^The option '(.+)' does not take any value, but '(.*)' was specified\.$"#,
      { "\($0[0]) 后面不带值，却写了「\($0[1])」" }
    ),
    (#"^Unexpected argument '(.*)'$"#, { "多出了「\($0[0])」，这条命令不需要它；\(quoteHint)" }),
    (
      #"^(\d+) unexpected arguments: '(.*)'$"#,
      { "多出了 \($0[0]) 个值：「\($0[1].replacingOccurrences(of: "', '", with: "」「"))」；\(quoteHint)" }
    ),
    (#"^Missing required subcommand\.$"#, { _ in "缺少子命令" }),
    (#"^Invalid option: (.*)$"#, { "选项写法不对：\($0[0])" }),
    (
      #"^Value to be set with (.*) had already been set with (.*)$"#,
      { "\($0[0]) 与前面的 \($0[1]) 重复，只能写一个".replacingOccurrences(of: "flag ", with: "") }
    ),
  ]
}
