import Foundation

/// The shipped example (Hongze district, July 2022) loaded into a throw-away ledger, as `zhaoshang demo` shows it.
public enum Demo {
  public static let month = Month(year: 2022, month: 7) ?? Month(containing: CivilDate(ordinal: 0))

  /// Reads the shipped rules and example from the bytes built into the binary, imports them into an in-memory ledger
  /// through the ordinary importers, voids the example's withdrawn trip, and checks July 2022.
  public static func run(language: Language) throws(ZhaoshangError) -> CheckReport {
    let (ledger, rules) = try load()
    return try ledger.check(month: month, rules: rules)
  }

  /// The shipped rules and the example, loaded into a ledger in memory (the void trip voided): what `run`
  /// checks, and what `zhaoshang serve --demo` serves. Read from the shipped bytes: nothing touches the disk,
  /// unless `path` names a new ledger file to load them into instead (for `serve --demo --db`, which copies it on).
  public static func load(into path: String? = nil) throws(ZhaoshangError) -> (ledger: Ledger, rules: RuleBook) {
    let rules = try RuleFileParser.loadBook(data: Data(ShippedFiles.defaultRules.utf8), name: "default.toml")
    let ledger: Ledger
    if let path { ledger = try Ledger.open(at: path, create: true) } else { ledger = try Ledger.inMemory() }
    let stamp = Stamp.now(by: "demo")
    let roster = try RosterImporter.read(data: Data(ShippedFiles.exampleRoster.utf8), name: "roster.csv")
    try ledger.addPosts(roster.entries, rules: rules, stamp: stamp, carrying: roster.problems)
    let trips = try TripImporter.read(data: Data(ShippedFiles.exampleTrips.utf8), name: "trips.csv")
    try ledger.recordTrips(
      trips.entries, rules: rules, today: CivilDate.today(), stamp: stamp, carrying: trips.problems)
    try voidListed(in: Data(ShippedFiles.exampleVoids.utf8), name: "voids.csv", ledger: ledger, stamp: stamp)
    return (ledger, rules)
  }

  /// Voids each trip `voids.csv` names by unit, name, start and destination.
  static func voidListed(in data: Data, name: String, ledger: Ledger, stamp: Stamp) throws(ZhaoshangError) {
    let columns = [
      CSVColumn("unit", "单位", required: true), CSVColumn("name", "姓名", required: true),
      CSVColumn("start", "开始日期", required: true), CSVColumn("destination", "目的地", required: true),
      CSVColumn("reason", "作废原因", required: true),
    ]
    var wanted: [(unit: String, name: String, start: String, destination: String, reason: String)] = []
    try CSVSheet(data: data, name: name, columns: columns).read { row in
      wanted.append((row["unit"], row["name"], row["start"], row["destination"], row["reason"]))
    }
    for item in wanted {
      let trips = try ledger.trips(unit: item.unit, name: item.name)
      guard let trip = trips.first(where: { $0.start.iso == item.start && $0.destination == item.destination }),
        let id = trip.id
      else {
        throw .refused(
          Localized("演示数据中找不到要作废的外出：\(item)", "the demo's voids.csv names a trip that is not there: \(item)"))
      }
      try ledger.voidTrip(id: id, reason: item.reason, stamp: stamp)
    }
  }
}
