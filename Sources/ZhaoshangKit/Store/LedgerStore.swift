/// The ledger as the front ends see it, whatever engine keeps it: a reading side (`LedgerReading`), a writing side
/// whose every method is one transaction keeping the ledger's invariants (`LedgerWriting`), and a sink for imports
/// streamed row by row, all or nothing (`TripSink`).
///
/// Only domain values go in and out (`Post`, `Trip`, `CheckReport`, `ClosedMonth`, `AuditEvent`, `Problem`s inside
/// `ZhaoshangError`): no GRDB type, no SQL, no connection. A store is chosen once, where the ledger is opened, and
/// everything above it is written against these protocols; adding an engine means conforming to them and adding
/// one line to the contract suite (`StoreKind` in the tests), which every store must pass unchanged.
///
/// The methods are `async` because PostgreSQL's client (postgres-nio) is: a query is a future on an event loop.
/// The SQLite store (`SQLiteStore`) runs GRDB's synchronous calls on threads of its own, so no caller's event loop
/// or task ever waits on SQLite; its pool serialises writes and lets reads run side by side.
///
/// Where the rules of the domain live:
/// - above the store, once, as pure functions over values the store reads: the check (`MonthlyCheck.run`), the
///   bulletin, the summary, explanation status, and the closed-month decision (`ClosedMonthRule`: the store reads
///   the closes in force, the rule refuses or names the closes to amend, the store records the amendments in the
///   same transaction);
/// - still inside the SQLite code, waiting to be lifted the same way (a second store must, until then, keep them
///   exactly as the contract suite checks): trip validation, repeats (an identical trip is skipped) and overlaps
///   (a warning) in `TripWriter`/`TripValidator`; the review transitions and who may make them (`Ledger+Review`);
///   roster validation (`RosterValidation`, already pure, called from the write); the close's preconditions
///   (month ended, no trip pending) in `Ledger+Closing`; the audit trail's events and their digests.
///
/// Not yet behind these protocols (the front ends still call `Ledger` for them): accounts, tokens and sessions;
/// explanations and month reports; leave writes, ending a post, undoing a void, correcting a returned trip; the
/// bulletin, owing and the year summary; streaming (`forEachTrip`, `forEachEvent`); backup, restore and schema
/// upgrades, which are engine-specific by nature.
public protocol LedgerStore: LedgerReading, LedgerWriting, TripSink {}
