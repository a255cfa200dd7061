import Foundation
import Testing

@testable import ZhaoshangKit

/// July 2022 with one tier of two units: 朱坝街道 (王某 out 1 day, 刘某 not out) and 黄集街道 (compliant),
/// plus 住建局 in a 5-day tier (唐某 out 2.5 days) and 残联 vacant.
func smallReport(short: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws -> CheckReport {
  let town = Tier(id: "town", title: "镇街党政主要负责人", minDays: 10, units: ["朱坝街道", "黄集街道"])
  let task = Tier(id: "task", title: "其他有项目招引任务的部门负责人", minDays: 5, units: ["住建局", "残联"])
  let rules = try TestRules.set(tiers: [town, task])
  let posts = [
    try post("朱坝街道", "王某"), try post("朱坝街道", "刘某", role: "办事处主任"), try post("黄集街道", "陈某"),
    try post("住建局", "唐某", role: "局长"), try post("残联", "袁某", role: "理事长", to: "2022-06-30"),
  ]
  var trips = [
    try trip("朱坝街道", "王某", "2022-07-14"),
    try trip("黄集街道", "陈某", "2022-07-01", "2022-07-10"),
    try trip("住建局", "唐某", "2022-07-04", "2022-07-06", pm: true),
  ]
  if !short {
    trips += [
      try trip("朱坝街道", "王某", "2022-07-15", "2022-07-31"), try trip("朱坝街道", "刘某", "2022-07-11", "2022-07-20"),
      try trip("住建局", "唐某", "2022-07-11", "2022-07-15"),
    ]
  }
  return MonthlyCheck.run(month: try m("2022-07"), rules: rules, posts: posts, trips: trips)
}

/// The report of one short head: 朱坝街道's 王某, out 1 day of 10.
func oneShortHead() throws -> CheckReport {
  let rules = try TestRules.set(tiers: [Tier(id: "town", title: "镇街党政主要负责人", minDays: 10, units: ["朱坝街道"])])
  return MonthlyCheck.run(
    month: try m("2022-07"), rules: rules, posts: [try post("朱坝街道", "王某")],
    trips: [try trip("朱坝街道", "王某", "2022-07-14")])
}

@Suite("The owing list")
struct OwingRendererTests {
  @Test("The bulletin's notice for one short head, word for word")
  func noticeOneHead() throws {
    let text = try OwingRenderer(language: .zh).render(try oneShortHead(), as: .notice)
    #expect(text == "7月份外出招商天数未达要求的单位：朱坝街道（党工委书记王某外出1天，应外出10天）。请以上单位于8月5日前向区委区政府作出情况说明。\n")
  }

  @Test("The notice lists every short head of every short unit, in the rule file's order")
  func noticeSeveral() throws {
    let text = OwingRenderer(language: .zh).notice(try smallReport())
    #expect(
      text
        == "7月份外出招商天数未达要求的单位：朱坝街道（党工委书记王某外出1天，应外出10天；办事处主任刘某未外出，应外出10天）、住建局（局长唐某外出2.5天，应外出5天）。请以上单位于8月5日前向区委区政府作出情况说明。\n"
    )
  }

  @Test("The English notice")
  func noticeEnglish() throws {
    let text = OwingRenderer(language: .en).notice(try oneShortHead())
    #expect(
      text
        == "Units short of the required days out on investment promotion in 2022-07: 朱坝街道 (党工委书记 王某: 1 of 10 days). These units are to submit a written explanation to the district by 2022-08-05.\n"
    )
  }

  @Test("When every unit complies, the notice says so")
  func allCompliant() throws {
    let report = try smallReport(short: false)
    #expect(report.shortUnits.isEmpty)
    #expect(try OwingRenderer(language: .zh).render(report, as: .notice) == "2022年7月份各考核单位外出招商天数均达到要求。\n")
    #expect(
      try OwingRenderer(language: .en).render(report, as: .table)
        == "Every assessed unit met its days out in 2022-07.\n")
  }

  @Test("The owing table lists only short heads with their due date")
  func table() throws {
    let text = try OwingRenderer(language: .en).render(try smallReport(), as: .table)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "Units owing an explanation for 2022-07 (due 2022-08-05)")
    // The title, the header and its rule, then the three short heads
    #expect(lines.count == 1 + 2 + 3)
    #expect(!text.contains("陈某"))
    #expect(lines.contains { $0.hasPrefix("住建局") && $0.contains("唐某") && $0.hasSuffix("2022-08-05") })
  }

  @Test("The owing CSV and JSON")
  func csvAndJSON() throws {
    let report = try smallReport()
    // English keeps the identifiers scripts read; Chinese headers are TranslatedExportTests' business
    let csv = try OwingRenderer(language: .en).render(report, as: .csv)
    #expect(
      csv
        == "unit,name,role,required_days,counted_days,shortfall_days,explanation_due\r\n"
        + "朱坝街道,王某,党工委书记,10,1,9,2022-08-05\r\n朱坝街道,刘某,办事处主任,10,0,10,2022-08-05\r\n"
        + "住建局,唐某,局长,5,2.5,2.5,2022-08-05\r\n")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(try OwingRenderer(language: .zh).render(report, as: .json).utf8))
        as? [String: Any])
    // `month_state` and `has_trips` come only with a report read as of a day; `not_reported` names the short
    // units that have not reported yet (未报送), `roster_empty` says nobody was assessed.
    #expect(Set(json.keys) == ["month", "explanation_due", "units", "not_reported", "roster_empty"])
    #expect((json["not_reported"] as? [String]) == [])
    #expect((json["roster_empty"] as? Bool) == false)
    let units = try #require(json["units"] as? [[String: Any]])
    #expect(units.map { $0["unit"] as? String } == ["朱坝街道", "住建局"])
    let heads = try #require(units.last?["people"] as? [[String: Any]])
    #expect(heads.first?["counted_days"] as? Double == 2.5)
  }
}

