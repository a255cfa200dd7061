import GRDB

/// Writes trips inside one ledger transaction, row by row: validates each, skips ones already recorded,
/// notes overlaps, and keeps only counts and the first problems, so an import of any size stays flat in memory.
///
/// The writer keeps no `Database`: the transaction's connection belongs to its `InsertPipeline`, and every query
/// and single-row insert goes through `pipeline.exclusive`, which waits for the rows the second thread is
/// inserting. Nothing here can reach the connection while that thread uses it.
final class TripWriter: ImportSink {
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
  /// The file the trips came from, once read whole.
  private(set) var source: FileSource?

  func finish(source: FileSource) { self.source = source }

  /// The ids the written trips took, for the audit trail: the smallest range holding all of them. Rows the
  /// second thread inserted are added by `finishInserting()`, so read this only after it.
  private(set) var addedIDs: ClosedRange<Int64>?

  /// The audit digest of the rows the second thread inserted, computed as it wrote them.
  private var insertedDigest: CreationDigest?

  /// The audit payload of the rows written, if the second thread wrote every one of them (so its digest covers
  /// `addedIDs`); nil otherwise, and the audit trail reads them back.
  var insertedPayload: EventPayload? {
    guard let addedIDs else { return nil }
    return insertedDigest?.payload(table: .trip, range: addedIDs)
  }

  /// The heads written for, so the audit event can name them when there is one.
  var heads: Set<HeadKey> { Set(slots.filter(\.written).map(\.key)) }

  /// Every head the ledger knows, read once; a head met for the first time gets its trips' footprints then.
  private var headIndex: [HeadKey: Int]?
  private var slots: [HeadState] = []
  /// Kinds and destinations as small numbers, so footprints hold no strings.
  private var kindIDs: [String: UInt32] = [:]
  /// Each kind and destination met together, as one number: a repeat must match both, and nothing else reads them.
  private var placeIDs: [Place: UInt32] = [:]

  private struct Place: Hashable {
    var kind: UInt32
    var destination: String
  }
  /// A kind as written in a file, and as the rules name it: files repeat a handful of kinds a million times.
  private var normalizedKinds: [String: String] = [:]
  /// Writes one row at a time, giving each its id: for `recordTrips`, which returns what it wrote.
  private var insert: TripInsert?
  /// The connection's owner, which also writes on a second thread, in batches: for imports, which only count
  /// what they wrote.
  private let pipeline: InsertPipeline
  private var batch = TripBatch()
  private var cacheEnlarged = false
  /// Whether the ledger held no trip when the import began: then no head has footprints to load.
  private var ledgerHadNoTrips = false
  /// The largest trip id when the import began: trips are never deleted, so at least the ledger's trip count.
  private var ledgerTrips: Int64 = 0
  /// Rows this import must have sent to the inserting thread before the trip indexes are set aside (see
  /// `deferIndexesOnceLarge`).
  private let fewestRowsToDeferIndexes: Int
  /// The trip indexes dropped for this import, to build again once its rows are in; nil while they are kept.
  private var deferredIndexes: DeferredIndexes?

  private struct HeadState {
    let key: HeadKey
    var id: Int64?
    /// What the validator needs of the head, found the first time it is met.
    var facts: TripValidator.HeadFacts?
    /// nil until the head is first met.
    var footprints: [Footprint]?
    /// The ids of the recorded trips among the footprints (they come first), for the overlap note to cite.
    var recordedIDs: [Int64] = []
    /// The last half-day of any of the footprints (`Int32.min` if none has one): a trip starting after it can
    /// neither repeat nor overlap one of them, which spares the search for the trips of a file in date order.
    var latest = Int32.min
    /// Whether a trip was written for the head.
    var written = false
  }

  /// The little of a trip needed to tell a repeat or an overlap: 12 bytes, whatever the trip's text, so a
  /// million trips take 12 MB.
  private struct Footprint {
    /// First and last half-day index; an empty trip (PM start, AM end on one day) is `Footprint.empty`.
    var first: Int32
    var last: Int32
    /// The interned kind and destination (`place(kind:destination:)`), with the top bit set for a void trip.
    var placeAndVoid: UInt32

    static let empty = (first: Int32.max, last: Int32.min)
    static let voidBit: UInt32 = 1 << 31

    var isEmpty: Bool { first > last }
    var isVoid: Bool { placeAndVoid & Self.voidBit != 0 }

