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

  /// Every head the ledger knows, read once; a head met for the first time gets its trips' footprints then.
  private var headIndex: [HeadKey: Int]?
  private var heads: [HeadState] = []
  /// Kinds and destinations as small numbers, so footprints hold no strings.
  private var kindIDs: [String: UInt32] = [:]
  private var destinationIDs: [String: UInt32] = [:]
  private var insert: TripInsert?

  private struct HeadState {
    var id: Int64?
    /// nil until the head is first met.
    var footprints: [Footprint]?
  }

  /// The little of a trip needed to tell a repeat or an overlap: 24 bytes, whatever the trip's text.
  private struct Footprint {
    /// First and last half-day index; an empty trip (PM start, AM end on one day) is `Footprint.empty`.
    var first: Int32
    var last: Int32
    var kind: UInt32
    var destination: UInt32
    /// The recorded trip's id, 0 for one of this batch (which has none to cite yet).
    var id: Int64
    var isVoid: Bool

    static let empty = (first: Int32.max, last: Int32.min)

    var isEmpty: Bool { first > last }

    func overlaps(_ other: Footprint) -> Bool {
      !isEmpty && !other.isEmpty && first <= other.last && other.first <= last
    }

    func repeats(_ other: Footprint) -> Bool {
      first == other.first && last == other.last && kind == other.kind && destination == other.destination
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
    try add(entry.value) { entry }
  }

  /// Adds a trip whose location and excerpt are built only if a message needs them: the streaming import
  /// reads a million rows, and all but a few are never named in a message.
  func add(_ trip: Trip, locate: () -> Located<Trip>) throws(ZhaoshangError) {
    do {
      try write(trip, locate: locate)
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw Ledger.translate(error, path: "")
    }
  }

  private func write(_ trip: Trip, locate: () -> Located<Trip>) throws {
    let head = try state(of: HeadKey(unit: trip.unit, name: trip.name))
    let mine = footprint(of: trip, id: 0)
    let known = heads[head].footprints ?? []
    // A repeat of a recorded trip, void or not, adds nothing: re-sending a file must not revive a voided trip.
    if known.contains(where: { $0.repeats(mine) }) {
      alreadyPresentCount += 1
      if alreadyPresent.count < 10 { alreadyPresent.append(locate()) }
      return
    }
    // Validated without a location first (no strings built); only a refused row is validated again to be named.
    guard validator.problems(with: Located(trip)).isEmpty else {
      problems.append(contentsOf: validator.problems(with: locate()))
      return
    }
    if !mine.isVoid, let overlap = known.first(where: { !$0.isVoid && $0.overlaps(mine) }) {
      warnings.append {
        let reference = overlap.id != 0 ? " #\(overlap.id)" : ""
        return locate().problem(
          "与已登记的外出\(reference)时间重叠；重叠的日子只计一次", "overlaps trip\(reference) of the same head; overlapping days count once"
        )
      }
    }
    heads[head].footprints?.append(mine)
    // Once the batch has a problem nothing will be written, so stop inserting and only keep checking.
    guard problems.isEmpty else { return }
    let headId = try headID(of: head, trip: trip)
    let id: Int64
    if trip.id == nil {
      let statement = try insert ?? TripInsert(db: db)
      insert = statement
      id = try statement.insert(trip, headId: headId, stamp: stamp)
    } else {
      // A trip that arrives with an id keeps it, as the record insert always did.
      var record = TripRecord(stamped(trip), headId: headId)
      try record.insert(db)
      id = record.id ?? 0
    }
    addedCount += 1
    if keepAdded {
      var written = stamped(trip)
      written.id = id
      added.append(written)
    }
  }

  /// The trip as written: recorded, and voided if it is void, by whoever runs the import.
  private func stamped(_ trip: Trip) -> Trip {
    var written = trip
    written.recordedBy = stamp.by
    written.recordedAt = stamp.at
    if let voiding = trip.voiding { written.voiding = Voiding(reason: voiding.reason, by: stamp.by, at: stamp.at) }
    return written
  }

  private func footprint(of trip: Trip, id: Int64) -> Footprint {
    let halves = trip.halves
    return Footprint(
      first: halves.map { Int32($0.lowerBound) } ?? Footprint.empty.first,
      last: halves.map { Int32($0.upperBound) } ?? Footprint.empty.last,
      kind: intern(trip.kind, in: &kindIDs), destination: intern(trip.destination, in: &destinationIDs), id: id,
      isVoid: trip.isVoid)
  }

  private func intern(_ text: String, in table: inout [String: UInt32]) -> UInt32 {
    if let id = table[text] { return id }
    let id = UInt32(table.count)
    table[text] = id
    return id
  }

  /// The head's slot, its footprints loaded from the ledger the first time it is met.
  private func state(of key: HeadKey) throws -> Int {
    // Files list a head's trips together: comparing with the last head is cheaper than hashing two names.
    if let last = lastHead, last.key == key { return last.slot }
    let slot = try lookUp(key)
    lastHead = (key, slot)
    return slot
  }

  private var lastHead: (key: HeadKey, slot: Int)?

  private func lookUp(_ key: HeadKey) throws -> Int {
    if headIndex == nil {
      var index: [HeadKey: Int] = [:]
      let rows = try Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head")
      while let row = try rows.next() {
        index[HeadKey(unit: row[1], name: row[2])] = heads.count
        heads.append(HeadState(id: row[0], footprints: nil))
      }
      headIndex = index
    }
    let slot: Int
    if let known = headIndex?[key] {
      slot = known
    } else {
      slot = heads.count
      headIndex?[key] = slot
      heads.append(HeadState(id: nil, footprints: []))
    }
    if heads[slot].footprints == nil, let id = heads[slot].id {
      heads[slot].footprints = try footprints(ofHead: id)
    }
    return slot
  }

  /// The head's recorded trips in the order the index on (head_id, start_date) gives them, so the overlap
  /// a warning cites is the earliest one.
  private func footprints(ofHead id: Int64) throws -> [Footprint] {
    let statement = try db.cachedStatement(
      sql: """
        SELECT id, CAST(julianday(start_date) - 2440587.5 AS INTEGER), starts_afternoon,
          CAST(julianday(end_date) - 2440587.5 AS INTEGER), ends_morning, kind, destination, void_reason IS NOT NULL
        FROM trip WHERE head_id = ? ORDER BY start_date, id
        """)
    var found: [Footprint] = []
    let rows = try Row.fetchCursor(statement, arguments: [id])
    while let row = try rows.next() {
      guard let start: Int = row[1], let end: Int = row[3] else {
        let tripID: Int64 = row[0]
        throw ZhaoshangError.storage(Localized("外出记录 \(tripID) 的日期已损坏", "trip \(tripID) holds a damaged date"))
      }
      let first = start * 2 + (row[2] ? 1 : 0)
      let last = end * 2 + (row[4] ? 0 : 1)
      found.append(
        Footprint(
          first: first <= last ? Int32(first) : Footprint.empty.first,
          last: first <= last ? Int32(last) : Footprint.empty.last, kind: intern(row[5], in: &kindIDs),
          destination: intern(row[6], in: &destinationIDs), id: row[0], isVoid: row[7]))
    }
    return found
  }

  private func headID(of slot: Int, trip: Trip) throws -> Int64 {
    if let id = heads[slot].id { return id }
    let id = try HeadRecord.findOrInsert(unit: trip.unit, name: trip.name, in: db).id ?? 0
    heads[slot].id = id
    return id
  }
}
