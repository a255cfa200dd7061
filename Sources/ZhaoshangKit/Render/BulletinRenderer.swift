/// Writes a `Bulletin` as published: plain text, Markdown, a printable HTML page, CSV of its table, or JSON.
public struct BulletinRenderer: Sendable {
  public let language: Language
  /// The office, issue number and date around the text; nil prints the bulletin without them.
  public let masthead: BulletinMasthead?

  public init(language: Language, masthead: BulletinMasthead? = nil) {
    self.language = language
    self.masthead = masthead
  }

  public func render(_ bulletin: Bulletin, as format: ReportFormat) throws(ZhaoshangError) -> String {
    switch format {
    case .json: return try CheckJSON.encode(bulletin)
    case .csv: return CSVWriter.document(header: headers, rows: rows(bulletin) + [totalRow(bulletin)])
    case .markdown: return markdown(bulletin)
    case .html: return html(bulletin)
    // A workbook or document is built from `sheet`/`document`; asked for text, it gets the table.
    case .xlsx, .docx, .table, .text, .notice: return text(bulletin)
    }
  }

  // MARK: Parts shared by every format

  /// 「2022年7月外出招商情况通报」.
  public func title(_ bulletin: Bulletin) -> String {
    let month = bulletin.month
    return language.pick(
      "\(month.year)年\(month.month)月外出招商情况通报",
      "Bulletin on investment promotion trips, \(month.iso)")
  }

  var headers: [String] {
    language.pick("序号|单位|外出人数|外出天数|去向|是否达标", "no.|unit|heads out|person-days|destinations|met quota")
      .split(separator: "|").map(String.init)
  }

  static let numericColumns: Set<Int> = [0, 2, 3]

  func rows(_ bulletin: Bulletin) -> [[String]] {
    bulletin.rows.map { row in
      let destinations =
        row.wentOut
        ? row.destinations.joined(separator: language.pick("、", ", ")) : language.pick("未外出", "did not go out")
      var met =
        switch row.status {
        case .compliant: language.pick("是", "yes")
        case .notReported: language.pick("未报送", "not reported")
        default: language.pick("否", "no")
        }
      if row.escalate { met += language.pick("（约谈）", " (escalate: 约谈)") }
      return [
        String(row.rank), row.unit, String(row.peopleOut), row.personDays.description, destinations, met,
      ]
    }
  }

  func totalRow(_ bulletin: Bulletin) -> [String] {
    [
      "", language.pick("合计", "total"), String(bulletin.totalPeopleOut), bulletin.totalPersonDays.description, "", "",
    ]
  }

  /// The opening paragraph with the headline figures.
  func introduction(_ bulletin: Bulletin) -> String {
    let figures = bulletin.figures
    let year = bulletin.yearToDate
    let month = bulletin.month
    let spanZh = year.from == year.through ? "\(year.through.month)月" : "\(year.from.month)—\(year.through.month)月"
    let spanEn =
      year.from == year.through ? year.through.iso : "\(year.from.iso) to \(year.through.iso)"
    let soFar = bulletin.completeness?.soFar(language).map { language.pick("（\($0)）", " (\($0))") } ?? ""
    return language.pick(
      "根据《\(bulletin.rulesTitle)》，现将\(month.year)年\(month.month)月\(soFar)外出招商情况通报如下：本月考核单位\(figures.unitsAssessed)个，外出负责人\(figures.headsOut)人，外出招商\(figures.personDays)天；今年以来（\(spanZh)）累计外出招商\(year.trips)人次、\(year.personDays)天。",
      "Under \(bulletin.rulesTitle), the days spent out on investment promotion in \(month.iso)\(soFar) were: \(figures.unitsAssessed) units assessed, \(figures.headsOut) heads out, \(figures.personDays) person-days; this year so far (\(spanEn)), \(year.trips) trips and \(year.personDays) person-days."
    )
  }

  var sectionTitles: [String] {
    language == .zh
      ? ["一、各单位外出招商情况", "二、未达标单位", "三、有关要求"]
      : ["1. Trips by unit", "2. Units short of their quota", "3. Requirement"]
  }

