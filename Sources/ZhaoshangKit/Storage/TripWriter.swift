import GRDB

/// Writes trips inside one ledger transaction, row by row: validates each, skips ones already recorded,
/// notes overlaps, and keeps only counts and the first problems, so an import of any size stays flat in memory.
final class TripWriter: ImportSink {
  private let db: Database
  private let validator: TripValidator
  private let stamp: Stamp
  /// Keep the written trips (with their ids) for the caller; off for imports, which only count them.
  private let keepAdded: Bool

  private(set) var problems = ProblemList()
  private(set) var warnings = ProblemList()
  private(set) var added: [Trip] = []
  private(set) var addedCount = 0
  private(set) var alreadyPresent: [Located<Trip>] = []
  private(set) var alreadyPresentCount = 0
  /// Every month a written trip covers a day of, for the closed-month guard.
  private(set) var monthsTouched = Set<Month>()
  /// The ids the written trips took, for the audit trail.
  private(set) var addedIDs: ClosedRange<Int64>?
  /// The heads written for, so the audit event can name them when there is one.
  private(set) var heads = Set<HeadKey>()
  /// The file the trips came from, once read whole.
  private(set) var source: FileSource?

  func finish(source: FileSource) { self.source = source }

  private var headIDs: [HeadKey: Int64] = [:]
  /// What is known of each head's trips, loaded the first time the head is met.
  private var footprints: [HeadKey: [Footprint]] = [:]

  /// The little of a trip needed to tell a repeat or an overlap.
  private struct Footprint {
    let id: Int64?
    let halves: ClosedRange<Int>?
    let kind: String
    let destination: String
    let isVoid: Bool

    init(_ trip: Trip) {
      id = trip.id
      halves = trip.halves
      kind = trip.kind
      destination = trip.destination
      isVoid = trip.isVoid
    }
  }

  init(db: Database, validator: TripValidator, stamp: Stamp, keepAdded: Bool) {
    self.db = db
    self.validator = validator
    self.stamp = stamp
    self.keepAdded = keepAdded
  }

  func reject(_ problem: Problem) { problems.append(problem) }
  func warn(_ problem: Problem) { warnings.append(problem) }

  func add(_ entry: Located<Trip>) throws(ZhaoshangError) {
    do {
      try write(entry)
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw Ledger.translate(error, path: "")
    }
  }

  private func write(_ given: Located<Trip>) throws {
    let entry = validator.normalized(given)
    let key = HeadKey(unit: entry.value.unit, name: entry.value.name)
    let known = try footprints(of: key)
    let mine = Footprint(entry.value)
    // A repeat of a recorded trip, void or not, adds nothing: re-sending a file must not revive a voided trip.
    if known.contains(where: { $0.halves == mine.halves && $0.kind == mine.kind && $0.destination == mine.destination })
    {
      alreadyPresentCount += 1
      if alreadyPresent.count < 10 { alreadyPresent.append(entry) }
      return
    }
    let rowProblems = validator.problems(with: entry)
    guard rowProblems.isEmpty else {
      problems.append(contentsOf: rowProblems)
      return
    }
    if let halves = mine.halves, !mine.isVoid,
      let overlap = known.first(where: { !$0.isVoid && ($0.halves?.overlaps(halves) ?? false) })
    {
      let reference = overlap.id.map { " #\($0)" } ?? ""
      warnings.append(
        entry.problem(
          "与已登记的外出\(reference)时间重叠；重叠的日子只计一次", "overlaps trip\(reference) of the same head; overlapping days count once"
        ))
    }
    footprints[key, default: []].append(mine)
    // Once the batch has a problem nothing will be written, so stop inserting and only keep checking.
    guard problems.isEmpty else { return }
    var trip = entry.value
    trip.recordedBy = stamp.by
    trip.recordedAt = stamp.at
    if let voiding = trip.voiding {
      trip.voiding = Voiding(reason: voiding.reason, by: stamp.by, at: stamp.at)
    }
    var record = TripRecord(trip, headId: try headID(of: key))
    try record.insert(db)
    trip.id = record.id
    addedCount += 1
    if let id = record.id { addedIDs = (id...id).spanning(addedIDs) }
    heads.insert(key)
    var month = Month(containing: trip.start)
    while month <= Month(containing: trip.end) {
      monthsTouched.insert(month)
      month = month.next
    }
    if keepAdded { added.append(trip) }
  }

  private func footprints(of key: HeadKey) throws -> [Footprint] {
    if let known = footprints[key] { return known }
    let trips = try TripRecord.all().including(required: TripRecord.head.named(key.name, in: key.unit))
      .asRequest(of: TripWithHead.self).fetchAll(db).map { try $0.value() }
    let known = trips.map(Footprint.init)
    footprints[key] = known
    return known
  }

  private func headID(of key: HeadKey) throws -> Int64 {
    if let id = headIDs[key] { return id }
    let id = try HeadRecord.findOrInsert(unit: key.unit, name: key.name, in: db).id ?? 0
    headIDs[key] = id
    return id
  }
}
