#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// zhaoshang-gen: writes rules.toml, roster.csv and trips.csv for N units x K heads x M months, from a seed.
///
/// The files are in the importer's format and hold what real files hold: joint trips (two heads of a unit on
/// one trip), trips across a month end, afternoon starts and noon returns, overlaps (a video call during a
/// visit), voided trips, rows sent twice, and quoted cells. The same arguments always give the same bytes.
struct Options {
  var units = 1000
  var heads = 8
  var months = 12
  var firstYear = 2021
  var firstMonth = 1
  var trips = 1_000_000
  var seed: UInt64 = 7
  var out = "."
  /// Each trip placed anywhere in its month, not after the head's previous one: many trips of a head overlap.
  var overlapping = false

  static let usage = """
    usage: zhaoshang-gen [--units N] [--heads K] [--months M] [--first YYYY-MM] [--trips T] [--seed S] [--out DIR]
                         [--overlapping]
      Writes DIR/rules.toml, DIR/roster.csv and DIR/trips.csv (about T rows, in month, unit, head order).
      Defaults: 1000 units x 8 heads x 12 months from 2021-01, 1,000,000 trips, seed 7, the current folder.
      --overlapping places each trip anywhere in its month, so a head's trips overlap each other often.
    """

  init(_ arguments: [String]) {
    var index = 0
    func value() -> String {
      index += 1
      guard index < arguments.count else { Options.fail("\(arguments[index - 1]) needs a value") }
      return arguments[index]
    }
    func number(_ text: String) -> Int {
      guard let number = Int(text.replacingUnderscores()), number > 0 else { Options.fail("not a count: \(text)") }
      return number
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--units": units = number(value())
      case "--heads": heads = number(value())
      case "--months": months = number(value())
      case "--trips": trips = number(value())
      case "--seed": seed = UInt64(number(value()))
      case "--out": out = value()
      case "--overlapping": overlapping = true
      case "--first":
        let parts = value().split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
          Options.fail("--first takes a month such as 2021-01")
        }
        firstYear = year
        firstMonth = month
      case "-h", "--help":
        print(Options.usage)
        exit(0)
      default: Options.fail("unknown argument \(arguments[index])")
      }
      index += 1
    }
    guard heads <= Names.surnames.count * Names.givenNames.count else { Options.fail("at most 900 heads per unit") }
  }

  static func fail(_ message: String) -> Never {
    fputs("zhaoshang-gen: \(message)\n\(usage)\n", stderr)
    exit(64)
  }
}

extension String {
  func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

enum Names {
  /// The district's own units (rules/default.toml): the first ten are towns, the next four industry bureaus.
  static let units = [
    "高良涧街道", "朱坝街道", "黄集街道", "岔河镇", "西顺河镇", "老子山镇", "三河镇", "东双沟镇", "共和镇", "洪泽经济开发区",
    "工信局", "发改委", "农业农村局", "商务局",
    "住建局", "文旅局", "财政局", "人社局", "教体局", "城管局", "审计局", "残联", "医保局", "古堰景区", "应急管理局", "生态环境局", "统计局",
  ]
  static let counties = [
    "洪泽区", "淮阴区", "清江浦区", "淮安区", "涟水县", "盱眙县", "金湖县", "宿城区", "宿豫区", "沭阳县", "泗阳县", "泗洪县",
    "海州区", "连云区", "赣榆区", "东海县", "灌云县", "灌南县", "亭湖区", "盐都区", "大丰区", "响水县", "滨海县", "阜宁县",
    "射阳县", "建湖县", "东台市", "邗江区", "广陵区", "江都区", "宝应县", "仪征市", "高邮市",
  ]
  static let surnames = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  ]
  static let givenNames = [
    "某", "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "娟", "涛", "明", "超",
    "秀英", "华", "平", "刚", "桂英", "建国", "建华", "志强", "海燕", "晓东", "卫东", "红梅", "立新", "永强", "春生",
  ]
  static let townRoles = ["党工委书记", "办事处主任", "党委书记", "镇长", "副书记", "常务副镇长", "副主任", "党委委员"]
  static let officeRoles = ["局长", "党组书记", "副局长", "主任", "副主任", "总工程师", "调研员", "党组成员"]
  static let cities = [
    "上海", "苏州", "无锡", "南京", "杭州", "深圳", "广州", "北京", "宁波", "常州", "合肥", "青岛",
    "天津", "厦门", "东莞", "佛山", "成都", "武汉", "郑州", "济南", "温州", "嘉兴", "南通", "扬州",
  ]
  static let purposes = ["拜访企业", "洽谈项目", "参加推介会", "考察产业园", "对接签约", "回访落户企业", "招商座谈"]
  /// Cells holding a comma, so the file needs RFC 4180 quoting as Excel writes it.
  static let quotedPurposes = ["\"拜访企业,洽谈项目\"", "\"参加推介会,拜访商会\""]
  static let industries = ["精密机械", "电子科技", "新能源", "智能装备", "生物医药", "新材料", "食品", "纺织", "汽车零部件", "半导体"]
  static let voidReasons = ["重复登记", "经核查当日在区内参加会议，未外出", "行程取消"]
}

