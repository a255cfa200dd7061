import Foundation
import TOMLKit

/// Reads rule files into `RuleSet`s, collecting every problem of every file instead of stopping at the first.
public enum RuleFileParser {
  static let topLevelKeys = [
    "title", "effective_from", "explanation_due_day", "counted_kinds", "prorate", "tier", "counting", "calendar",
    "local_holidays", "prorate_leave", "kinds", "escalate_after", "bulletin", "timezone",
  ]
  static let bulletinKeys = ["office"]
  static let kindKeys = ["title", "counts"]
  static let tierKeys = ["id", "title", "min_days", "units"]

  /// Loads a rule file, or every `*.toml` file directly inside a folder.
  public static func loadBook(at path: String) throws(ZhaoshangError) -> RuleBook {
    let files = try ruleFiles(at: path)
    var ruleSets: [RuleSet] = []
    var problems: [Problem] = []
    var texts: [String: String] = [:]
    for file in files {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        problems.append(
          Problem(
            location: file,
            Localized("无法读取规则文件；请检查文件是否存在、是否有读取权限", "cannot read the rule file; check that it exists and is readable")))
        continue
      }
      texts[file] = String(decoding: data, as: UTF8.self)
      switch parse(data: data, path: file) {
      case .success(let ruleSet): ruleSets.append(ruleSet)
      case .failure(let error): problems += error.problems
      }
    }
    problems += crossFileProblems(ruleSets, texts: texts)
    guard problems.isEmpty else { throw .invalidInput(problems) }
    return RuleBook(ruleSets: ruleSets)
  }

  /// Reads one rule file held in memory (the shipped rules, an upload); `name` is how problems locate it.
  public static func loadBook(data: Data, name: String) throws(ZhaoshangError) -> RuleBook {
    switch parse(data: data, path: name) {
    case .success(let ruleSet): return RuleBook(ruleSets: [ruleSet])
    case .failure(let error): throw error
    }
  }

  /// The rule files a path names: the file itself, or the folder's `*.toml` files in name order.
  public static func ruleFiles(at path: String) throws(ZhaoshangError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .refused(
        Localized(
          "找不到规则文件或目录 \(path)；请先运行 zhaoshang init 生成默认规则，或用 --rules 指定规则文件",
          "no rule file or folder at \(path); run `zhaoshang init` to write the default rules, or pass --rules PATH"))
    }
    guard isDirectory.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    let files = names.filter { $0.hasSuffix(".toml") }.sorted().map {
      URL(fileURLWithPath: path).appendingPathComponent($0).path
    }
    guard !files.isEmpty else {
      throw .refused(
        Localized(
          "目录 \(path) 中没有 .toml 规则文件；请运行 zhaoshang init 生成默认规则",
          "the folder \(path) holds no .toml rule file; run `zhaoshang init` to write the default rules"))
    }
    return files
  }

  /// Problems that only show between files: two files may not take effect on the same day.
  static func crossFileProblems(_ ruleSets: [RuleSet], texts: [String: String]) -> [Problem] {
    var firstByDate: [CivilDate: RuleSet] = [:]
    var problems: [Problem] = []
    for ruleSet in ruleSets {
      if let earlier = firstByDate[ruleSet.effectiveFrom] {
        let index = TOMLLineIndex(text: texts[ruleSet.source.path] ?? "")
        let line = index.line(ofKey: "effective_from") ?? 1
        problems.append(
          Problem(
            location: "\(ruleSet.source.path):\(line)", excerpt: index.text(ofLine: line),
            Localized(
              "effective_from = \(ruleSet.effectiveFrom.iso) 与 \(earlier.source.path) 相同，无法确定哪个文件生效；请修改其中一个文件的 effective_from",
              "effective_from = \(ruleSet.effectiveFrom.iso) is the same as in \(earlier.source.path), so neither can be chosen; change the effective_from of one of them"
            )))
      } else {
        firstByDate[ruleSet.effectiveFrom] = ruleSet
      }
    }
    return problems
  }

  /// Parses one rule file's bytes.
  public static func parse(data: Data, path: String) -> Result<RuleSet, ZhaoshangError> {
    // toml++ reads text up to the first NUL byte: a file cut short there must not pass for a shorter valid one.
    if let nul = data.firstIndex(of: 0) {
      let line = data[..<nul].filter { $0 == UInt8(ascii: "\n") }.count + 1
      return .failure(
        .invalid(
          "\(path):\(line)", "规则文件含有空字节（二进制内容），不是文本；请用文本编辑器重新保存为 UTF-8",
          "the rule file holds a NUL byte (binary data) and is not text; save it again as UTF-8 text"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(
        .invalid(
          path, "规则文件不是 UTF-8 编码；请用记事本“另存为 UTF-8”后重试", "the rule file is not UTF-8; save it as UTF-8 and try again"))
    }
    var reader = RuleFileReader(text: text, path: path, sha256: SHA256Digest.hex(of: data))
    return reader.read()
  }
}

/// The state of reading one rule file: its text, its line index and the problems found so far.
private struct RuleFileReader {
  let text: String
  let path: String
  let sha256: String
  let lines: TOMLLineIndex
  var problems: [Problem] = []

  init(text: String, path: String, sha256: String) {
    self.text = text
    self.path = path
    self.sha256 = sha256
    self.lines = TOMLLineIndex(text: text)
  }

  mutating func report(line: Int?, _ zh: String, _ en: String) {
    let location = line.map { "\(path):\($0)" } ?? path
    problems.append(
      Problem(
        location: location, excerpt: line.flatMap { lines.text(ofLine: $0) }.map(Self.shortened), Localized(zh, en)))
  }

  mutating func read() -> Result<RuleSet, ZhaoshangError> {
    let table: TOMLTable
    switch TOMLPreflight.parse(
      text, hint: ("；请检查这一行的引号、方括号和等号", "; check the quotes, brackets and equals sign on this line"),
      unreadable: ("无法解析规则文件；请检查 TOML 语法", "cannot parse the rule file; check its TOML syntax"))
    {
    case .success(let parsed): table = parsed
    case .failure(let errors):
      for finding in errors.findings { report(line: finding.line, finding.zh, finding.en) }
      return .failure(.invalidInput(problems))
    }

    for key in table.keys where !RuleFileParser.topLevelKeys.contains(key) {
      report(
        line: lines.line(ofKey: key), "未知的键「\(key)」；可用的键有 \(RuleFileParser.topLevelKeys.joined(separator: "、"))",
        "unknown key \"\(key)\"; the keys are \(RuleFileParser.topLevelKeys.joined(separator: ", "))")
    }
    let title = requiredString(table, "title", example: "title = \"洪泽区“招商引资突破年”活动实施方案\"")
    let effectiveFrom = readEffectiveFrom(table)
    let dueDay = readDueDay(table)
    let (kinds, notes) = readKinds(table)
    let prorate = readFlag(table, "prorate", default: true)
    let prorateLeave = readFlag(table, "prorate_leave", default: false)
    let escalateAfter = readEscalateAfter(table)
    let bulletinOffice = readBulletinOffice(table)
    let clock = readTimeZone(table)
    let tiers = readTiers(table)
    let counting = readCounting(table)
    let calendar = readCalendar(table, counting: counting)

    guard problems.isEmpty, let title, let effectiveFrom else { return .failure(.invalidInput(problems)) }
    return .success(
      RuleSet(
        title: title, effectiveFrom: effectiveFrom, explanationDueDay: dueDay,
        countedKinds: Set(kinds.filter(\.counts).map(\.id)), prorate: prorate, tiers: tiers,
        source: RuleSource(path: path, sha256: sha256), counting: counting, calendar: calendar,
        prorateLeave: prorateLeave, kinds: kinds, notes: notes, escalateAfter: escalateAfter,
        bulletinOffice: bulletinOffice, clock: clock))
  }

  /// Optional: `timezone = "Asia/Shanghai"`, the zone times are shown in; a name the zone database does not
  /// know is refused at its line rather than quietly shown in UTC.
  mutating func readTimeZone(_ table: TOMLTable) -> OfficeClock {
    guard let value = table["timezone"] else { return .district }
    guard let name = value.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
      let zone = TimeZone(identifier: name)
    else {
      let shown = value.string.map { "「\($0)」" } ?? value.debugDescription
      report(
        line: lines.line(ofKey: "timezone"),
        "timezone 为\(shown)，不是已知的时区名称；请写 IANA 时区名，如 timezone = \"Asia/Shanghai\"（北京时间），或删去这一行（默认即为 Asia/Shanghai）",
        "timezone is \(shown), which is not a known time zone; write an IANA zone name such as timezone = \"Asia/Shanghai\" (Beijing time), or remove the line (Asia/Shanghai is the default)"
      )
      return .district
    }
    return OfficeClock(timeZone: zone)
  }

  mutating func readFlag(_ table: TOMLTable, _ key: String, default value: Bool) -> Bool {
    guard let raw = table[key] else { return value }
    guard let flag = raw.bool else {
      report(
        line: lines.line(ofKey: key), "\(key) 应为 true 或 false（不加引号）", "\(key) must be true or false (without quotes)")
      return value
    }
    return flag
  }

  mutating func readCounting(_ table: TOMLTable) -> Counting {
    guard let value = table["counting"] else { return .natural }
    guard let text = value.string, let counting = Counting(rawValue: text) else {
      report(
        line: lines.line(ofKey: "counting"), "counting 应为 \"natural\"（按自然日）或 \"working\"（只计工作日）",
        "counting must be \"natural\" (every day) or \"working\" (working days only)")
      return .natural
    }
    return counting
  }

  /// The named calendar with the file's local days off; working mode cannot do without one.
  mutating func readCalendar(_ table: TOMLTable, counting: Counting) -> WorkingCalendar? {
    let localHolidays = readDates(table, "local_holidays")
    guard let value = table["calendar"] else {
      if counting == .working {
        report(
          line: lines.line(ofKey: "counting"), "按工作日计算需要工作日历；请添加 calendar = \"cn\"（对应 calendar/cn-YYYY.toml）",
          "counting working days needs a calendar; add calendar = \"cn\" (for calendar/cn-YYYY.toml)")
      }
      return nil
    }
    let line = lines.line(ofKey: "calendar")
    guard let name = value.string, !name.isEmpty, !name.contains("/") else {
      report(
        line: line, "calendar 应为日历名称，如 calendar = \"cn\"",
        "calendar must be a calendar's name, such as calendar = \"cn\"")
      return nil
    }
    let (calendar, calendarProblems) = CalendarFileParser.load(name: name, besideRuleFile: path)
    problems += calendarProblems
    guard let calendar else {
      let folder = CalendarFileParser.folder(besideRuleFile: path)
      report(
        line: line, "找不到日历「\(name)」：\(folder) 中没有 \(name)-YYYY.toml 文件；请添加，或运行 zhaoshang init 写入自带的日历",
        "no calendar \"\(name)\": \(folder) holds no \(name)-YYYY.toml file; add one, or run `zhaoshang init` to write the shipped ones"
      )
      return nil
    }
    return calendar.adding(localHolidays: localHolidays)
  }

  mutating func readDates(_ table: TOMLTable, _ key: String) -> [CivilDate] {
    guard let value = table[key] else { return [] }
    let line = lines.line(ofKey: key)
    guard let array = value.array else {
      report(line: line, "\(key) 应为日期列表，如 [\"2022-09-13\"]", "\(key) must be a list of dates, such as [\"2022-09-13\"]")
      return []
    }
    var dates: [CivilDate] = []
    for element in array {
      if let date = element.date {
        guard let civil = CivilDate(year: date.year, month: date.month, day: date.day), DateWindow.contains(civil)
        else {
          let refusal = DateWindow.refusal(of: "\(date.year)-\(date.month)-\(date.day)")
          report(line: line, "\(key)：\(refusal.zh)", "\(key): \(refusal.en)")
          continue
        }
        dates.append(civil)
        continue
      }
      let text = element.string ?? element.debugDescription
      switch DateText.parse(text) {
      case .success(let parsed) where parsed.half == nil: dates.append(parsed.date)
      case .success: report(line: line, "\(key) 中的日期不带上午/下午", "dates in \(key) are whole days, without AM/PM")
      case .failure(let error): report(line: line, "\(key)：\(error.message.zh)", "\(key): \(error.message.en)")
      }
    }
    return dates
  }

  /// `[kinds.ID]` tables, or the older `counted_kinds` list over the built-in kinds (with a note).
  mutating func readKinds(_ table: TOMLTable) -> ([TripKind], [Problem]) {
    guard let value = table["kinds"] else {
      let counted = readCountedKinds(table)
      var notes: [Problem] = []
      if table["counted_kinds"] != nil {
        let line = lines.line(ofKey: "counted_kinds")
        notes.append(
          Problem(
            location: line.map { "\(path):\($0)" } ?? path, excerpt: line.flatMap { lines.text(ofLine: $0) },
            Localized(
              "counted_kinds 已由 [kinds.*] 表取代，仍按其执行；建议改写为 [kinds.visit] title = \"外出招商\" counts = true 等",
              "counted_kinds is superseded by [kinds.*] tables and still obeyed; consider [kinds.visit] title = \"外出招商\" counts = true, ..."
            )))
      }
      return (TripKind.known.map { $0.counting(counted.contains($0.id)) }, notes)
    }
    if table["counted_kinds"] != nil {
      report(
        line: lines.line(ofKey: "counted_kinds"), "已有 [kinds.*] 表时不能再写 counted_kinds；请删去 counted_kinds，在各类型中写 counts",
        "counted_kinds cannot stand beside [kinds.*] tables; remove it and say counts in each kind")
    }
    guard let kindsTable = value.table else {
      report(
        line: lines.line(ofKey: "kinds"), "kinds 应写成 [kinds.visit] 这样的表",
        "kinds must be written as tables such as [kinds.visit]")
      return ([], [])
    }
    var kinds: [TripKind] = []
    // In the order the file lists them, which is how clerks will read them back.
    let ids = kindsTable.keys.sorted {
      (lines.line(ofHeader: "kinds.\($0)") ?? 0) < (lines.line(ofHeader: "kinds.\($1)") ?? 0)
    }
    for id in ids {
      let header = lines.line(ofHeader: "kinds.\(id)")
      guard let kindTable = kindsTable[id]?.table else {
        report(
          line: header, "kinds.\(id) 应为表：[kinds.\(id)] 下写 title 与 counts",
          "kinds.\(id) must be a table: [kinds.\(id)] with title and counts")
        continue
      }
      for key in kindTable.keys where !RuleFileParser.kindKeys.contains(key) {
        report(
          line: lines.line(ofKey: key, inTable: "kinds.\(id)") ?? header,
          "[kinds.\(id)] 中未知的键「\(key)」；可用的键有 title、counts",
          "unknown key \"\(key)\" in [kinds.\(id)]; the keys are title and counts")
      }
      guard let title = kindTable["title"]?.string, !title.isEmpty else {
        report(
          line: header, "[kinds.\(id)] 缺少 title，如 title = \"外出招商\"",
          "[kinds.\(id)] needs a title, such as title = \"外出招商\"")
        continue
      }
      guard let counts = kindTable["counts"]?.bool else {
        report(
          line: lines.line(ofKey: "counts", inTable: "kinds.\(id)") ?? header, "[kinds.\(id)] 需要 counts = true 或 false",
          "[kinds.\(id)] needs counts = true or false")
        continue
      }
      let english = TripKind.known.first { $0.id == id }?.title.en ?? id
      kinds.append(TripKind(id: id, title: Localized(title, english), counts: counts))
    }
    if kinds.isEmpty, problems.isEmpty {
      report(
        line: lines.line(ofKey: "kinds"), "至少需要一种外出类型，如 [kinds.visit]",
        "declare at least one trip kind, such as [kinds.visit]")
    }
    return (kinds, [])
  }

  mutating func requiredString(_ table: TOMLTable, _ key: String, example: String, tier: Int? = nil) -> String? {
    guard let value = table[key] else {
      report(
        line: tier.flatMap { lines.headerLine(tier: $0) } ?? 1, "缺少 \(key)；请添加一行，如 \(example)",
        "\(key) is missing; add a line such as \(example)")
      return nil
    }
    guard let string = value.string, !string.trimmingCharacters(in: .whitespaces).isEmpty else {
      report(
        line: lines.line(ofKey: key, tier: tier), "\(key) 应为非空的带引号文字，如 \(example)",
        "\(key) must be non-empty quoted text, such as \(example)")
      return nil
    }
    return string.trimmingCharacters(in: .whitespaces)
  }

  /// A line as an excerpt: long lines are cut, so one bad line of a megabyte does not flood the screen.
  static func shortened(_ line: String) -> String {
    line.count > 160 ? String(line.prefix(157)) + "..." : line
  }

  mutating func readEffectiveFrom(_ table: TOMLTable) -> CivilDate? {
    let example = "effective_from = \"2022-01-01\""
    guard let value = table["effective_from"] else {
      report(
        line: 1, "缺少 effective_from；请添加一行，如 \(example)", "effective_from is missing; add a line such as \(example)")
      return nil
    }
    let line = lines.line(ofKey: "effective_from")
    if let date = value.date {
      // toml++ reads `0000-01-01` as a date although there was no year 0: refused like any date outside.
      guard let civil = CivilDate(year: date.year, month: date.month, day: date.day), DateWindow.contains(civil)
      else {
        let written = "\(date.year)-\(date.month)-\(date.day)"
        let refusal = DateWindow.refusal(of: written)
        report(line: line, "effective_from：\(refusal.zh)", "effective_from: \(refusal.en)")
        return nil
      }
      return civil
    }
    guard let string = value.string else {
      report(line: line, "effective_from 应为日期，如 \(example)", "effective_from must be a date, such as \(example)")
      return nil
    }
    switch DateText.parse(string) {
    case .success(let parsed) where parsed.half == nil:
      return parsed.date
    case .success:
      report(
        line: line, "effective_from 只能是日期，不能带上午/下午；如 \(example)",
        "effective_from is a plain date, without AM/PM; write e.g. \(example)")
    case .failure(let error):
      report(line: line, "effective_from：\(error.message.zh)", "effective_from: \(error.message.en)")
    }
    return nil
  }

  mutating func readDueDay(_ table: TOMLTable) -> Int {
    guard let value = table["explanation_due_day"] else { return 5 }
    guard let day = value.int, (1...28).contains(day) else {
      report(
        line: lines.line(ofKey: "explanation_due_day"),
        "explanation_due_day 应为 1 到 28 之间的整数（每个月都有的日子），如 explanation_due_day = 5",
        "explanation_due_day must be a whole number from 1 to 28 (a day every month has), such as explanation_due_day = 5"
      )
      return 5
    }
    return day
  }

  /// Optional: a file without the key marks nobody for escalation.
  mutating func readEscalateAfter(_ table: TOMLTable) -> Int? {
    guard let value = table["escalate_after"] else { return nil }
    // One short month is what the explanation is for; escalation is for a pattern, so it needs at least two.
    guard let months = value.int, (2...120).contains(months) else {
      let shown = value.int.map(String.init) ?? value.debugDescription
      report(
        line: lines.line(ofKey: "escalate_after"),
        "escalate_after 为 \(shown)，应为 2 到 120 之间的整数（连续未达标几个月后约谈），如 escalate_after = 3；不需要约谈时删去这一行",
        "escalate_after is \(shown); it must be a whole number of months from 2 to 120 (short that many months in a row means escalation), such as escalate_after = 3; remove the line for no escalation"
      )
      return nil
    }
    return months
  }

  /// Optional: `[bulletin] office = "洪泽区督考服务中心"` names who issues the bulletin.
  mutating func readBulletinOffice(_ table: TOMLTable) -> String? {
    guard let value = table["bulletin"] else { return nil }
    let line = lines.line(ofHeader: "bulletin") ?? lines.line(ofKey: "bulletin")
    guard let bulletin = value.table else {
      report(
        line: line, "bulletin 应写成 [bulletin] 表，如 [bulletin] 下一行写 office = \"洪泽区督考服务中心\"",
        "bulletin must be a table: [bulletin] with office = \"洪泽区督考服务中心\" on the line below")
      return nil
    }
    for key in bulletin.keys where !RuleFileParser.bulletinKeys.contains(key) {
      report(
        line: lines.line(ofKey: key, inTable: "bulletin") ?? line, "[bulletin] 中有未知的键「\(key)」；可用的键只有 office（发文单位）",
        "unknown key \"\(key)\" in [bulletin]; the only key is office (the issuing office)")
    }
    guard let raw = bulletin["office"] else { return nil }
    guard let office = raw.string?.trimmingCharacters(in: .whitespaces), !office.isEmpty else {
      report(
        line: lines.line(ofKey: "office", inTable: "bulletin") ?? line,
        "[bulletin] 的 office 应为发文单位名称（文字，不能为空），如 office = \"洪泽区督考服务中心\"",
        "office in [bulletin] must be the issuing office's name (text, not empty), such as office = \"洪泽区督考服务中心\"")
      return nil
    }
    return office
  }

  mutating func readCountedKinds(_ table: TOMLTable) -> Set<String> {
    guard let value = table["counted_kinds"] else { return [TripKind.visit.id] }
    let line = lines.line(ofKey: "counted_kinds")
    guard let array = value.array else {
      report(
        line: line, "counted_kinds 应为列表，如 counted_kinds = [\"visit\"]",
        "counted_kinds must be a list, such as counted_kinds = [\"visit\"]")
      return []
    }
    var kinds = Set<String>()
    for element in array {
      guard let name = element.string, !name.isEmpty, let kind = TripKind.named(name) else {
        let shown = element.string ?? element.debugDescription
        report(
          line: line, "未知的外出类型「\(shown)」；可用的类型有 \(TripKind.knownList.zh)",
          "unknown trip kind \"\(shown)\"; the kinds are \(TripKind.knownList.en)")
        continue
      }
      kinds.insert(kind.id)
    }
    return kinds
  }

  mutating func readTiers(_ table: TOMLTable) -> [Tier] {
    guard let value = table["tier"] else {
      report(
        line: nil, "没有任何 [[tier]]；请至少添加一个考核档次（id、title、min_days、units）",
        "there is no [[tier]]; add at least one tier with id, title, min_days and units")
      return []
    }
    guard let array = value.array else {
      report(line: lines.line(ofKey: "tier"), "tier 应写成 [[tier]] 表格", "tier must be written as [[tier]] tables")
      return []
    }
    if array.isEmpty {
      report(
        line: lines.line(ofKey: "tier"), "没有任何 [[tier]]；请至少添加一个考核档次（id、title、min_days、units）",
        "there is no [[tier]]; add at least one tier with id, title, min_days and units")
    }
    var tiers: [Tier] = []
    var tierOfUnit: [String: (id: String, index: Int)] = [:]
    var ids = Set<String>()
    for (index, element) in array.enumerated() {
      guard let tierTable = element.table else {
        report(line: lines.line(ofKey: "tier"), "tier 应写成 [[tier]] 表格", "tier must be written as [[tier]] tables")
        return []
      }
      let header = lines.headerLine(tier: index)
      for key in tierTable.keys where !RuleFileParser.tierKeys.contains(key) {
        report(
          line: lines.line(ofKey: key, tier: index) ?? header,
          "[[tier]] 中未知的键「\(key)」；可用的键有 \(RuleFileParser.tierKeys.joined(separator: "、"))",
          "unknown key \"\(key)\" in [[tier]]; the keys are \(RuleFileParser.tierKeys.joined(separator: ", "))")
      }
      let id = requiredString(tierTable, "id", example: "id = \"town\"", tier: index)
      if let id, !ids.insert(id).inserted {
        report(
          line: lines.line(ofKey: "id", tier: index), "档次 id「\(id)」重复；每个 [[tier]] 的 id 必须不同",
          "tier id \"\(id)\" is used twice; give every [[tier]] its own id")
      }
      let title = requiredString(tierTable, "title", example: "title = \"镇街党政主要负责人\"", tier: index)
      let minDays = readMinDays(tierTable, tier: index)
      let units = readUnits(tierTable, tier: index)
      for unit in units {
        if let other = tierOfUnit[unit] {
          report(
            line: lines.line(ofQuoted: unit, tier: index) ?? header,
            "单位「\(unit)」同时出现在档次 \(other.id) 和 \(id ?? "?") 中；一个单位只能属于一个档次，请删去其中一处",
            "unit \"\(unit)\" stands in tier \(other.id) and in tier \(id ?? "?"); a unit may stand in one tier only, remove one of them"
          )
        } else {
          tierOfUnit[unit] = (id ?? "?", index)
        }
      }
      if let id, let title, let minDays {
        tiers.append(Tier(id: id, title: title, minDays: minDays, units: units))
      }
    }
    return tiers
  }

  mutating func readMinDays(_ table: TOMLTable, tier: Int) -> Int? {
    guard let value = table["min_days"] else {
      report(
        line: lines.headerLine(tier: tier), "缺少 min_days；请添加一行，如 min_days = 10",
        "min_days is missing; add a line such as min_days = 10")
      return nil
    }
    guard let days = value.int, (0...31).contains(days) else {
      let shown = value.int.map(String.init) ?? value.debugDescription
      report(
        line: lines.line(ofKey: "min_days", tier: tier),
        "min_days 为 \(shown)，应为 0 到 31 之间的整数（每月最少外出天数），如 min_days = 10",
        "min_days is \(shown); it must be a whole number of days from 0 to 31, such as min_days = 10")
      return nil
    }
    return days
  }

  mutating func readUnits(_ table: TOMLTable, tier: Int) -> [String] {
    let line = lines.line(ofKey: "units", tier: tier)
    guard let value = table["units"] else {
      report(
        line: lines.headerLine(tier: tier), "缺少 units；请列出该档次的单位，如 units = [\"朱坝街道\"]",
        "units is missing; list the tier's units, such as units = [\"朱坝街道\"]")
      return []
    }
    guard let array = value.array else {
      report(
        line: line, "units 应为单位名称列表，如 units = [\"朱坝街道\"]",
        "units must be a list of unit names, such as units = [\"朱坝街道\"]")
      return []
    }
    var units: [String] = []
    var seen = Set<String>()
    for element in array {
      guard let name = element.string?.trimmingCharacters(in: .whitespaces), !TextField.isBlank(name) else {
        report(line: line, "units 中每一项都应为带引号的单位名称", "every entry of units must be a quoted unit name")
        continue
      }
      // A unit the rules declare is held to the rule every roster entry is: no hidden characters, a length limit.
      if let problem = TextField.unit.problem(with: name) {
        report(line: lines.line(ofQuoted: name, tier: tier) ?? line, "units：\(problem.zh)", "units: \(problem.en)")
        continue
      }
      guard seen.insert(name).inserted else {
        report(
          line: lines.line(ofQuoted: name, tier: tier) ?? line, "单位「\(name)」在同一档次中重复出现；请删去重复的一处",
          "unit \"\(name)\" is listed twice in the same tier; remove the repeat")
        continue
      }
      units.append(name)
    }
    return units
  }
}