@Suite("The check report")
struct CheckRendererTests {
  @Test("The JSON has exactly the documented keys, and reads back")
  func json() throws {
    // Given July's report with short, compliant and vacant units
    let report = try smallReport()
    // When it is written as JSON and parsed back
    let text = try CheckRenderer(language: .en).render(report, as: .json)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    // Then the keys are exactly those of the README's interface
    #expect(Set(object.keys) == ["month", "rules", "people", "units", "warnings"])
    #expect(object["month"] as? String == "2022-07")
    let rules = try #require(object["rules"] as? [String: Any])
    #expect(Set(rules.keys) == ["path", "sha256", "title", "effective_from"])
    #expect(rules["path"] as? String == "rules/test.toml")
    #expect(rules["sha256"] as? String == "0123abcd")
    #expect(rules["title"] as? String == "测试规则")
    let people = try #require(object["people"] as? [[String: Any]])
    #expect(people.count == 4)
    for person in people {
      #expect(
        Set(person.keys) == [
          "unit", "name", "role", "tier", "days_in_post", "required_days", "counted_days", "pending_days",
          "shortfall_days", "compliant",
        ])
    }
    let tang = try #require(people.first { $0["name"] as? String == "唐某" })
    #expect(tang["tier"] as? String == "task")
    #expect(tang["required_days"] as? Double == 5)
    #expect(tang["counted_days"] as? Double == 2.5)
    #expect(tang["shortfall_days"] as? Double == 2.5)
    #expect(tang["compliant"] as? Bool == false)
    #expect(tang["days_in_post"] as? Int == 31)
    let units = try #require(object["units"] as? [[String: Any]])
    #expect(units.map { $0["unit"] as? String } == ["朱坝街道", "黄集街道", "住建局", "残联"])
    for unit in units {
      #expect(Set(unit.keys) == ["unit", "tier", "status", "people_out", "person_days", "explanation_due"])
    }
    // And explanation_due is null unless the unit is short
    let due = units.map { ($0["status"] as? String ?? "?", $0["explanation_due"]) }
    #expect(due.map(\.0) == ["short", "compliant", "short", "vacant"])
    #expect(due[0].1 as? String == "2022-08-05")
    #expect(due[1].1 is NSNull)
    #expect(due[2].1 as? String == "2022-08-05")
    #expect(due[3].1 is NSNull)
    #expect(units[0]["people_out"] as? Int == 1)
    #expect(units[0]["person_days"] as? Double == 1)
    let warnings = try #require(object["warnings"] as? [String])
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("残联") == true)
  }

  @Test("The CSV has one row per head with unformatted numbers")
  func csv() throws {
    let text = try CheckRenderer(language: .en).render(try smallReport(), as: .csv)
    let lines = text.components(separatedBy: "\r\n")
    #expect(
      lines.first
        == "month,unit,tier,name,role,days_in_post,required_days,counted_days,shortfall_days,compliant,unit_status,explanation_due"
    )
    #expect(lines[1] == "2022-07,朱坝街道,town,王某,党工委书记,31,10,1,9,false,short,2022-08-05")
    #expect(lines[3] == "2022-07,黄集街道,town,陈某,党工委书记,31,10,10,0,true,compliant,")
    #expect(lines[4] == "2022-07,住建局,task,唐某,局长,31,5,2.5,2.5,false,short,2022-08-05")
    #expect(lines.count == 6)
    #expect(lines.last == "")
  }

  @Test("The table: title, a row per head, the unit's status once, vacant units, the summary and warnings")
  func table() throws {
    let text = try CheckRenderer(language: .en).render(try smallReport(), as: .table)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Days out on investment promotion, 2022-07 (测试规则)")
    #expect(lines.contains("3 units assessed, 2 short; their explanations are due by 2022-08-05."))
    #expect(lines.contains { $0.hasPrefix("warning: unit \"残联\" had nobody in post") })
    let zhuba = lines.filter { $0.contains("王某") || $0.contains("刘某") }
    #expect(zhuba.count == 2)
    #expect(zhuba[0].hasPrefix("朱坝街道"))
    #expect(zhuba[0].contains("short"))
    #expect(zhuba[1].hasPrefix(" "))
    #expect(!zhuba[1].contains("short"))
    #expect(lines.contains { $0.hasPrefix("残联") && $0.contains("vacant") })
    // And without a colour asked for, no escape codes
    #expect(!text.contains("\u{1B}["))
  }

  @Test("The Chinese summary names the due date")
  func chineseSummary() throws {
    let text = try CheckRenderer(language: .zh).render(try smallReport(), as: .table)
    #expect(text.hasPrefix("2022年7月外出招商天数考核（测试规则）\n"))
    #expect(text.contains("考核单位 3 个，未达标 2 个，须于 2022年8月5日前作出情况说明。"))
    #expect(text.contains("注意：单位「残联」2022年7月没有在任的考核对象"))
  }

  @Test("Status colours only when asked for")
  func colour() throws {
    let text = try CheckRenderer(language: .en, colour: .ansi).render(try smallReport(), as: .table)
    #expect(text.contains("\u{1B}[31mshort"))
    #expect(text.contains("\u{1B}[32mcompliant"))
    #expect(text.contains("\u{1B}[33mvacant"))
  }

  @Test("Markdown: a heading, an escaped table and the warnings as a list")
  func markdown() throws {
    let text = try CheckRenderer(language: .en).render(try smallReport(), as: .markdown)
    #expect(text.hasPrefix("## Days out on investment promotion, 2022-07 (测试规则)\n\n| unit | tier | name |"))
    #expect(text.contains("| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- |"))
    #expect(text.contains("- warning: unit \"残联\""))
  }
}

