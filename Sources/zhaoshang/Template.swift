import ArgumentParser
import Foundation
import ZhaoshangKit

extension ImportForm.Kind: ExpressibleByArgument {}

extension Zhaoshang {
  /// `zhaoshang template trips|roster|leave --output FILE.xlsx`: the blank form units fill in.
  struct Template: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "生成空白的 .xlsx 填报表（外出、花名册或请假），带下拉选项，供各单位填写",
          "Write a blank .xlsx form (trips, roster or leave) with drop-down lists, for units to fill in."),
        discussion: HelpText.discussion(
          "表头与导入时的一致，带一行示例（导入时跳过），并有下拉选项：规则文件中的单位、"
            + "在任的考核对象（--unit 所给单位的，否则全部单位的）和外出类型，填回后可直接用 zhaoshang "
            + "import 导入。",
          "The form has the importer's own header, an example row (skipped on import), and drop-down "
            + "lists of the units the rules declare, the heads in post (of --unit, else of every unit) "
            + "and the trip kinds, so what comes back imports cleanly with zhaoshang import.",
          examples: [
            "zhaoshang template trips --output 外出登记表.xlsx --unit 朱坝街道", "zhaoshang template roster --output 花名册.xlsx",
          ]))
    }

    @Argument(help: .text("trips（外出）、roster（花名册）或 leave（请假）", "trips, roster or leave.")) var kind: ImportForm.Kind
    @Option(help: .text("要写的 .xlsx 文件", "The .xlsx file to write.")) var output: String
    @Option(
      help: .text(
        "填表的单位：下拉选项列出其在任人员，表上印其名称",
        "The unit filling in the form: its heads in the drop-down list, its name on the form."))
    var unit: String?
    @Option(help: .month("表格对应的月份（默认：本月）", "The month the form is for (default: this month)")) var month: Month?
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      let month = month ?? Month(containing: CivilDate.today())
      let rules = try ledger.loadRules()
      let ruleSet = try rules.ruleSet(for: month)
      let unit = unit?.trimmingCharacters(in: .whitespaces)
      if let unit, !ruleSet.units.contains(unit) {
        throw ZhaoshangError.invalid(
          "--unit", "规则文件中没有单位「\(unit)」；请检查单位名称", "the rules declare no unit \"\(unit)\"; check the unit's name")
      }
      // The roster is read only for the heads' names: a form can be made before anyone is on it.
      var heads: [String] = []
      if kind != .roster {
        let posts = try ledger.withStore { store in
          try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.posts(unit: unit, on: nil) }
        }
        let inMonth = posts.filter {
          ($0.from ?? month.firstDay) <= month.lastDay && ($0.to ?? month.firstDay) >= month.firstDay
        }
        for post in inMonth where !heads.contains(post.name) { heads.append(post.name) }
      }
      let kinds = ruleSet.kinds.map { $0.title.zh }
      let table = ImportForm.table(kind, units: ruleSet.units, heads: heads, kinds: kinds, unit: unit, month: month)
      let data = try XLSXWriter.data([table])
      do {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
      } catch {
        throw ZhaoshangError.storage(
          Localized(
            "无法写入文件 \(output)；请检查目录是否存在、是否有写权限，以及文件是否正在 Excel 或 WPS 中打开",
            "cannot write \(output); check that its folder exists and is writable, and that the file is not open in Excel or WPS"
          ))
      }
      Console.out(ledger.language.pick("已生成空白表格 \(output)。", "wrote the blank form \(output)."))
    }
  }
}