    func overlaps(_ other: Footprint) -> Bool {
      !isEmpty && !other.isEmpty && first <= other.last && other.first <= last
    }

    func repeats(_ other: Footprint) -> Bool {
      first == other.first && last == other.last && (placeAndVoid | Self.voidBit) == (other.placeAndVoid | Self.voidBit)
    }
  }

  /// Below this many rows an import keeps the trip indexes as they are: dropping and building them again changes
  /// the schema (every other connection prepares its statements again) for a saving too small to see.
  static let fewestRowsToDeferIndexes = 20_000

  /// Takes the transaction's connection: until `finishInserting()` or `close()`, nothing else may use `db`.
  init(
    db: Database, validator: TripValidator, stamp: Stamp, keepAdded: Bool,
    fewestRowsToDeferIndexes: Int = TripWriter.fewestRowsToDeferIndexes
  ) {
    pipeline = InsertPipeline(db: db, stamp: stamp)
    self.validator = validator
    self.stamp = stamp
    self.keepAdded = keepAdded
    self.fewestRowsToDeferIndexes = fewestRowsToDeferIndexes
  }

  /// Inserts what is still waiting and stops the inserting thread; throws the first error it met. Afterwards
  /// `addedIDs` holds the ids of every row written, and the trip indexes are all there again.
  func finishInserting() throws(ZhaoshangError) {
    do {
      if !batch.rows.isEmpty { batch = try pipeline.submit(batch) }
      if let inserted = try pipeline.finish() {
        addedIDs = inserted.ids.spanning(addedIDs)
        insertedDigest = inserted.digest
      }
      if let deferred = deferredIndexes {
        try pipeline.changeSchema { db in try deferred.rebuild(in: db) }
        deferredIndexes = nil
      }
    } catch {
      throw Ledger.translate(error, path: "")
    }
  }

  /// Sets `trip_by_head` aside once this import has sent more rows than the ledger held before it (and at least
  /// `fewestRowsToDeferIndexes`): from then on building it afresh from all the rows costs less than inserting this
  /// import's rows into it one by one. Files come month by month, so each row goes to its head's place in that
  /// index, a page far from the last row's: the sqlite3 shell, on a busy machine, stored 5,000,000 generated
  /// trips in 33 s keeping every index, 19 s building `trip_by_head` after them, and 25 s building all three
  /// after. The other two begin with the start date, so a file's rows reach them near one another.
  /// `finishInserting` builds the index again.
  ///
  /// The import reads `trip_by_head` only for the footprints of a recorded head it meets for the first time: if
  /// the ledger held trips, every recorded head's footprints are read first, through the index, while it is
  /// there. They are fewer than the rows imported so far (else nothing is set aside), so memory at most doubles
  /// what the footprints of this import take anyway.
  private func deferIndexesOnceLarge() throws {
    guard deferredIndexes == nil, addedCount >= fewestRowsToDeferIndexes, Int64(addedCount) > ledgerTrips else {
      return
    }
    if !ledgerHadNoTrips {
      for slot in slots.indices where slots[slot].footprints == nil {
        try loadFootprints(of: slot)
      }
    }
    deferredIndexes = try pipeline.changeSchema { db in
      let dropped = try DeferredIndexes.drop(["trip_by_head"], in: db)
      // The large cache served trip_by_head (see `enlargeCache`); the rows now reach pages near one another, and
      // the sqlite3 shell stored 1,000,000 trips in the same time with 4 MiB as with 16.
      try db.execute(sql: "PRAGMA cache_size = -4096")
      return dropped
    }
  }

  /// Stops the inserting thread whatever happened, before the transaction ends.
  func close() { pipeline.cancel() }

  /// The transaction's connection, once the rows submitted so far are inserted: for the import's last steps
  /// (the closed-month guard, the audit trail) in the same transaction.
  func exclusive<T>(_ body: (Database) throws -> T) throws -> T { try pipeline.exclusive(body) }

  func reject(_ problem: Problem) { problems.append(problem) }
  func warn(_ problem: Problem) { warnings.append(problem) }

  func add(_ entry: Located<Trip>) throws(ZhaoshangError) {
    try add(entry.value) { entry }
  }