/// One generated trip, before it is written.
struct TripRow {
  var start: Int
  var startsPM: Bool
  var end: Int
  var endsAM: Bool
  var kind: String
  var destination: String
  var purpose: String
  var companies: String
  var voidReason: String
}

struct Head {
  let unit: Int
  /// How busy the head is: a few travel far less than the rest and fall short of the quota.
  let diligence: Double
  let name: String
  let role: String
  /// First and last day in post as ordinals; nil for open.
  let from: Int?
  let to: Int?

  func inPost(_ first: Int, _ last: Int) -> Bool {
    (from.map { last >= $0 } ?? true) && (to.map { first <= $0 } ?? true)
  }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
var random = SplitMix64(state: options.seed)

// Units: the district's 27, then the same in the next county, and so on; tiers follow the district's file.
let unitNames = (0..<options.units).map { index -> String in
  let county = index / Names.units.count
  let round = county / Names.counties.count
  let prefix = Names.counties[county % Names.counties.count] + (round > 0 ? "\(round + 1)" : "")
  return prefix + Names.units[index % Names.units.count]
}
func tier(of unit: Int) -> Int {
  let base = unit % Names.units.count
  return base < 10 ? 0 : base < 14 ? 1 : 2
}

var monthStarts: [Int] = []
do {
  var year = options.firstYear
  var month = options.firstMonth
  for _ in 0...options.months {
    monthStarts.append(Days.ordinal(year: year, month: month, day: 1))
    month += 1
    if month > 12 {
      month = 1
      year += 1
    }
  }
}
let periodFirst = monthStarts[0]
let periodLast = monthStarts[options.months] - 1

// Heads: one post each; a few are appointed or leave during the period, so proration and the
// "in post on a day of the trip" rule are exercised.
var heads: [Head] = []
for unit in 0..<options.units {
  let roles = tier(of: unit) == 0 ? Names.townRoles : Names.officeRoles
  for index in 0..<options.heads {
    let name =
      Names.surnames[(index + unit) % Names.surnames.count]
      + Names.givenNames[(index / Names.surnames.count + unit) % Names.givenNames.count]
    let span = periodLast - periodFirst + 1
    var from: Int? = random.chance(0.5) ? periodFirst - 100 - random.below(1000) : nil
    var to: Int?
    if random.chance(0.04) {
      from = periodFirst + random.below(span)
    } else if random.chance(0.04) {
      to = periodFirst + random.below(span)
    }
    let diligence = random.chance(0.12) ? 0.35 : (1 - 0.12 * 0.35) / 0.88
    heads.append(
      Head(unit: unit, diligence: diligence, name: name, role: roles[index % roles.count], from: from, to: to))
  }
}

let out = options.out
let rules = Output(path: out + "/rules.toml")
rules.write(
  """
  # Generated by zhaoshang-gen: \(options.units) units x \(options.heads) heads x \(options.months) months, seed \(options.seed).
  title = "生成数据：外出招商天数考核（基准测试）"
  effective_from = "\(Days.iso(periodFirst))"
  explanation_due_day = 5
  counted_kinds = ["visit"]
  prorate = true

  """)
for (index, (id, title, minDays)) in [
  ("town", "镇街党政主要负责人", 10), ("industry", "产业牵头部门负责人", 10), ("task", "其他有项目招引任务的部门负责人", 5),
]
.enumerated() {
  let members = (0..<options.units).filter { tier(of: $0) == index }.map { "\"\(unitNames[$0])\"" }
  guard !members.isEmpty else { continue }
  rules.write(
    "\n[[tier]]\nid = \"\(id)\"\ntitle = \"\(title)\"\nmin_days = \(minDays)\nunits = [\(members.joined(separator: ", "))]\n"
  )
}
rules.close()

let roster = Output(path: out + "/roster.csv")
roster.write("unit,name,role,from,to\n")
for head in heads {
  roster.write(
    "\(unitNames[head.unit]),\(head.name),\(head.role),\(head.from.map(Days.iso) ?? ""),\(head.to.map(Days.iso) ?? "")\n"
  )
}
roster.close()

// Trips. Each head's month is laid out in order, with random gaps, so a head is rarely in two places at once;
// the overlaps the importer must warn about come from joint trips, calls during visits and month ends. With
// --overlapping each trip starts anywhere in the month instead, as in a province whose heads record trips that
// overlap each other all the time.
let perHeadMonth = Double(options.trips) / Double(options.units * options.heads * options.months) / 1.065
let isoCache = Dictionary(uniqueKeysWithValues: ((periodFirst - 40)...(periodLast + 40)).map { ($0, Days.iso($0)) })
func iso(_ ordinal: Int) -> String { isoCache[ordinal] ?? Days.iso(ordinal) }

func companies() -> String {
  (0..<[0, 0, 1, 1, 1, 2][random.below(6)]).map { _ in
    random.pick(Names.cities) + random.pick(Names.industries) + "有限公司"
  }.joined(separator: ";")
}

func visit(start: Int, length: Int) -> TripRow {
  let startsPM = random.chance(0.1)
  let endsAM = random.chance(0.1) && !(length == 1 && startsPM)
  let purpose = random.chance(0.02) ? random.pick(Names.quotedPurposes) : random.pick(Names.purposes)
  return TripRow(
    start: start, startsPM: startsPM, end: start + length - 1, endsAM: endsAM, kind: "visit",
    destination: random.pick(Names.cities), purpose: purpose, companies: companies(),
    voidReason: random.chance(0.01) ? random.pick(Names.voidReasons) : "")
}

func call(on day: Int) -> TripRow {
  TripRow(
    start: day, startsPM: false, end: day, endsAM: false, kind: random.chance(0.6) ? "video" : "online",
    destination: random.pick(Names.cities), purpose: random.pick(Names.purposes), companies: companies(),
    voidReason: "")
}

let trips = Output(path: out + "/trips.csv")
trips.write("unit,name,start,end,destination,purpose,companies,kind,void_reason\n")
var rows = 0
var counts = (joint: 0, overlap: 0, crossing: 0, void: 0, repeated: 0)
writing: for month in 0..<options.months {
  let first = monthStarts[month]
  let last = monthStarts[month + 1] - 1
  let days = last - first + 1
  for unit in 0..<options.units {
    let members = (unit * options.heads)..<((unit + 1) * options.heads)
    var planned = [[TripRow]](repeating: [], count: options.heads)
    for (slot, index) in members.enumerated() {
      let head = heads[index]
      let mean = perHeadMonth * head.diligence
      var count = Int(mean)
      if random.chance(mean - Double(count)) { count += 1 }
      // Lengths first, shortened until the month holds them, then the slack spread over the gaps.
      var lengths = (0..<count).map { _ in random.chance(0.75) ? [1, 1, 2, 2, 2, 3, 3, 4, 5][random.below(9)] : 0 }
      while lengths.reduce(0, { $0 + max($1, 1) }) > days - 1,
        let longest = lengths.indices.max(by: { lengths[$0] < lengths[$1] }),
        lengths[longest] > 1
      {
        lengths[longest] -= 1
      }
      var slack = max(0, days - lengths.reduce(0, { $0 + max($1, 1) }))
      var day = first
      for length in lengths {
        if options.overlapping {
          day = first + random.below(max(1, days - max(length, 1) + 1))
        } else {
          let gap = random.below(min(slack, 4) + 1)
          slack -= gap
          day += gap
        }
        var trip = length == 0 ? call(on: day) : visit(start: day, length: length)
        // The last visit of a month may run into the next: a trip across a month end.
        if length > 0, trip.end >= last, random.chance(0.5) {
          trip.end = last + 1 + random.below(2)
          counts.crossing += 1
        }
        day = trip.end + 1
        if head.inPost(trip.start, trip.end) { planned[slot].append(trip) }
        // A video call on a day of the visit: the importer accepts it with an overlap note.
        if length > 1, random.chance(0.03) {
          if head.inPost(trip.start + 1, trip.start + 1) {
            planned[slot].append(call(on: trip.start + 1))
            counts.overlap += 1
          }
        }
        // A colleague of the same unit on the same trip: one row each.
        if length > 0, options.heads > 1, random.chance(0.12) {
          let partner = (slot + 1 + random.below(options.heads - 1)) % options.heads
          if heads[members.lowerBound + partner].inPost(trip.start, trip.end) {
            var joint = trip
            joint.voidReason = ""
            planned[partner].append(joint)
            counts.joint += 1
          }
        }
      }
    }
    for (slot, index) in members.enumerated() {
      let head = heads[index]
      let prefix = unitNames[head.unit] + "," + head.name + ","
      for trip in planned[slot].sorted(by: { $0.start < $1.start }) {
        let line =
          prefix + iso(trip.start) + (trip.startsPM ? " PM" : "") + "," + iso(trip.end) + (trip.endsAM ? " AM" : "")
          + "," + trip.destination + "," + trip.purpose + "," + trip.companies + "," + trip.kind + "," + trip.voidReason
          + "\n"
        // A unit that re-sends a row: the importer skips it as already recorded.
        let times = random.chance(0.002) ? 2 : 1
        for _ in 0..<times {
          guard rows < options.trips else { break writing }
          trips.write(line)
          rows += 1
        }
        if times == 2 { counts.repeated += 1 }
        if !trip.voidReason.isEmpty { counts.void += 1 }
      }
    }
  }
}
trips.close()
fputs(
  "zhaoshang-gen: \(options.units) units, \(heads.count) heads, \(options.months) months from \(Days.iso(periodFirst)): "
    + "\(rows) trips (\(trips.bytes) bytes; \(counts.joint) joint, \(counts.overlap) calls during visits, "
    + "\(counts.crossing) across a month end, \(counts.void) void, \(counts.repeated) sent twice) in \(out)\n",
  stderr)
