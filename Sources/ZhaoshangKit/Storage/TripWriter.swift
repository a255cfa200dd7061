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

  /// Every head the ledger knows, read once.
  private var headIndex: [HeadKey: Int]?
  /// The slots of the heads the ledger knew, by id, to file the recorded trips read for the window under.
  private var slotByHeadID: [Int64: Int] = [:]
  private var slots: [HeadState] = []
  /// The month of the newest trip dates seen; the window of footprints kept runs from the month before it.
  /// Trips can only repeat or overlap trips whose dates meet theirs, and files come month by month, so the
  /// footprints ending before the window are rarely needed again: once too many are kept, they are dropped, and a
  /// trip reaching before what is kept reads the head's trips of its dates from the table instead.
  private var windowMonth: Month?
  /// The first day (`CivilDate.ordinal`) of the window.
  private var windowFirstDay = Int.min
  /// Whether the recorded trips are read a window at a time for all heads, as the window moves; until then each
  /// head met gets all its recorded trips, as a small import or a clerk's few trips need.
  private var recordedByWindow = false
  /// Recorded heads met before `recordedByWindow`, each with all its recorded trips in memory.
  private var headsWithAllRecorded = 0
  private let mostHeadsWithAllRecorded: Int
  /// Once `recordedByWindow`, every recorded trip starting by `recordedThrough` and ending on or after
  /// `recordedFrom` is in memory. A trip outside reads the table.
  private var recordedFrom = Int.min
  private var recordedThrough = Int.min
  /// How many footprints the heads keep, and how many they may keep before those out of the window are dropped.
  private var footprintsKept = 0
  /// Whether footprints were dropped: from then on what is kept no longer widens to reach a trip.
  private var swept = false
  private var footprintsBeforeSweep: Int
  /// Trips this import wrote with ids of their own: those may be below `ledgerTrips` and are not recorded ones.
  private var writtenWithOwnIDs = Set<Int64>()
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
  /// What the trips written since the last merge add to the kept month tallies (`KeptTallies`), taken in on this
  /// thread as each trip is accepted, from the halves its footprint already holds: the inserting thread and the
  /// lock between the two are left as they were.
  private var tallies = MonthTallies()
  /// How the trips written count until reviewed: a unit's wait for the office (`submitForReview`), the office's
  /// count at once.
  private let arrivingStatus: ReviewStatus?
  private let talliesBeforeMerge: Int

  private struct HeadState {
    let key: HeadKey
    var id: Int64?
    /// What the validator needs of the head, found the first time it is met.
    var facts: TripValidator.HeadFacts?
    /// The footprints of the trips this import wrote for the head: all that end on or after `keptFrom`.
    var footprints: [Footprint] = []
    /// The first day (`CivilDate.ordinal`) from which the head's written footprints are all kept: a sweep drops those
    /// ending before the month before the head's newest trip, which are in the table. Each head's own, so that a
    /// file listing a head's trips of a year and then the next head's keeps only the last two months of each.
    var keptFrom = Int.min
    /// The first half-day of the head's newest written trip.
    var newest = Int32.min
    /// The head's recorded trips that reach into the window (or all of them, if `allRecorded`), with their ids
    /// for the notes to cite.
    var recorded: [RecordedFootprint] = []
    /// Whether `recorded` holds all the head's recorded trips: a head new to the ledger has none.
    var allRecorded: Bool
    /// Whether a trip of the head was met.
    var met = false
    /// Trips accepted after the import's first problem: never written, so never in the table, and kept whatever
    /// their dates (an import with a problem writes nothing).
    var unwritten: [Footprint] = []
    /// The last half-day of any footprint ever kept (`Int32.min` if none has one): a trip starting in the window
    /// after it can neither repeat nor overlap one, which spares the search for the trips of a file in date order.
    var latest = Int32.min
    /// Whether a trip was written for the head.
    var written = false
  }

  /// A recorded trip's footprint and id: the notes cite the earliest one (by start date, then id) that matches.
  private struct RecordedFootprint {
    var footprint: Footprint
    var id: Int64
  }

  /// The little of a trip needed to tell a repeat or an overlap: 12 bytes, whatever the trip's text.
  private struct Footprint {
    /// First and last half-day index; an empty trip (PM start, AM end on one day) is `Footprint.empty`.
    var first: Int32
    var last: Int32
    /// The interned kind and destination (`place(kind:destination:)`), with the top bit set for a void trip.
    var placeAndVoid: UInt32

    static let empty = (first: Int32.max, last: Int32.min)
    static let voidBit: UInt32 = 1 << 31

    var isEmpty: Bool { first > last }
    /// The first and last day, as `CivilDate.ordinal`s (a half-day index halved, rounded down).
    var firstDay: Int { Int(first >> 1) }
    var lastDay: Int { Int(last >> 1) }
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
    fewestRowsToDeferIndexes: Int = TripWriter.fewestRowsToDeferIndexes, footprintLimits: FootprintLimits = .standard
  ) {
    pipeline = InsertPipeline(db: db, stamp: stamp)
    self.validator = validator
    self.stamp = stamp
    self.keepAdded = keepAdded
    self.fewestRowsToDeferIndexes = fewestRowsToDeferIndexes
    footprintsBeforeSweep = footprintLimits.footprintsBeforeSweep
    mostHeadsWithAllRecorded = footprintLimits.headsWithAllRecorded
    arrivingStatus = stamp.actor.role == .unit ? .submitted : nil
    talliesBeforeMerge = footprintLimits.talliesBeforeMerge
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
      try mergeTallies()
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
  /// The import needs no `trip_by_head`: the footprints it reads from the table (`readTrips`) come by dates,
  /// through trip_by_dates and trip_long_by_start, which stay.
  private func deferIndexesOnceLarge() throws {
    guard deferredIndexes == nil, addedCount >= fewestRowsToDeferIndexes, Int64(addedCount) > ledgerTrips else {
      return
    }
    deferredIndexes = try pipeline.changeSchema { db in
      let dropped = try DeferredIndexes.drop(["trip_by_head"], in: db)
      // The large cache served trip_by_head (see `enlargeCache`); the rows now reach pages near one another, and
      // the sqlite3 shell stored 1,000,000 trips in the same time with 4 MiB as with 16.
      try db.execute(sql: "PRAGMA cache_size = -4096")
      return dropped
    }
  }

  /// Merges the tallies taken in so far into the table: the inserting thread does so between its batches while
  /// this one reads on, or this one once that thread has stopped.
  private func mergeTallies() throws {
    guard tallies.count > 0 else { return }
    try pipeline.mergeTallies(tallies.sorted)
    tallies.removeAll()
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
    if windowMonth == nil, !mine.isEmpty { try moveWindow(to: Month(containing: trip.start)) }
    let met = try encounter(of: mine, head: head)
    // A repeat of a recorded trip, void or not, adds nothing: re-sending a file must not revive a voided trip.
    // When only a voided trip matches, the clerk is told so, with the void to undo if it was a mistake.
    if met.repeats {
      alreadyPresentCount += 1
      if alreadyPresent.count < 10 { alreadyPresent.append(locate()) }
      if !mine.isVoid, !met.repeatsUnvoided, let voided = met.earliestRecordedRepeat {
        warnings.append { TripAdmission.repeatsVoidedWarning(locate(), voided: voided) }
      }
      return
    }
    // A trip of this import has no id to cite yet: the note then names none.
    let overlaps = !mine.isVoid && met.overlaps
    let citedOverlap = met.earliestRecordedOverlap?.id
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
    if overlaps {
      warnings.append {
        let reference = citedOverlap.map { " #\($0)" } ?? ""
        return locate().problem(
          .tripOverlap, field: nil,
          "与已登记的外出\(reference)时间重叠；重叠的日子只计一次", "overlaps trip\(reference) of the same head; overlapping days count once"
        )
      }
    }
    if problems.isEmpty {
      // Grown by a quarter, not doubled: the window's footprints of a head are most of what the import keeps, and
      // doubled arrays are often little more than half full.
      let count = slots[head].footprints.count
      if count == slots[head].footprints.capacity {
        slots[head].footprints.reserveCapacity(count + count / 4 + 8)
      }
      slots[head].footprints.append(mine)
      slots[head].newest = max(slots[head].newest, mine.first)
    } else {
      slots[head].unwritten.append(mine)
    }
    slots[head].latest = max(slots[head].latest, mine.last)
    footprintsKept += 1
    try moveWindow(to: Month(containing: trip.start))
    if footprintsKept > footprintsBeforeSweep { sweep() }
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
    if !mine.isVoid && !mine.isEmpty {
      tallies.add(
        head: headId, kind: trip.kind, lower: Int(mine.first), upper: Int(mine.last), status: arrivingStatus)
      if tallies.count >= talliesBeforeMerge { try mergeTallies() }
    }
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
      writtenWithOwnIDs.insert(id)
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
          let id: Int64 = row[0]
          index[known] = slots.count
          slotByHeadID[id] = slots.count
          slots.append(HeadState(key: known, id: id, allRecorded: ledgerHadNoTrips))
        }
      }
      headIndex = index
    }
    if let known = headIndex?[key] {
      if !slots[known].met {
        slots[known].met = true
        try readRecorded(of: known)
      }
      return known
    }
    let slot = slots.count
    headIndex?[key] = slot
    slots.append(HeadState(key: key, id: nil, allRecorded: true, met: true))
    return slot
  }

  /// Reads all the recorded trips of the head first met in `slot`, while few heads were met and trip_by_head is
  /// there to find them; past that, the recorded trips of every head are read a window at a time.
  private func readRecorded(of slot: Int) throws {
    guard !slots[slot].allRecorded, !recordedByWindow, let id = slots[slot].id else { return }
    guard headsWithAllRecorded < mostHeadsWithAllRecorded, deferredIndexes == nil else {
      // The heads' own lists go (the ledger's heads have the first slots): from now on every head's recorded trips are
      // read as the window moves.
      recordedByWindow = true
      for other in 0..<slotByHeadID.count {
        slots[other].recorded = []
        slots[other].allRecorded = false
      }
      if let month = windowMonth { try readRecordedWindow(through: month.next.lastDay.ordinal) }
      return
    }
    headsWithAllRecorded += 1
    var found: [RecordedFootprint] = []
    try pipeline.exclusive { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT id, head_id, CAST(julianday(start_date) - 2440587.5 AS INTEGER), starts_afternoon,
            CAST(julianday(end_date) - 2440587.5 AS INTEGER), ends_morning, kind, destination, void_reason IS NOT NULL
          FROM trip WHERE head_id = ?
            AND NOT EXISTS (SELECT 1 FROM trip_review WHERE trip_id = trip.id AND status = 'withdrawn')
          """)
      try forEachTrip(statement, arguments: [id]) { id, _, footprint in
        found.append(RecordedFootprint(footprint: footprint, id: id))
      }
    }
    slots[slot].recorded = found
    slots[slot].allRecorded = true
    slots[slot].latest = found.lazy.map(\.footprint.last).max() ?? Int32.min
  }

  /// What a trip meets among the head's trips: the recorded ones and those this import wrote or accepted.
  private struct Encounter {
    let trip: Footprint
    var repeats = false
    var repeatsUnvoided = false
    /// The smallest id of the recorded trips it repeats: they all start on its start date, and the ledger lists
    /// a head's trips by start date, then id.
    var earliestRecordedRepeat: Int64?
    /// Whether it overlaps a trip that is not void.
    var overlaps = false
    var earliestRecordedOverlap: (day: Int, id: Int64)?

    init(_ trip: Footprint) { self.trip = trip }

    /// Notes one of the head's trips, with its id if it is a recorded one. A trip noted twice changes nothing.
    mutating func note(_ other: Footprint, recordedID: Int64?) {
      if other.repeats(trip) {
        repeats = true
        if !other.isVoid { repeatsUnvoided = true }
        if let id = recordedID { earliestRecordedRepeat = min(earliestRecordedRepeat ?? id, id) }
      }
      guard !other.isVoid, other.overlaps(trip) else { return }
      overlaps = true
      guard let id = recordedID else { return }
      if let earliest = earliestRecordedOverlap, (earliest.day, earliest.id) < (other.firstDay, id) { return }
      earliestRecordedOverlap = (other.firstDay, id)
    }
  }

  /// Everything the trip meets among the head's trips. A trip within the window finds them in memory; one
  /// starting before it, or ending after the recorded trips loaded, reads the head's trips of those dates from
  /// the table too (after sending it the rows waiting), where this import's written rows are with the recorded.
  private func encounter(of trip: Footprint, head: Int) throws -> Encounter {
    var met = Encounter(trip)
    // The validator refuses a trip covering nothing, and the ledger's CHECK keeps it out: it meets nothing.
    guard !trip.isEmpty else { return met }
    if !slots[head].allRecorded, !swept, footprintsKept < footprintsBeforeSweep,
      trip.firstDay < recordedFrom || trip.lastDay > recordedThrough
    {
      try widenRecorded(toReach: trip)
    }
    let withinWindow =
      trip.firstDay >= slots[head].keptFrom
      && (slots[head].allRecorded || (trip.firstDay >= recordedFrom && trip.lastDay <= recordedThrough))
    if withinWindow && trip.first > slots[head].latest { return met }
    for other in slots[head].footprints { met.note(other, recordedID: nil) }
    for other in slots[head].unwritten { met.note(other, recordedID: nil) }
    for other in slots[head].recorded { met.note(other.footprint, recordedID: other.id) }
    guard !withinWindow, let headID = slots[head].id else { return met }
    if !batch.rows.isEmpty {
      batch = try pipeline.submit(batch)
      try deferIndexesOnceLarge()
    }
    let ledgerTrips = ledgerTrips
    let ownIDs = writtenWithOwnIDs
    try pipeline.exclusive { db in
      try readTrips(
        head: headID, startingFrom: nil, startingBy: trip.lastDay, endingFrom: trip.firstDay, in: db
      ) { id, _, footprint in
        let recorded = id <= ledgerTrips && !ownIDs.contains(id)
        met.note(footprint, recordedID: recorded ? id : nil)
      }
    }
    return met
  }

  /// Moves the window to end with the month of the newest trip dates seen (and the next), and reads the recorded
  /// trips it now reaches.
  private func moveWindow(to month: Month) throws {
    if let current = windowMonth, month <= current { return }
    windowMonth = month
    windowFirstDay = max(windowFirstDay, month.previous.firstDay.ordinal)
    try readRecordedWindow(through: month.next.lastDay.ordinal)
  }

  /// Reads the recorded trips of every head that start after those read so far and by `lastDay`, and end in the
  /// window, once they are read a window at a time.
  private func readRecordedWindow(through lastDay: Int) throws {
    guard recordedByWindow, lastDay > recordedThrough, windowFirstDay > Int.min else { return }
    let loadedThrough = recordedThrough
    // The first read starts the recorded trips in memory at the window's first day; each later one reads the trips
    // starting after those read before that end no earlier than they all do.
    if recordedFrom == Int.min { recordedFrom = windowFirstDay }
    recordedThrough = lastDay
    try keepRecorded(
      startingFrom: loadedThrough == Int.min ? nil : loadedThrough + 1, startingBy: lastDay,
      endingFrom: recordedFrom, endingBefore: nil)
  }

  /// Before the first sweep, a trip outside the recorded trips in memory widens them to its months, for every
  /// head: a file out of date order (and small enough to keep all it meets) then reads the table once a month of
  /// dates rather than once a row.
  private func widenRecorded(toReach trip: Footprint) throws {
    guard recordedByWindow, recordedFrom > Int.min else { return }
    if trip.lastDay > recordedThrough {
      try readRecordedWindow(through: Month(containing: CivilDate(ordinal: trip.lastDay)).lastDay.ordinal)
    }
    guard trip.firstDay < recordedFrom else { return }
    let from = Month(containing: CivilDate(ordinal: trip.firstDay)).firstDay.ordinal
    // A trip ending before what is kept starts before it too.
    try keepRecorded(
      startingFrom: nil, startingBy: min(recordedThrough, recordedFrom - 1), endingFrom: from,
      endingBefore: recordedFrom)
    recordedFrom = from
  }

  /// Reads the recorded trips of every head with the dates given (see `readTrips`) into the heads' slots.
  private func keepRecorded(startingFrom: Int?, startingBy: Int, endingFrom: Int, endingBefore: Int?) throws {
    let ledgerTrips = ledgerTrips
    var found: [(head: Int64, recorded: RecordedFootprint)] = []
    try pipeline.exclusive { db in
      try readTrips(
        head: nil, startingFrom: startingFrom, startingBy: startingBy, endingFrom: endingFrom,
        endingBefore: endingBefore, in: db
      ) { id, head, footprint in
        // Rows above the ledger's largest id are this import's own: its footprints are kept apart.
        guard id <= ledgerTrips else { return }
        found.append((head, RecordedFootprint(footprint: footprint, id: id)))
      }
    }
    for (head, recorded) in found {
      guard let slot = slotByHeadID[head] else { continue }
      slots[slot].recorded.append(recorded)
      slots[slot].latest = max(slots[slot].latest, recorded.footprint.last)
    }
    footprintsKept += found.count
    if footprintsKept > footprintsBeforeSweep { sweep() }
  }

  /// Drops the footprints ending before the window (for this import's, the head's own: from the month before its
  /// newest trip): this import's are in the table, and so are the recorded ones.
  private func sweep() {
    // The window is set by the first trip with dates, before any footprint is kept.
    guard windowFirstDay > Int.min else { return }
    swept = true
    let firstHalf = Int32(clamping: windowFirstDay * 2)
    footprintsKept = 0
    for slot in slots.indices {
      if slots[slot].newest > Int32.min {
        let newest = Month(containing: CivilDate(ordinal: Int(slots[slot].newest >> 1)))
        let keptFrom = max(slots[slot].keptFrom, newest.previous.firstDay.ordinal)
        let keptHalf = Int32(clamping: keptFrom * 2)
        slots[slot].footprints.removeAll { $0.last < keptHalf }
        slots[slot].keptFrom = keptFrom
        // A head whose year came whole (a file listing head after head) keeps the room for it otherwise.
        let count = slots[slot].footprints.count
        if slots[slot].footprints.capacity > 2 * count + 16 {
          var kept: [Footprint] = []
          kept.reserveCapacity(count + count / 4 + 8)
          kept.append(contentsOf: slots[slot].footprints)
          slots[slot].footprints = kept
        }
      }
      footprintsKept += slots[slot].footprints.count
      // A head's list of all its recorded trips stays whole: there are few of those.
      guard !slots[slot].allRecorded else { continue }
      slots[slot].recorded.removeAll { $0.footprint.last < firstHalf }
      footprintsKept += slots[slot].recorded.count
    }
    if recordedByWindow { recordedFrom = max(recordedFrom, windowFirstDay) }
    footprintsBeforeSweep = max(footprintsBeforeSweep, footprintsKept + footprintsKept / 2)
  }

  /// Calls `body` with the id, head and footprint of each trip (of one head, or of all) that starts from
  /// `startingFrom` (if given) through `startingBy`, and ends on or after `endingFrom` (and before `endingBefore`,
  /// if given) (days as
  /// `CivilDate.ordinal`s). A trip its unit withdrew is left out: withdrawing is final and the trip no longer
  /// stands, so entering it again submits it anew instead of being skipped as already recorded.
  ///
  /// Read by dates, as the check reads a month: through trip_by_dates from `CheckQuery.longTripDays` before
  /// `endingFrom`, and through the partial index trip_long_by_start for the few longer trips, so it needs no
  /// trip_by_head, which a large import sets aside (`deferIndexesOnceLarge`), and never scans earlier years.
  private func readTrips(
    head: Int64?, startingFrom: Int?, startingBy: Int, endingFrom: Int, endingBefore: Int? = nil, in db: Database,
    _ body: (Int64, Int64, Footprint) throws -> Void
  ) throws {
    // A trip starting before this day and ending on or after `endingFrom` is longer than `longTripDays`.
    let shortFrom = endingFrom - CheckQuery.longTripDays
    let from = startingFrom.map { CivilDate(ordinal: $0).iso } ?? ""
    let shortLower = CivilDate(ordinal: max(startingFrom ?? shortFrom, shortFrom)).iso
    let by = CivilDate(ordinal: startingBy).iso
    let ends = CivilDate(ordinal: endingFrom).iso
    let columns = """
      SELECT id, head_id, CAST(julianday(start_date) - 2440587.5 AS INTEGER), starts_afternoon,
        CAST(julianday(end_date) - 2440587.5 AS INTEGER), ends_morning, kind, destination, void_reason IS NOT NULL
      FROM trip
      """
    let conditions = """
      AND end_date >= ? \(endingBefore == nil ? "" : "AND end_date < ?") \(head == nil ? "" : "AND head_id = ?")
      AND NOT EXISTS (SELECT 1 FROM trip_review WHERE trip_id = trip.id AND status = 'withdrawn')
      """
    let statement = try db.cachedStatement(
      sql: """
        \(columns) WHERE start_date BETWEEN ? AND ? \(conditions)
        UNION ALL
        \(columns) WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)
          AND start_date >= ? AND start_date < ? AND start_date <= ? \(conditions)
        """)
    let before = endingBefore.map { CivilDate(ordinal: $0).iso }
    var arguments: [(any DatabaseValueConvertible)?] = [shortLower, by, ends]
    if let before { arguments.append(before) }
    if let head { arguments.append(head) }
    arguments += [from, CivilDate(ordinal: shortFrom).iso, by, ends]
    if let before { arguments.append(before) }
    if let head { arguments.append(head) }
    try forEachTrip(statement, arguments: StatementArguments(arguments), body)
  }

  /// Calls `body` with the id, head and footprint of each trip `statement` selects: id, head_id, the start as days
  /// since 1970, starts_afternoon, the end likewise, ends_morning, kind, destination, and whether it is void.
  private func forEachTrip(
    _ statement: Statement, arguments: StatementArguments, _ body: (Int64, Int64, Footprint) throws -> Void
  ) throws {
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    while let row = try rows.next() {
      let id: Int64 = row[0]
      guard let start: Int = row[2], let end: Int = row[4] else {
        throw ZhaoshangError.storage(Localized("外出记录 \(id) 的日期已损坏", "trip \(id) holds a damaged date"))
      }
      let first = start * 2 + (row[3] ? 1 : 0)
      let last = end * 2 + (row[5] ? 0 : 1)
      let isVoid: Bool = row[8]
      let footprint = Footprint(
        first: first <= last ? Int32(first) : Footprint.empty.first,
        last: first <= last ? Int32(last) : Footprint.empty.last,
        placeAndVoid: place(kind: row[6], destination: row[7]) | (isVoid ? Footprint.voidBit : 0))
      try body(id, row[1], footprint)
    }
  }

  private func headID(of slot: Int, trip: Trip) throws -> Int64 {
    if let id = slots[slot].id { return id }
    let id =
      try pipeline.exclusive { db in try HeadRecord.findOrInsert(unit: trip.unit, name: trip.name, in: db).id } ?? 0
    slots[slot].id = id
    return id
  }
}