  /// Adds a trip whose location and excerpt are built only if a message needs them: the streaming import
  /// reads a million rows, and all but a few are never named in a message.
  func add(_ trip: Trip, locate: () -> Located<Trip>) throws(ZhaoshangError) {
    do {
      try write(normalized(trip)) { () -> Located<Trip> in
        var entry = locate()
        entry.value.kind = normalizedKind(entry.value.kind)
        return entry
      }
    } catch let error as ZhaoshangError {
      throw error
    } catch {
      throw Ledger.translate(error, path: "")
    }
  }

  /// The trip with its kind written as the rules name it (`外出招商` becomes `visit`), as
  /// `TripValidator.normalized` does, remembered per text.
  private func normalized(_ trip: Trip) -> Trip {
    let kind = normalizedKind(trip.kind)
    guard kind != trip.kind else { return trip }
    var copy = trip
    copy.kind = kind
    return copy
  }

  private func normalizedKind(_ text: String) -> String {
    if let known = normalizedKinds[text] { return known }
    let kind = validator.kindID(for: text)
    normalizedKinds[text] = kind
    return kind
  }

  private func write(_ trip: Trip, locate: () -> Located<Trip>) throws {
    let head = try slot(of: HeadKey(unit: trip.unit, name: trip.name))
    let mine = footprint(of: trip)
    let overlap: Int?
    do {
      // Scoped, so this copy is gone before the append below, which then never copies the array.
      let known = mine.isEmpty || mine.first <= slots[head].latest ? slots[head].footprints ?? [] : []
      // A repeat of a recorded trip, void or not, adds nothing: re-sending a file must not revive a voided trip.
      // When only a voided trip matches, the clerk is told so, with the void to undo if it was a mistake.
      if let repeated = known.firstIndex(where: { $0.repeats(mine) }) {
        alreadyPresentCount += 1
        if alreadyPresent.count < 10 { alreadyPresent.append(locate()) }
        let recorded = slots[head].recordedIDs
        if !mine.isVoid, known[repeated].isVoid, !known.contains(where: { !$0.isVoid && $0.repeats(mine) }),
          repeated < recorded.count
        {
          let voided = recorded[repeated]
          warnings.append {
            var problem = locate().problem(
              .tripRepeatsVoided, field: nil,
              "与已作废的第 \(voided) 条外出记录相同，未再登记；如那次作废有误，",
              "repeats trip \(voided), which was voided, so it was not recorded again; if that void was a mistake, ",
              arguments: ["trip": String(voided)])
            problem.remedy = Remedy(Localized("{action}", "{action}"), .unvoid(voided))
            return problem
          }
        }
        return
      }
      overlap = mine.isVoid ? nil : known.firstIndex { !$0.isVoid && $0.overlaps(mine) }
    }
    // Validated without a location first (no strings built); only a refused row is validated again to be named.
    let facts = slots[head].facts ?? validator.facts(unit: trip.unit, name: trip.name)
    slots[head].facts = facts
    guard validator.problems(with: Located(trip), facts: facts).isEmpty else {
      problems.append(contentsOf: validator.problems(with: locate(), facts: facts))
      return
    }
    // Rare, so the located trip is built at once.
    if !validator.isWithinPosts(trip, facts: facts), let warning = validator.postWarning(with: locate(), facts: facts) {
      warnings.append(warning)
    }
    if let headID = slots[head].id, let leave = try leaveOverlapping(trip, head: headID) {
      warnings.append { Self.leaveWarning(locate(), leave: leave) }
    }
    if let overlap {
      let recorded = slots[head].recordedIDs
      warnings.append {
        let reference = overlap < recorded.count ? " #\(recorded[overlap])" : ""
        return locate().problem(
          .tripOverlap, field: nil,
          "与已登记的外出\(reference)时间重叠；重叠的日子只计一次", "overlaps trip\(reference) of the same head; overlapping days count once"
        )
      }
    }
    // Grown by a quarter, not doubled: a head's footprints are most of an import's memory, and doubled arrays
    // are often little more than half full (8,000 heads of 625 trips each hold room for 1,024).
    if let count = slots[head].footprints?.count, count == slots[head].footprints?.capacity {
      slots[head].footprints?.reserveCapacity(count + count / 4 + 8)
    }
    slots[head].footprints?.append(mine)
    if !mine.isEmpty { slots[head].latest = max(slots[head].latest, mine.last) }
    // Once the batch has a problem nothing will be written, so stop inserting and only keep checking.
    guard problems.isEmpty else { return }
    let headId = try headID(of: head, trip: trip)
    slots[head].written = true
    var month = Month(containing: trip.start)
    let lastMonth = Month(containing: trip.end)
    while month <= lastMonth {
      monthsTouched.insert(month)
      month = month.next
    }
    try enlargeCache()
    if !keepAdded && trip.id == nil {
      batch.append(trip, headId: headId)
      addedCount += 1
      if batch.rows.count >= InsertPipeline.batchRows {
        batch = try pipeline.submit(batch)
        try deferIndexesOnceLarge()
      }
      return
    }
    let id: Int64
    if trip.id == nil {
      let statement = insert ?? TripInsert()
      insert = statement
      id = try pipeline.exclusive { db in try statement.insert(trip, headId: headId, stamp: stamp, in: db) }
    } else {
      // A trip that arrives with an id keeps it, as the record insert always did.
      var record = TripRecord(stamped(trip), headId: headId)
      try pipeline.exclusive { db in try record.insert(db) }
      id = record.id ?? 0
    }
    addedCount += 1
    addedIDs = (id...id).spanning(addedIDs)
    if keepAdded {
      var written = stamped(trip)
      written.id = id
      added.append(written)
    }
  }