@Suite("Lists of the roster and trips")
struct ListRendererTests {
  @Test("The roster's CSV export re-imports unchanged")
  func rosterRoundTrip() throws {
    try withTemporaryFolder { folder in
      // Given a roster with open and closed posts, and a name holding a comma
      let posts = [
        try post("朱坝街道", "王某", from: "2021-09-01"),
        try post("共和镇", "郭某", role: "镇长", from: "2020-09-01", to: "2022-07-15"),
        try post("共和镇", "马某", role: "镇长, 兼党委副书记"),
      ]
      // When it is exported and imported again
      let path = folder.appendingPathComponent("roster.csv").path
      try Data(try ListRenderer(language: .zh).render(posts: posts, as: .csv).utf8).write(
        to: URL(fileURLWithPath: path))
      let batch = try RosterImporter.read(path: path)
      // Then the same posts come back
      #expect(batch.problems.isEmpty)
      #expect(batch.warnings.isEmpty)
      #expect(batch.entries.map(\.value) == posts)
    }
  }

  @Test("The trips' CSV export re-imports as the same trips")
  func tripsRoundTrip() throws {
    try withTemporaryFolder { folder in
      var first = try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true, am: true)
      first.companies = ["甲公司", "乙公司"]
      first.purpose = "拜访企业，\"洽谈\"项目"
      first.id = 7
      let trips = [first, try trip("黄集街道", "陈某", "2022-07-08", kind: "video", voided: true)]
      let text = try ListRenderer(language: .en).render(trips: trips, as: .csv)
      #expect(
        text.hasPrefix(
          "unit,name,start,end,destination,purpose,companies,kind,days,id,void_reason\r\n"
            + "朱坝街道,王某,2022-07-04 PM,2022-07-06 AM,上海,\"拜访企业，\"\"洽谈\"\"项目\",甲公司;乙公司,visit,2,7,\r\n"))
      let path = folder.appendingPathComponent("trips.csv").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let batch = try TripImporter.read(path: path)
      #expect(batch.problems.isEmpty)
      #expect(batch.entries.count == 2)
      #expect(zip(batch.entries.map(\.value), trips).allSatisfy { $0.isSameTrip(as: $1) })
      #expect(batch.entries.first?.value.companies == ["甲公司", "乙公司"])
      #expect(batch.entries.first?.value.purpose == first.purpose)
    }
  }

  @Test("The trip table marks void trips and counts them")
  func tripTable() throws {
    let trips = [
      try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06", pm: true),
      try trip("黄集街道", "陈某", "2022-07-08", kind: "video", voided: true),
    ]
    let zh = try ListRenderer(language: .zh).render(trips: trips, as: .table)
    #expect(zh.contains("已作废：重复登记"))
    #expect(zh.contains("2022-07-04 下午"))
    #expect(zh.contains("视频洽谈"))
    #expect(zh.hasSuffix("共 2 条外出记录，其中 1 条已作废。\n"))
    let en = try ListRenderer(language: .en).render(trips: trips, as: .table)
    #expect(en.contains("void: 重复登记"))
    #expect(en.hasSuffix("2 trips, 1 of them void.\n"))
  }

  @Test("The roster table counts the posts")
  func rosterTable() throws {
    let text = try ListRenderer(language: .en).render(posts: [try post("朱坝街道", "王某")], as: .table)
    #expect(text.hasPrefix("unit      name  role        from  to\n"))
    #expect(text.hasSuffix("\n\n1 posts.\n"))
  }

  @Test("The roster JSON reads back")
  func rosterJSON() throws {
    let text = try ListRenderer(language: .en).render(posts: [try post("朱坝街道", "王某", from: "2021-09-01")], as: .json)
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(entries.first?["from"] as? String == "2021-09-01")
    #expect(entries.first?["to"] is NSNull || entries.first?["to"] == nil)
  }
}