  /// One paragraph per short unit, or the sentence saying every unit met its quota; then the units that have not
  /// reported yet. Nobody assessed, or units still to report, never read as "every unit met its quota".
  func shortParagraphs(_ bulletin: Bulletin) -> [String] {
    guard !bulletin.rows.isEmpty else {
      return [MonthCompleteness.emptyRoster(bulletin.month).text(language) + language.pick("。", ".")]
    }
    let unreported = bulletin.unreportedUnits
    var waiting: [String] = []
    if !unreported.isEmpty {
      let due = bulletin.completeness?.reportsDue ?? bulletin.explanationDue
      waiting.append(
        language.pick(
          "\(unreported.joined(separator: "、"))尚未报送本月外出情况，报送前不作未达标认定；请于\(due.month)月\(due.day)日前报送，逾期未报送的按未达标处理。",
          "\(unreported.joined(separator: ", ")) \(unreported.count == 1 ? "has" : "have") not reported the month yet and \(unreported.count == 1 ? "is" : "are") not judged short until \(unreported.count == 1 ? "it reports" : "they report"); reports are due by \(due.iso), after which a unit that has not reported counts as short."
        ))
    }
    guard !bulletin.shortUnits.isEmpty else {
      if !unreported.isEmpty {
        return [language.pick("目前没有确认未达标的单位。", "No unit is confirmed short yet.")] + waiting
      }
      return [language.pick("本月各考核单位外出招商天数均达到要求。", "Every assessed unit met its days out this month.")]
    }
    return confirmedShortParagraphs(bulletin) + waiting
  }

  func confirmedShortParagraphs(_ bulletin: Bulletin) -> [String] {
    bulletin.shortUnits.map { unit in
      if language == .en {
        let heads = unit.heads.map { "\($0.role) \($0.name) \($0.counted) of \($0.required) days" }
        let run =
          unit.shortRun > 1
          ? " (short \(unit.shortRun) months in a row\(unit.escalate ? "; escalation: 约谈" : ""))" : ""
        return "\(unit.unit)\(run): \(heads.joined(separator: "; "))."
      }
      let heads = unit.heads.map { head in
        let out = head.counted == .zero ? "未外出" : "外出\(head.counted)天"
        return "\(head.role)\(head.name)\(out)，应外出\(head.required)天"
      }
      let run = unit.shortRun > 1 ? "（连续\(unit.shortRun)个月未达标\(unit.escalate ? "，予以约谈" : "")）" : ""
      return "\(unit.unit)\(run)：\(heads.joined(separator: "；"))。"
    }
  }

  /// The closing requirement; empty when no unit is short.
  func requirementParagraphs(_ bulletin: Bulletin) -> [String] {
    guard !bulletin.shortUnits.isEmpty else { return [] }
    let due = bulletin.explanationDue
    var paragraphs = [
      language.pick(
        "请以上未达标单位于\(due.year)年\(due.month)月\(due.day)日前向区委区政府作出书面情况说明。",
        "The units above are to submit a written explanation to the district by \(due.iso).")
    ]
    let escalated = bulletin.escalatedUnits
    if let after = bulletin.escalateAfter, !escalated.isEmpty {
      paragraphs.append(
        language.pick(
          "\(escalated.map(\.unit).joined(separator: "、"))已连续\(after)个月及以上未达标，由区委区政府约谈其主要负责人。",
          "\(escalated.map(\.unit).joined(separator: ", ")) \(escalated.count == 1 ? "has" : "have") been short \(after) months or more in a row; \(escalated.count == 1 ? "its" : "their") heads will be summoned for a talk (约谈)."
        ))
    }
    return paragraphs
  }

