import ZhaoshangKit

/// What an import says when it is done.
enum ImportSummary {
  static func print(_ report: ImportReport, noun: Localized, language: Language) {
    for warning in report.warnings {
      Console.note(language.pick("提示：", "note: ") + warning.text(language, phrasing: .commandLine))
    }
    // A whole file imported twice would otherwise print every line: name a few, count the rest.
    for location in report.firstAlreadyPresent {
      Console.note("\(location): " + language.pick("与已登记的记录相同，已跳过", "already recorded, skipped"))
    }
    let more = report.alreadyPresent - report.firstAlreadyPresent.count
    if more > 0 {
      Console.note(language.pick("……另有 \(more) 行与已登记的记录相同，已跳过", "... and \(more) more rows already recorded, skipped"))
    }
    let verb = report.dryRun ? Localized("将导入", "would import") : Localized("已导入", "imported")
    let skipped =
      report.alreadyPresent == 0
      ? Localized("", "")
      : Localized("，跳过已存在的 \(report.alreadyPresent) 条", "; \(report.alreadyPresent) already present skipped")
    let tail = report.dryRun ? Localized("（试运行，未写入）", " (dry run: nothing written)") : Localized("", "")
    let done = Localized(
      "\(verb.zh) \(report.added) \(noun.zh)\(skipped.zh)\(tail.zh)。",
      "\(verb.en) \(report.added) \(noun.en)\(skipped.en)\(tail.en).")
    // A dry run wrote nothing, so there is nothing to keep if the output fails.
    if report.dryRun { Console.out(done.text(language)) } else { Console.confirm(done, language: language) }
  }
}
