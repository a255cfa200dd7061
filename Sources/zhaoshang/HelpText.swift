import ArgumentParser
import ZhaoshangKit

/// Help written in both languages beside each command, shown in the language of the command line.
///
/// The argument parser builds help from the commands' `configuration` and `help:` strings while it parses, before
/// any option is read, so the language is decided from the raw arguments (`--lang`) and the environment, as
/// `CommandLineLanguage.guess()` does for every message printed before the options are known.
enum HelpText {
  /// Decided once: the parser asks for it thousands of times while it builds the commands' help, and each
  /// guess copies the whole environment, which cost more than importing 10,000 trips. The arguments and the
  /// environment do not change while the process runs.
  static let language: Language = CommandLineLanguage.guess()

  /// The text written for the language help is shown in.
  static func pick(_ zh: String, _ en: String) -> String {
    language.pick(zh, en)
  }

  /// A command's discussion: what it does, then its examples under a heading, one command to a line, so the
  /// help screen never wraps an example (see `HelpScreen`) and each line copies and pastes as it is.
  static func discussion(_ zh: String, _ en: String, examples: [String] = [], formats: [ReportFormat] = []) -> String {
    var parts: [String] = []
    let prose = pick(zh, en)
    if !prose.isEmpty { parts.append(prose) }
    if !formats.isEmpty { parts.append(formatList(formats)) }
    if !examples.isEmpty {
      let lines = examples.flatMap { $0.split(separator: "\n").map { "  " + $0 } }
      parts.append(pick("例如：", "Examples:") + "\n" + lines.joined(separator: "\n"))
    }
    return parts.joined(separator: "\n\n")
  }

  /// What `--format` accepts here and what each format is, from the list the command validates against.
  static func formatList(_ formats: [ReportFormat]) -> String {
    let lines = formats.map { format in
      "  " + DisplayWidth.pad(format.rawValue, to: 10) + describe(format)
    }
    return pick(
      "--format 可用的格式（不写时按 --output 的扩展名决定，否则为 table）：",
      "--format takes (default: from --output's extension, else table):")
      + "\n" + lines.joined(separator: "\n")
  }

  static func describe(_ format: ReportFormat) -> String {
    switch format {
    case .table: return pick("在屏幕上显示的表格（.txt）", "a table for the screen (.txt)")
    case .json: return pick("JSON 数据（.json）", "JSON data (.json)")
    case .csv: return pick("CSV 表格，Excel 可直接打开（.csv）", "a CSV file Excel opens (.csv)")
    case .markdown: return pick("Markdown 文本（.md）", "Markdown text (.md)")
    case .notice: return pick("可直接粘贴进通报的一段话（.txt、.md）", "the paragraph pasted into the bulletin (.txt, .md)")
    case .text: return pick("按印发格式排好的正文（.txt、.md）", "plain text laid out as published (.txt, .md)")
    case .html: return pick("可打印的网页（.html）", "a printable page (.html)")
    case .xlsx: return pick("Excel 工作簿，须写入文件（.xlsx）", "an Excel workbook, written to a file (.xlsx)")
    case .docx: return pick("Word 文档，须写入文件（.docx）", "a Word document, written to a file (.docx)")
    }
  }
}

/// On `ArgumentHelp?`, the type of every `help:` parameter, so `help: .text("…", "…")` finds them.
extension Optional where Wrapped == ArgumentHelp {
  /// An option's or argument's help in the language of the command line.
  static func text(_ zh: String, _ en: String) -> ArgumentHelp? {
    ArgumentHelp(HelpText.pick(zh, en))
  }

  /// A month option's help: what the month is for, then the forms `Month` reads, so a refused month shows them.
  static func month(_ zh: String, _ en: String) -> ArgumentHelp? {
    ArgumentHelp(HelpText.pick(zh, en) + HelpText.pick("；", "; ") + Month.acceptedForms.text(HelpText.language))
  }
}