  /// The notices a reader must not miss before the figures: the month not begun or not over, no trips at all,
  /// nobody assessed. Printed above the title (a boxed banner in HTML); a frozen bulletin has none.
  public func warnings(_ bulletin: Bulletin) -> [String] {
    var lines: [Localized] = []
    if let completeness = bulletin.completeness {
      let month = bulletin.month
      switch completeness.phase {
      case .future:
        lines.append(
          Localized(
            "\(month.chinese)还没有开始（今天是 \(completeness.asOf.iso)）：本通报的数字全部为零，不能印发；请在月末、各单位报送后再生成",
            "\(month.iso) has not begun (today is \(completeness.asOf.iso)): every figure in this bulletin is zero, so do not issue it; make it once the month is over and the units have reported"
          ))
      case .underway:
        lines.append(
          Localized(
            "\(month.chinese)尚未结束：本通报为\(completeness.soFar(.zh) ?? "")的情况，不是全月结果",
            "\(month.iso) is not over: this bulletin gives the figures \(completeness.soFar(.en) ?? "so far"), not the month's result"
          ))
      case .ended: break
      }
      if !completeness.hasTrips && completeness.phase != .future {
        lines.append(
          Localized(
            "\(month.chinese)没有任何外出记录：多半是各单位的外出还没有导入；请先导入后再生成通报",
            "\(month.iso) has no trips at all: most likely the units' trips are not imported yet; import them before making the bulletin"
          ))
      }
    }
    if bulletin.rows.isEmpty { lines.append(MonthCompleteness.emptyRoster(bulletin.month)) }
    return lines.map { language.pick("！！警告：", "!! WARNING: ") + $0.text(language) }
  }

  func notes(_ bulletin: Bulletin) -> [String] {
    guard !bulletin.vacantUnits.isEmpty else { return [] }
    return [
      language.pick(
        "注：\(bulletin.vacantUnits.joined(separator: "、"))本月没有在任的考核对象，未列入考核。",
        "Note: \(bulletin.vacantUnits.joined(separator: ", ")) had nobody in post this month and \(bulletin.vacantUnits.count == 1 ? "was" : "were") not assessed."
      )
    ]
  }

  // MARK: Formats