  /// Every head's leave, read once when the first trip is written: leave is a few rows a month, and one query
  /// beats one per trip.
  private var leaveByHead: [Int64: [Leave]]?

  /// The first recorded leave of the head that shares a day with the trip, if any.
  private func leaveOverlapping(_ trip: Trip, head: Int64) throws -> Leave? {
    if leaveByHead == nil {
      leaveByHead = try pipeline.exclusive { db in
        var found: [Int64: [Leave]] = [:]
        let rows = try Row.fetchCursor(
          db, sql: "SELECT id, head_id, from_date, to_date, reason FROM leave ORDER BY from_date, id")
        while let row = try rows.next() {
          let id: Int64 = row[0]
          let headID: Int64 = row[1]
          let reason: String = row[4]
          guard let from = CivilDate(iso: row[2]), let to = CivilDate(iso: row[3]) else { continue }
          found[headID, default: []].append(Leave(id: id, unit: "", name: "", from: from, to: to, reason: reason))
        }
        return found
      }
    }
    guard trip.voiding == nil, let leaves = leaveByHead?[head], !leaves.isEmpty else { return nil }
    return leaves.first { $0.from <= trip.end && trip.start <= $0.to }
  }

  /// The warning for a trip recorded over the head's leave: the days of leave do not count as days out.
  static func leaveWarning(_ entry: Located<Trip>, leave: Leave) -> Problem {
    let trip = entry.value
    let reference = leave.id.map { " #\($0)" } ?? ""
    return entry.problem(
      .tripOverlap, field: .from,
      "与\(trip.name)已登记的请假\(reference)（\(leave.reason)，\(leave.from.iso) 至 \(leave.to.iso)）时间重叠；请假的日子不计为外出天数，已登记，请核对日期",
      "overlaps \(trip.name)'s recorded leave\(reference) (\(leave.reason), \(leave.from.iso) to \(leave.to.iso)); days of leave never count as days out: recorded, but check the dates",
      arguments: ["leave": leave.id.map(String.init) ?? "", "from": leave.from.iso, "to": leave.to.iso])
  }

  /// The trip as written: recorded, and voided if it is void, by whoever runs the import.
  private func stamped(_ trip: Trip) -> Trip {
    var written = trip
    written.recordedBy = stamp.by
    written.recordedAt = stamp.at
    if let voiding = trip.voiding { written.voiding = Voiding(reason: voiding.reason, by: stamp.by, at: stamp.at) }
    return written
  }

  /// SQLite's default page cache (2 MB) is far smaller than the trip indexes of a large ledger, and inserting in
  /// file order (by month, then head) touches pages all over trip_by_head (23 MB for a million trips). 16 MB
  /// keeps an import of a million rows under 100 MB in all; 32 MB was not measurably faster. It trades memory,
  /// not durability: the commit is as safe as before.
  private func enlargeCache() throws {
    guard !cacheEnlarged else { return }
    try pipeline.exclusive { db in try db.execute(sql: "PRAGMA cache_size = -16384") }
    cacheEnlarged = true
  }

  private func footprint(of trip: Trip) -> Footprint {
    let halves = trip.halves
    return Footprint(
      first: halves.map { Int32($0.lowerBound) } ?? Footprint.empty.first,
      last: halves.map { Int32($0.upperBound) } ?? Footprint.empty.last,
      placeAndVoid: place(kind: trip.kind, destination: trip.destination) | (trip.isVoid ? Footprint.voidBit : 0))
  }

