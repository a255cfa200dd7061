import ZhaoshangKit

/// Reads a ledger's rows for `zhaoshang copy`, a batch at a time, all from one unchanging view of it.
protocol CopyReader {
  /// Calls `body` with the rows of `table` in key order, a batch of at most `LedgerCopier.batchSize` at a time,
  /// each row its columns' canonical text (`CopiedTable`).
  func forEachBatch(of table: CopiedTable, _ body: ([[String?]]) async throws(ZhaoshangError) -> Void)
    async throws(ZhaoshangError)
  /// The hash of the last audit event, nil when there is none.
  func lastHash() async throws(ZhaoshangError) -> String?
}

/// Writes copied rows into the target ledger, inside the copy's one transaction (or new file).
protocol CopyWriter {
  func append(_ rows: [[String?]], to table: CopiedTable) async throws(ZhaoshangError)
  func voidTrip(id: Int64, reason: String, by: String, at: String) async throws(ZhaoshangError)
  /// Works out the target's kept month tallies from the rows copied: derived data, never copied itself, so the
  /// copy's tallies are the target's own code's, whatever the source kept.
  func rebuildTallies() async throws(ZhaoshangError)
}

/// The copy itself, the same whichever engines are read and written: every table of `CopiedTable.copiedInOrder`,
/// row for row, with the same ids and values.
///
/// The target's triggers all stay on, and two of them judge an inserted row by its trip's voiding: a review step
/// must not follow a void, and a restoration must join a voided trip to one that counts. Rows copied in their final
/// state would break both (a trip approved and later voided, a restored copy voided again), so history is replayed
/// in the order it happened: trips are written unvoided, then their review steps, then the voids, each restored
/// trip's void only after the restoration that made it, restorations in id order. The voiding is an UPDATE of an
/// unvoided trip, which `trip_void_is_final` allows; the rows end exactly as they stand in the source.
struct LedgerCopier {
  /// Rows read and written at once: large enough that each batch costs one round trip among thousands of rows,
  /// small enough that a province's trips never sit in memory whole.
  static let batchSize = 5_000

  let reader: any CopyReader
  let writer: any CopyWriter

  /// Copies every row; returns how many of each table's, in `CopiedTable.copiedInOrder`'s order.
  func copy() async throws(ZhaoshangError) -> [(table: CopiedTable, rows: Int)] {
    var counts: [(table: CopiedTable, rows: Int)] = []
    var voids: [(id: Int64, reason: String, by: String, at: String)] = []
    var restorations: [[String?]] = []
    for table in CopiedTable.copiedInOrder {
      var count = 0
      try await reader.forEachBatch(of: table) { rows throws(ZhaoshangError) in
        count += rows.count
        switch table.name {
        case CopiedTable.trip.name:
          var unvoided = rows
          for index in unvoided.indices {
            let voiding = CopiedTable.tripVoidingColumns
            if let reason = rows[index][voiding.lowerBound], let id = rows[index][0].flatMap({ Int64($0) }) {
              voids.append(
                (id, reason, rows[index][voiding.lowerBound + 1] ?? "", rows[index][voiding.lowerBound + 2] ?? ""))
            }
            for column in voiding { unvoided[index][column] = nil }
          }
          try await writer.append(unvoided, to: table)
        case CopiedTable.tripRestoration.name:
          // Few: one per void undone. Written after every void they follow, below.
          restorations += rows
        default:
          try await writer.append(rows, to: table)
        }
      }
      counts.append((table, count))
    }
    try await replayVoids(voids, restorations: restorations)
    try await writer.rebuildTallies()
    return counts
  }

  /// Voids the trips that were voided, and writes the restorations, in the order the source's history made them.
  private func replayVoids(
    _ voids: [(id: Int64, reason: String, by: String, at: String)], restorations: [[String?]]
  ) async throws(ZhaoshangError) {
    let restored = Set(restorations.compactMap { $0[2].flatMap { Int64($0) } })
    let voidOf = Dictionary(voids.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    // A trip no restoration made was voided before any restoration could name it.
    for void in voids where !restored.contains(void.id) {
      try await writer.voidTrip(id: void.id, reason: void.reason, by: void.by, at: void.at)
    }
    // A restored copy voided later was voided after the restoration that made it, and before any restoration
    // of it, which has a higher id.
    for restoration in restorations {
      try await writer.append([restoration], to: .tripRestoration)
      if let id = restoration[2].flatMap({ Int64($0) }), let void = voidOf[id] {
        try await writer.voidTrip(id: void.id, reason: void.reason, by: void.by, at: void.at)
      }
    }
  }
}