  func text(_ bulletin: Bulletin) -> String {
    let indent = language == .zh ? "　　" : ""
    let table = TextTable(
      headers: headers, rows: rows(bulletin) + [totalRow(bulletin)], numeric: Self.numericColumns)
    let warnings = self.warnings(bulletin)
    var lines = warnings + (warnings.isEmpty ? [] : [""]) + headLines()
    lines += [title(bulletin), "", indent + introduction(bulletin), "", sectionTitles[0], "", table.render(), ""]
    lines += [sectionTitles[1], ""] + shortParagraphs(bulletin).map { indent + $0 }
    let requirement = requirementParagraphs(bulletin)
    if !requirement.isEmpty {
      lines += ["", sectionTitles[2], ""] + requirement.map { indent + $0 }
    }
    let notes = notes(bulletin)
    if !notes.isEmpty { lines += [""] + notes }
    let signature = masthead?.signature(language) ?? []
    if !signature.isEmpty {
      // Set towards the right, as the 落款 is printed.
      lines += [""] + signature.map { String(repeating: language.pick("　", " "), count: 16) + $0 }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func markdown(_ bulletin: Bulletin) -> String {
    let table = TextTable(
      headers: headers, rows: rows(bulletin) + [totalRow(bulletin)], numeric: Self.numericColumns)
    let warnings = self.warnings(bulletin).map { "> **" + $0 + "**" }
    var lines = warnings + (warnings.isEmpty ? [] : [""]) + headLines().map { $0.isEmpty ? "---" : $0 + "  " }
    if !lines.isEmpty { lines.append("") }
    lines += [
      "# " + title(bulletin), "", introduction(bulletin), "", "## " + sectionTitles[0], "", table.markdown(),
    ]
    lines += ["", "## " + sectionTitles[1], ""] + shortParagraphs(bulletin).flatMap { [$0, ""] }.dropLast()
    let requirement = requirementParagraphs(bulletin)
    if !requirement.isEmpty {
      lines += ["", "## " + sectionTitles[2], ""] + requirement.flatMap { [$0, ""] }.dropLast()
    }
    let notes = notes(bulletin)
    if !notes.isEmpty { lines += [""] + notes }
    let signature = masthead?.signature(language) ?? []
    if !signature.isEmpty { lines += ["", signature.joined(separator: "  \n")] }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The issue number and the office with the date, then a blank line; nothing without a masthead.
  func headLines() -> [String] {
    guard let masthead else { return [] }
    return [masthead.issueLine(language), masthead.officeAndDate(language)].compactMap { $0 } + [""]
  }

  func html(_ bulletin: Bulletin) -> String {
    let allRows = rows(bulletin) + [totalRow(bulletin)]
    var rowClasses: [Int: String] = [allRows.count - 1: "total"]
    for (index, row) in bulletin.rows.enumerated() where row.escalate { rowClasses[index] = "escalate" }
    func paragraph(_ text: String, note: Bool = false) -> String {
      "<p\(note ? " class=\"note\"" : "")>\(HTMLPage.escape(text))</p>"
    }
    var body = headLines().filter { !$0.isEmpty }.map { "<p class=\"issue\">\(HTMLPage.escape($0))</p>" }
    let banner = HTMLPage.banner(warnings(bulletin))
    if !banner.isEmpty { body.insert(banner, at: 0) }
    if !body.isEmpty { body.append("<hr class=\"masthead\">") }
    body += [
      "<h1>\(HTMLPage.escape(title(bulletin)))</h1>", paragraph(introduction(bulletin)),
      "<h2>\(HTMLPage.escape(sectionTitles[0]))</h2>",
      HTMLPage.table(
        headers: headers, rows: allRows, numeric: Self.numericColumns, rowClasses: rowClasses, unbroken: [1, 5],
        className: "bulletin"),
      "<h2>\(HTMLPage.escape(sectionTitles[1]))</h2>",
    ]
    body += shortParagraphs(bulletin).map { paragraph($0) }
    let requirement = requirementParagraphs(bulletin)
    if !requirement.isEmpty {
      body.append("<h2>\(HTMLPage.escape(sectionTitles[2]))</h2>")
      body += requirement.map { paragraph($0) }
    }
    body += notes(bulletin).map { paragraph($0, note: true) }
    let signature = masthead?.signature(language) ?? []
    if !signature.isEmpty {
      body.append("<p class=\"signature\">\(signature.map(HTMLPage.escape).joined(separator: "<br>"))</p>")
    }
    return HTMLPage.page(title: title(bulletin), language: language, body: body.joined(separator: "\n"))
  }
}

extension BulletinRenderer {
  /// The ranked table with its totals as a workbook's sheet.
  public func sheet(_ bulletin: Bulletin) -> ReportTable {
    ReportTable(
      sheetName: bulletin.month.iso, title: title(bulletin), header: headers,
      textRows: rows(bulletin) + [totalRow(bulletin)], kinds: [0: .number, 2: .number, 3: .number],
      notes: warnings(bulletin) + notes(bulletin))
  }

  /// The bulletin as an official document: title, the number (文号) and date line, the notice, the table.
  /// `number` is left as a blank to fill in (〔　　〕号) when not given.
  /// With a masthead, the office heads the page and signs it (落款) and the issue number (第7期) stands under it.
  public func document(_ bulletin: Bulletin, number: String?, date: CivilDate) -> WordDocument {
    var blocks: [WordDocument.Block] = warnings(bulletin).map(WordDocument.Block.note)
    if let office = masthead?.office { blocks.append(.masthead(office)) }
    if let issue = masthead?.issueLine(language) { blocks.append(.issue(issue)) }
    blocks += [
      .title(title(bulletin)),
      .reference(
        number: number ?? language.pick("〔\(date.year)〕　　号", "No. ____"),
        date: language.pick(date.chinese, date.iso)),
      .paragraph(introduction(bulletin)),
      .heading(sectionTitles[0]),
      .table(
        header: headers, rows: rows(bulletin) + [totalRow(bulletin)], numeric: Self.numericColumns, totalRow: true),
      .heading(sectionTitles[1]),
    ]
    blocks += shortParagraphs(bulletin).map(WordDocument.Block.paragraph)
    let requirement = requirementParagraphs(bulletin)
    if !requirement.isEmpty {
      blocks.append(.heading(sectionTitles[2]))
      blocks += requirement.map(WordDocument.Block.paragraph)
    }
    blocks += notes(bulletin).map(WordDocument.Block.note)
    if let office = masthead?.office {
      blocks.append(.signature(office: office, date: language.pick(date.chinese, date.iso)))
    }
    return WordDocument(
      blocks: blocks, pageNumberPrefix: language.pick("第 ", "Page "), pageNumberSuffix: language.pick(" 页", ""))
  }
}
