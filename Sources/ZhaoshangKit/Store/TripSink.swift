/// Where an import's trips go: rows streamed in as the file is read, written all or nothing.
///
/// The reader (`TripImporter.stream`) is synchronous and pushes each row into the sink it is given; the store
/// decides where it runs: the SQLite store runs it on its own thread inside the import's transaction, inserting as
/// rows arrive; another store may run it on a thread of its own and forward the rows (PostgreSQL: to `COPY`).
/// Either way only counts and the first problems are kept, so a file of any size imports in flat memory, and a
/// single bad row (or a closed month touched without an amendment) leaves the ledger as it was.
public protocol TripSink: Sendable {
  /// Imports the trips `feed` pushes, in one transaction; on a dry run, checks everything and writes nothing.
  func importTrips(
    rules: RuleBook, today: CivilDate, stamp: Stamp, dryRun: Bool, amendment: Amendment?,
    feed: @escaping @Sendable (any ImportSink<Trip>) throws(ZhaoshangError) -> Void
  ) async throws(ZhaoshangError) -> ImportReport
}