  private func intern(_ text: String, in table: inout [String: UInt32]) -> UInt32 {
    if let id = table[text] { return id }
    let id = UInt32(table.count)
    table[text] = id
    return id
  }

  /// The number of the kind and destination together; below `Footprint.voidBit` (two thousand million places).
  private func place(kind: String, destination: String) -> UInt32 {
    let key = Place(kind: intern(kind, in: &kindIDs), destination: destination)
    if let id = placeIDs[key] { return id }
    let id = UInt32(placeIDs.count)
    placeIDs[key] = id
    return id
  }

  /// The head's slot, its footprints loaded from the ledger the first time it is met.
  private func slot(of key: HeadKey) throws -> Int {
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
      try pipeline.exclusive { db in
        ledgerTrips = try Int64.fetchOne(db, sql: "SELECT max(id) FROM trip") ?? 0
        ledgerHadNoTrips = ledgerTrips == 0
        let rows = try Row.fetchCursor(db, sql: "SELECT id, unit, name FROM head")
        while let row = try rows.next() {
          let known = HeadKey(unit: row[1], name: row[2])
          index[known] = slots.count
          slots.append(HeadState(key: known, id: row[0], facts: nil, footprints: nil))
        }
      }
      headIndex = index
    }
    let slot: Int
    if let known = headIndex?[key] {
      slot = known
    } else {
      slot = slots.count
      headIndex?[key] = slot
      slots.append(HeadState(key: key, id: nil, facts: nil, footprints: []))
    }
    if slots[slot].footprints == nil { try loadFootprints(of: slot) }
    return slot
  }

  /// Reads the footprints of the recorded head in `slot`.
  private func loadFootprints(of slot: Int) throws {
    guard let id = slots[slot].id, !ledgerHadNoTrips else {
      slots[slot].footprints = []
      return
    }
    let (recorded, ids) = try pipeline.exclusive { db in try footprints(ofHead: id, in: db) }
    slots[slot].footprints = recorded
    slots[slot].recordedIDs = ids
    slots[slot].latest = recorded.lazy.filter { !$0.isEmpty }.map(\.last).max() ?? Int32.min
  }

  /// The head's recorded trips in the order the index on (head_id, start_date) gives them, so the overlap
  /// a warning cites is the earliest one. A trip its unit withdrew is left out: withdrawing is final and the trip
  /// no longer stands, so entering it again submits it anew instead of being skipped as already recorded.
  private func footprints(ofHead id: Int64, in db: Database) throws -> ([Footprint], [Int64]) {
    let statement = try db.cachedStatement(
      sql: """
        SELECT id, CAST(julianday(start_date) - 2440587.5 AS INTEGER), starts_afternoon,
          CAST(julianday(end_date) - 2440587.5 AS INTEGER), ends_morning, kind, destination, void_reason IS NOT NULL
        FROM trip WHERE head_id = ?
          AND NOT EXISTS (SELECT 1 FROM trip_review WHERE trip_id = trip.id AND status = 'withdrawn')
        ORDER BY start_date, id
        """)
    var found: [Footprint] = []
    var ids: [Int64] = []
    let rows = try Row.fetchCursor(statement, arguments: [id])
    while let row = try rows.next() {
      guard let start: Int = row[1], let end: Int = row[3] else {
        let tripID: Int64 = row[0]
        throw ZhaoshangError.storage(Localized("外出记录 \(tripID) 的日期已损坏", "trip \(tripID) holds a damaged date"))
      }
      let first = start * 2 + (row[2] ? 1 : 0)
      let last = end * 2 + (row[4] ? 0 : 1)
      let isVoid: Bool = row[7]
      found.append(
        Footprint(
          first: first <= last ? Int32(first) : Footprint.empty.first,
          last: first <= last ? Int32(last) : Footprint.empty.last,
          placeAndVoid: place(kind: row[5], destination: row[6]) | (isVoid ? Footprint.voidBit : 0)))
      ids.append(row[0])
    }
    return (found, ids)
  }

  private func headID(of slot: Int, trip: Trip) throws -> Int64 {
    if let id = slots[slot].id { return id }
    let id =
      try pipeline.exclusive { db in try HeadRecord.findOrInsert(unit: trip.unit, name: trip.name, in: db).id } ?? 0
    slots[slot].id = id
    return id
  }
}