@Suite("Text layout")
struct LayoutTests {
  @Test(
    "CSV fields are quoted only when they must be",
    arguments: [
      ("朱坝街道", "朱坝街道"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("a\nb", "\"a\nb\""),
      ("a\rb", "\"a\rb\""), ("", ""), ("，", "，"),
    ])
  func csvField(text: String, written: String) {
    #expect(CSVWriter.field(text) == written)
  }

  @Test("A CSV document ends every row with CRLF")
  func csvDocument() {
    #expect(CSVWriter.document(header: ["a", "b"], rows: [["1", "x,y"]]) == "a,b\r\n1,\"x,y\"\r\n")
    #expect(CSVWriter.byteOrderMark.unicodeScalars.first?.value == 0xFEFF)
  }

  @Test(
    "Display width: CJK and full-width characters take two columns",
    arguments: [
      ("abc", 3), ("朱坝街道", 8), ("a朱b", 4), ("", 0), ("ＡＢ", 4), ("e\u{301}", 1), ("《招商》", 8), ("한국", 4),
      ("👍", 2), ("5.5", 3),
    ])
  func displayWidth(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test("Padding counts display columns")
  func padding() {
    #expect(DisplayWidth.pad("残联", to: 6) == "残联  ")
    #expect(DisplayWidth.pad("5.5", to: 5, alignRight: true) == "  5.5")
    #expect(DisplayWidth.pad("朱坝街道", to: 4) == "朱坝街道")
  }

  @Test("A table aligns Chinese and numbers by display width")
  func table() {
    let table = TextTable(headers: ["单位", "天数"], rows: [["朱坝街道", "5.5"], ["残联", "10"]], numeric: [1])
    #expect(
      table.render() == """
        单位      天数
        --------  ----
        朱坝街道   5.5
        残联        10
        """)
  }

  @Test("Every row of a table starts each column at the same display column")
  func tableColumns() {
    let rows = [["高良涧街道", "李某", "10"], ["残联", "袁某", "0.5"], ["Hongze Zone", "Li", "7"]]
    let text = TextTable(headers: ["unit", "name", "days"], rows: rows, numeric: [2]).render()
    let lines = text.split(separator: "\n").map(String.init)
    // The name column starts after the widest unit (11 columns) and two spaces
    for (line, row) in zip(lines.dropFirst(2), rows) {
      let prefix = line.components(separatedBy: row[1]).first ?? ""
      #expect(DisplayWidth.of(prefix) == 13, "\(line)")
      #expect(DisplayWidth.of(line) == DisplayWidth.of(lines[1]), "\(line)")
    }
  }

  @Test("Markdown escapes pipes and line breaks and right-aligns numbers")
  func markdown() {
    let table = TextTable(headers: ["单位", "天数"], rows: [["a|b", "1"], ["第一行\n第二行", "2"]], numeric: [1])
    #expect(
      table.markdown() == """
        | 单位 | 天数 |
        | --- | ---: |
        | a\\|b | 1 |
        | 第一行<br>第二行 | 2 |
        """)
  }

