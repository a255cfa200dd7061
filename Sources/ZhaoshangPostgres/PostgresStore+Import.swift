import NIOCore
import PostgresNIO
import ZhaoshangKit

/// Imports on PostgreSQL: the file's rows streamed from its reader, judged as `recordTrips` judges them, and
/// written with `COPY`, a chunk at a time, all in the import's one transaction.
extension PostgresStore {
  /// Imports the rows `feed` reads, all or nothing, judged and written as `recordTrips` writes them.
  ///
  /// The reader runs on a thread of its own and hands its rows over a few thousand at a time (`TripFeed`); each
  /// chunk is judged, given its ids from the table's sequence, and sent with one `COPY`, which PostgreSQL loads
  /// far faster than `INSERT`s. Held in memory: a few chunks, and what judging needs (each head's trips met so
  /// far, see `TripJudge`). Once a row is refused nothing more is written; the rest of the file is only judged, so
  /// the refusal names all its problems, and the transaction is rolled back. The event is the one `recordTrips`
  /// appends, over the rows as stored.
  public func importTrips(
    rules: RuleBook, today: CivilDate, stamp: Stamp, dryRun: Bool, amendment: Amendment?,
    feed: @escaping @Sendable (any ImportSink<Trip>) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError) -> ImportReport {
    try Ledger.requireWriter(stamp.actor)
    let rows = TripFeed(feed)
    // Lets the reader go when the import stops early; after the last chunk it has gone already.
    defer { rows.stop() }
    return try await write(dryRun: dryRun) { link throws(ZhaoshangError) in
      var judge = try await TripJudge(rules: rules, today: today, carrying: [], link: link)
      var tally = TripTally()
      var headIDs = try await Self.headIDs(link: link)
      // What the new trips add to the kept tallies, written in parts as it fills (`tallyFlushCount`).
      var tallies = MonthTallies()
      let submitted = stamp.actor.role == .unit
      var added = 0
      var source: FileSource?
      for await next in rows.chunks {
        rows.took()
        let chunk = try next.get()
        for problem in chunk.problems { judge.reject(problem) }
        for warning in chunk.warnings { judge.warn(warning) }
        if let read = chunk.source { source = read }
        var toWrite: [Trip] = []
        for entry in chunk.entries {
          if let trip = try await judge.admit(entry, link: link) { toWrite.append(trip) }
        }
        guard judge.problems.isEmpty, !toWrite.isEmpty else { continue }
        for trip in toWrite {
          let key = tally.count(trip)
          if headIDs[key] == nil { headIDs[key] = try await Self.headID(unit: trip.unit, name: trip.name, link: link) }
        }
        let ids = try await Self.drawTripIDs(toWrite.count, link: link)
        guard ids.count == toWrite.count, let low = ids.first, let high = ids.last else {
          throw ZhaoshangError.storage(
            Localized(
              "无法为导入的外出记录取得编号，台账未作改动", "ids for the imported trips could not be drawn; the ledger is unchanged"))
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(toWrite.count * 256)
        for (trip, id) in zip(toWrite, ids) {
          let headID = headIDs[HeadKey(unit: trip.unit, name: trip.name)] ?? 0
          Self.appendCopyRow(Self.stamped(trip, id: id, stamp: stamp), headID: headID, to: &buffer)
          Self.tallyNewTrip(trip, headID: headID, submitted: submitted, into: &tallies)
        }
        try await link.copy(into: "trip", columns: tripCopyColumns, rows: buffer)
        if tallies.count >= Self.tallyFlushCount {
          try await Self.mergeTallies(tallies, link: link)
          tallies.removeAll()
        }
        tally.took(low...high)
        added += toWrite.count
      }
      guard judge.problems.isEmpty else { throw ZhaoshangError.invalidInput(judge.problems.listed) }
      try await Self.mergeTallies(tallies, link: link)
      try await Self.finishWriting(tally, amendment: amendment, stamp: stamp, file: source, link: link)
      return ImportReport(
        added: added, alreadyPresent: judge.alreadyPresentCount,
        firstAlreadyPresent: judge.alreadyPresent.compactMap(\.location), warnings: judge.warnings.listed,
        dryRun: dryRun)
    }
  }

  /// The trip's columns `COPY` fills, in the order `appendCopyRow` writes them.
  private var tripCopyColumns: [String] {
    [
      "id", "head_id", "start_date", "starts_afternoon", "end_date", "ends_morning", "kind", "destination", "purpose",
      "companies", "recorded_by", "recorded_at", "void_reason", "voided_by", "voided_at",
    ]
  }

  /// One line of `COPY`'s text format for a stamped trip: columns split by tabs, `\N` for NULL. A void's
  /// empty reason (which the schema refuses) stands for none, as in `insert`.
  static func appendCopyRow(_ trip: Trip, headID: Int64, to buffer: inout ByteBuffer) {
    let tab = UInt8(ascii: "\t")
    buffer.writeString(String(trip.id ?? 0))
    buffer.writeInteger(tab)
    buffer.writeString(String(headID))
    buffer.writeInteger(tab)
    buffer.writeString(trip.start.iso)
    buffer.writeInteger(tab)
    buffer.writeInteger(UInt8(ascii: trip.startsAfternoon ? "t" : "f"))
    buffer.writeInteger(tab)
    buffer.writeString(trip.end.iso)
    buffer.writeInteger(tab)
    buffer.writeInteger(UInt8(ascii: trip.endsMorning ? "t" : "f"))
    for text in [trip.kind, trip.destination, trip.purpose] {
      buffer.writeInteger(tab)
      appendCopyText(text, to: &buffer)
    }
    buffer.writeInteger(tab)
    var companies: [UInt8] = []
    CompanyJSON.encode(trip.companies, appendingTo: &companies)
    appendCopyText(String(decoding: companies, as: UTF8.self), to: &buffer)
    for text in [trip.recordedBy, trip.recordedAt] {
      buffer.writeInteger(tab)
      appendCopyText(text, to: &buffer)
    }
    let voiding = trip.voiding.flatMap { $0.reason.isEmpty ? nil : $0 }
    for text in [voiding?.reason, voiding?.by, voiding?.at] {
      buffer.writeInteger(tab)
      if let text, !text.isEmpty { appendCopyText(text, to: &buffer) } else { buffer.writeString("\\N") }
    }
    buffer.writeInteger(UInt8(ascii: "\n"))
  }

  /// Text as `COPY`'s text format reads it back: a backslash, tab, newline or carriage return escaped.
  static func appendCopyText(_ text: String, to buffer: inout ByteBuffer) {
    // Text needing no escape, nearly all of it, is copied whole.
    guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
      buffer.writeString(text)
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\\"): buffer.writeString("\\\\")
      case UInt8(ascii: "\t"): buffer.writeString("\\t")
      case UInt8(ascii: "\n"): buffer.writeString("\\n")
      case UInt8(ascii: "\r"): buffer.writeString("\\r")
      default: buffer.writeInteger(byte)
      }
    }
  }
}
