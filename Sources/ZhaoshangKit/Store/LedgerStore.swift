/// The ledger as the front ends see it, whatever engine keeps it: a reading side (`LedgerReading`), a writing side
/// whose every method is one transaction keeping the ledger's invariants (`LedgerWriting`), a sink for imports
/// streamed row by row, all or nothing (`TripSink`), and the accounts that may use it (`AccountStore`).
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
///   same transaction); trip validation (`TripValidator`), repeats and overlaps (`TripAdmission`), roster
///   validation (`RosterValidation`), the review's steps and voids (`ReviewRule`), closing and reopening a month
///   (`ClosingRule`), month reports (`MonthReportRule`), explanations (`ExplanationRule`), who may add an account
///   (`Ledger.admitAccount`) and change it (`AccountRule`), leave (`LeaveAdmission`), ending a post
///   (`PostEnding`), undoing a void (`RestorationRule`), and the audit trail's events, payloads and digests
///   (`AuditTrail`, over each row's canonical text, `CanonicalText`, the same on every engine) and their
///   verification (`AuditVerifier`);
/// - inside each store, as queries of its engine, held together by the contract suite and by `PostgresStoreTests`
///   (the same changes give the same events, hash for hash): reading what those rules need, in one transaction
///   per method, and the months a bulletin reads (`MonthResults`, `PostgresMonths`). SQLite's import keeps
///   repeats and overlaps in 12-byte footprints of its own (`TripWriter`), `TripAdmission`'s rule at a million rows.
///
/// Accounts, sessions and tokens are a concern of their own (`AccountStore`), kept in the same store.
///
/// The server needs nothing but a `LedgerStore`, and every command of the CLI runs through it but those engine-
/// specific by nature: SQLite's streaming of the audit trail (`forEachEvent`: `history`'s exports), backup, restore
/// and schema upgrades (SQLite's file; PostgreSQL's are `pg_dump`, `pg_restore` and `init`).
public protocol LedgerStore: LedgerReading, LedgerWriting, TripSink, AccountStore {}