  @Test(
    "The format follows the output file's extension",
    arguments: [
      ("out.csv", ReportFormat.csv), ("OUT.CSV", .csv), ("r.json", .json), ("r.md", .markdown),
      ("r.markdown", .markdown), ("r.txt", .table), ("7月考核.xlsx", .xlsx), ("7月通报.DOCX", .docx),
    ])
  func formatForFile(name: String, format: ReportFormat) {
    #expect(ReportFormat.formats(forFile: name)?.first == format)
  }

  @Test("An extension zhaoshang cannot write gives no format; a name without one leaves the choice open")
  func unknownFormat() {
    #expect(ReportFormat.formats(forFile: "report.xls") == [])
    #expect(ReportFormat.formats(forFile: "7月考核.pdf") == [])
    #expect(ReportFormat.formats(forFile: "report") == nil)
    #expect(ReportFormat.formats(forFile: "v1.2/report") == nil)
    #expect(ReportFormat.formats(forFile: ".hidden") == nil)
  }

  @Test("Colour only on a terminal and never with NO_COLOR")
  func colourChoice() {
    #expect(TerminalColour.choose(isTerminal: true, environment: [:]) == .ansi)
    #expect(TerminalColour.choose(isTerminal: false, environment: [:]) == .none)
    #expect(TerminalColour.choose(isTerminal: true, environment: ["NO_COLOR": "1"]) == .none)
    #expect(TerminalColour.none.alarm("short") == "short")
    #expect(TerminalColour.ansi.fine("ok") == "\u{1B}[32mok\u{1B}[0m")
  }

  @Test("The language follows LC_ALL, LC_MESSAGES, then LANG")
  func language() {
    #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
    #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"]) == .en)
    #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW"]) == .zh)
    #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8", "LC_ALL": ""]) == .zh)
    #expect(Language.fromEnvironment([:]) == .zh)
    #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .zh)
    #expect(Localized("中", "en").text(.zh) == "中")
  }
}

@Suite("Tables with very wide cells")
struct WideCellTableTests {
  @Test func aMegabyteCellRendersAsATableOfItsOwnSize() throws {
    // Given a destination of a million characters beside a short one (building every padding up to the widest
    // cell was quadratic: 20,000 characters took seconds and a megabyte aborted on allocation)
    let wide = String(repeating: "a", count: 1_000_000)
    let table = TextTable(headers: ["目的地", "天数"], rows: [[wide, "1"], ["上海", "12"]], numeric: [1])

    // When it is rendered
    let text = table.render()

    // Then each line is padded to the wide column once: four lines of about a megabyte, nothing more
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4)
    #expect(text.utf8.count < 4 * 1_000_010)
    // (Compared apart from #expect, which would print a megabyte on a failure.)
    let wideRow = lines[2] == Substring(wide + "  " + "   1")
    let shortRow = lines[3] == Substring("上海" + String(repeating: " ", count: 1_000_000 - 4) + "  " + "  12")
    #expect(wideRow)
    #expect(shortRow)
  }

  @Test func manyRowsOfDifferentWidthsStayInProportion() {
    // Given 2,000 rows whose first cells are 1 to 2,000 CJK characters wide
    let rows = (1...2_000).map { [String(repeating: "招", count: $0), "x"] }
    let text = TextTable(headers: ["a", "b"], rows: rows).render()

    // Then every row is padded to the widest cell (4,000 columns), and the output is that and no more
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2_002)
    #expect(lines.dropFirst(2).allSatisfy { DisplayWidth.of(String($0)) == 4_000 + 2 + 1 })
  }
}
